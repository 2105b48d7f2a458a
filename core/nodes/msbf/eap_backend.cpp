// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/msbf/eap_backend.h"

#include "core/protocol/eap/wire.h"

#include <openssl/rand.h>

namespace m2mbench::nodes {

LocalEapBackend::LocalEapBackend(std::shared_ptr<eap::TlsContext> tls, eap::EapTlsOptions options,
                                 Callbacks callbacks)
    : m_tls(std::move(tls))
    , m_options(options)
    , m_callbacks(std::move(callbacks))
    , m_server(
          [this](const QString &identity) -> Result<std::unique_ptr<eap::ServerMethod>> {
              if (m_callbacks.checkIdentity) {
                  if (auto ok = m_callbacks.checkIdentity(identity); !ok) {
                      return fail(ok.error());
                  }
              }
              return std::make_unique<eap::EapTlsServer>(m_tls, m_options);
          },
          [] {
              unsigned char id = 0;
              RAND_bytes(&id, 1);
              return id;
          }()) {}

void LocalEapBackend::start() {
    handle(m_server.start());
}

void LocalEapBackend::onResponse(const QByteArray &eap) {
    handle(m_server.receive(eap));
}

void LocalEapBackend::handle(const eap::EapServer::Output &out) {
    if (!out.note.isEmpty() && m_callbacks.note) {
        m_callbacks.note(out.note);
    }
    if (out.ignored) {
        return;
    }
    if (m_server.status() == eap::EapServer::Status::Running) {
        m_callbacks.sendEap(out.packet);
        return;
    }
    EapVerdict v;
    v.success = m_server.status() == eap::EapServer::Status::Success;
    v.finalPacket = out.packet;
    v.identity = m_server.identity();
    v.reason = v.success ? QStringLiteral("EAP-TLS succeeded") : m_server.failureReason();
    v.msk = m_server.msk();
    v.emsk = m_server.emsk();
    if (auto *tls = dynamic_cast<eap::EapTlsServer *>(m_server.method())) {
        v.tls = &tls->connection();
        const eap::EapTlsSummary summary = tls->summary();
        v.tlsVersion = summary.version;
        v.peerCertificate = summary.peerCertificate;
    }
    m_callbacks.finished(v);
}

RadiusEapBackend::RadiusEapBackend(radius::Client *client, Nas nas, Callbacks callbacks)
    : m_client(client)
    , m_nas(std::move(nas))
    , m_callbacks(std::move(callbacks)) {}

QString RadiusEapBackend::description() const {
    return m_client ? QStringLiteral("RADIUS pass-through to %1:%2")
                          .arg(m_client->config().server.toString())
                          .arg(m_client->config().port)
                    : QStringLiteral("RADIUS pass-through");
}

void RadiusEapBackend::start() {
    unsigned char id = 0;
    RAND_bytes(&id, 1);
    m_lastId = id;
    m_callbacks.sendEap(eap::Packet::request(m_lastId, eap::Type::Identity).encode());
}

void RadiusEapBackend::onResponse(const QByteArray &eapBytes) {
    if (m_done || !m_client) {
        return;
    }
    auto packet = eap::parsePacket(eapBytes);
    if (!packet || !packet->isResponse()) {
        if (m_callbacks.note) {
            m_callbacks.note(QStringLiteral("ignored a malformed EAP Response"));
        }
        return;
    }
    m_lastId = packet->identifier;
    if (m_identity.isEmpty()) {
        if (packet->type != eap::Type::Identity) {
            finish(false, eap::Packet::failure(m_lastId).encode(), {},
                   QStringLiteral("the first EAP Response is not an Identity"));
            return;
        }
        m_identity = QString::fromUtf8(packet->typeData.left(253));
        if (m_callbacks.checkIdentity) {
            if (auto ok = m_callbacks.checkIdentity(m_identity); !ok) {
                finish(false, eap::Packet::failure(m_lastId).encode(), {}, ok.error().message);
                return;
            }
        }
    }
    radius::Packet request;
    request.code = radius::Code::AccessRequest;
    request.add(radius::Attr::UserName, m_identity.toUtf8());
    request.add(radius::Attr::NasIdentifier, m_nas.nasIdentifier.toUtf8());
    if (!m_nas.callingStationId.isEmpty()) {
        request.add(radius::Attr::CallingStationId, m_nas.callingStationId.toUtf8());
    }
    // Framed-MTU tells the AAA server how large its EAP packets may be (RFC 3579 section 2.2).
    request.add(radius::Attr::FramedMtu, wire::be32(static_cast<quint32>(m_nas.framedMtu)));
    request.add(radius::Attr::NasPortType, wire::be32(5)); // Virtual: PANA is not a port
    if (!m_state.isEmpty()) {
        request.add(radius::Attr::State, m_state);
    }
    request.addEapMessage(eapBytes);
    std::weak_ptr<bool> alive = m_alive;
    m_client->send(request, [this, alive](Result<radius::Reply> reply) {
        if (alive.expired()) {
            return;
        }
        onReply(std::move(reply));
    });
}

void RadiusEapBackend::onReply(Result<radius::Reply> reply) {
    if (!reply) {
        finish(false, eap::Packet::failure(m_lastId).encode(), {}, reply.error().message);
        return;
    }
    const radius::Packet &p = reply->packet;
    const QByteArray eapBytes = p.eapMessage();
    if (const radius::Attribute *state = p.find(radius::Attr::State)) {
        m_state = state->value;
    }
    switch (p.code) {
    case radius::Code::AccessChallenge:
        if (eapBytes.isEmpty()) {
            finish(false, eap::Packet::failure(m_lastId).encode(), {},
                   QStringLiteral("Access-Challenge without EAP-Message"));
            return;
        }
        m_callbacks.sendEap(eapBytes);
        return;
    case radius::Code::AccessAccept: {
        auto msk = radius::mskFromAccept(p, m_client->config().secret, reply->requestAuthenticator);
        if (!msk) {
            finish(false, eap::Packet::failure(m_lastId).encode(), {}, msk.error().message);
            return;
        }
        finish(true, eapBytes.isEmpty() ? eap::Packet::success(m_lastId).encode() : eapBytes, *msk,
               QStringLiteral("Access-Accept from the AAA server"));
        return;
    }
    case radius::Code::AccessReject: {
        const radius::Attribute *msg = p.find(radius::Attr::ReplyMessage);
        finish(false, eapBytes.isEmpty() ? eap::Packet::failure(m_lastId).encode() : eapBytes, {},
               QStringLiteral("Access-Reject from the AAA server%1")
                   .arg(msg ? QStringLiteral(": ") + QString::fromUtf8(msg->value) : QString()));
        return;
    }
    default:
        finish(false, eap::Packet::failure(m_lastId).encode(), {},
               QStringLiteral("unexpected %1 from the AAA server").arg(radius::codeName(p.code)));
    }
}

void RadiusEapBackend::finish(bool success, QByteArray finalPacket, SecureBytes msk,
                              const QString &reason) {
    m_done = true;
    EapVerdict v;
    v.success = success;
    v.finalPacket = std::move(finalPacket);
    v.msk = std::move(msk);
    v.identity = m_identity;
    v.reason = reason;
    m_callbacks.finished(v);
}

} // namespace m2mbench::nodes
