// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/msbf/radius_front_end.h"

#include "core/crypto/random.h"
#include "core/protocol/eap/eap_tls.h"

#include <QNetworkDatagram>
#include <QUdpSocket>

namespace m2mbench::nodes {

namespace {

constexpr int kMaxConversations = 256;
constexpr int kIdleMs = 60000;
constexpr int kAnswerCache = 256;

} // namespace

RadiusFrontEnd::RadiusFrontEnd(MsbfNode *msbf, std::shared_ptr<eap::TlsContext> tls,
                               QByteArray secret, trace::Trace *trace)
    : QObject(msbf)
    , m_msbf(msbf)
    , m_tls(std::move(tls))
    , m_secret(std::move(secret))
    , m_trace(trace) {}

RadiusFrontEnd::~RadiusFrontEnd() = default;

Result<quint16> RadiusFrontEnd::listen(const QHostAddress &address, quint16 port) {
    m_socket = new QUdpSocket(this);
    if (!m_socket->bind(address, port)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("MSBF: cannot bind the RADIUS front end on %1:%2: %3")
                        .arg(address.toString())
                        .arg(port)
                        .arg(m_socket->errorString()));
    }
    connect(m_socket, &QUdpSocket::readyRead, this, &RadiusFrontEnd::onReadyRead);
    return m_socket->localPort();
}

void RadiusFrontEnd::onReadyRead() {
    while (m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram d = m_socket->receiveDatagram(radius::kMaxPacketLength + 1);
        handle(d.data(), d.senderAddress(), static_cast<quint16>(d.senderPort()));
    }
}

void RadiusFrontEnd::discard(const QString &why) {
    ++m_discarded;
    emit m_msbf->logLine(QStringLiteral("RADIUS: discarded a request: ") + why);
    if (m_trace) {
        m_trace->append(trace::Event::log(m_msbf->config().name,
                                          QStringLiteral("RADIUS: discarded a request: ") + why));
    }
}

void RadiusFrontEnd::record(bool sent, const QByteArray &raw, const QString &peer) {
    if (!m_trace) {
        return;
    }
    auto p = radius::parsePacket(raw);
    trace::Event e;
    e.kind = sent ? trace::EventKind::MessageSent : trace::EventKind::MessageReceived;
    e.from = sent ? m_msbf->config().name : peer;
    e.to = sent ? peer : m_msbf->config().name;
    e.protocol = QStringLiteral("RADIUS");
    e.summary = p ? radius::summarize(*p) : QStringLiteral("[malformed] ") + p.error().message;
    e.raw = raw;
    m_trace->append(std::move(e));
}

void RadiusFrontEnd::expire() {
    for (auto it = m_conversations.begin(); it != m_conversations.end();) {
        it = it->second->idle.elapsed() > kIdleMs ? m_conversations.erase(it) : std::next(it);
    }
}

std::optional<radius::Packet> RadiusFrontEnd::admit(const QByteArray &raw) {
    auto request = radius::parsePacket(raw);
    if (!request) {
        discard(request.error().message);
        return std::nullopt;
    }
    if (request->code != radius::Code::AccessRequest) {
        discard(QStringLiteral("%1 is not served here").arg(radius::codeName(request->code)));
        return std::nullopt;
    }
    // RFC 3579 section 3.2: an Access-Request with EAP-Message and no valid
    // Message-Authenticator is silently discarded.
    const radius::Check ma =
        radius::verifyMessageAuthenticator(raw, *request, m_secret, request->authenticator);
    if (ma != radius::Check::Valid) {
        discard(QStringLiteral("Message-Authenticator %1 (wrong shared secret?)")
                    .arg(radius::checkName(ma)));
        return std::nullopt;
    }
    return *request;
}

RadiusFrontEnd::Conversation *RadiusFrontEnd::open(QByteArray &stateKey) {
    if (m_conversations.size() >= kMaxConversations) {
        discard(QStringLiteral("%1 conversations open").arg(kMaxConversations));
        return nullptr;
    }
    stateKey = QByteArrayLiteral("m2mbench-") + QByteArray::number(m_nextState++) +
               crypto::OsRandomSource::instance().bytes(8).toHex();
    auto owned = std::make_unique<Conversation>();
    Conversation *c = owned.get();
    m_conversations.emplace(stateKey, std::move(owned));
    c->idle.start();
    c->server = std::make_unique<eap::EapServer>(
        [this, c](const QString &identity) -> Result<std::unique_ptr<eap::ServerMethod>> {
            auto device = m_msbf->policy().lookup(identity);
            if (!device) {
                return fail(device.error());
            }
            c->device = *device;
            const auto &bp = m_msbf->config().profile.bootstrap;
            return std::make_unique<eap::EapTlsServer>(
                m_tls, eap::EapTlsOptions{bp.eapTlsFragmentSize, bp.eapTlsMaxMessage, false});
        });
    return c;
}

void RadiusFrontEnd::handle(const QByteArray &raw, const QHostAddress &from, quint16 port) {
    const QString peer = QStringLiteral("NAS %1").arg(from.toString());
    record(false, raw, peer);
    const auto request = admit(raw);
    if (!request) {
        return;
    }
    const QByteArray dupKey = from.toString().toLatin1() + ':' + QByteArray::number(port) + ':' +
                              QByteArray::number(request->identifier) + request->authenticator;
    if (const auto cached = m_answered.constFind(dupKey); cached != m_answered.constEnd()) {
        m_socket->writeDatagram(*cached, from, port); // a retransmission: the same answer
        record(true, *cached, peer);
        return;
    }
    expire();
    const radius::Attribute *state = request->find(radius::Attr::State);
    QByteArray stateKey = state ? state->value : QByteArray();
    Conversation *c = nullptr;
    if (state == nullptr) {
        c = open(stateKey);
    } else if (const auto it = m_conversations.find(stateKey); it != m_conversations.end()) {
        c = it->second.get();
        c->idle.restart();
    } else {
        discard(QStringLiteral("unknown or expired State"));
    }
    if (c == nullptr) {
        return;
    }
    const eap::EapServer::Output out = state ? c->server->receive(request->eapMessage())
                                             : c->server->startWithIdentity(request->eapMessage());
    if (out.ignored) {
        discard(QStringLiteral("EAP: ") + out.note);
        if (state == nullptr) {
            m_conversations.erase(stateKey);
        }
        return;
    }
    const QByteArray response = respond(*request, stateKey, *c, out);
    if (response.isEmpty()) {
        return;
    }
    m_answered.insert(dupKey, response);
    m_answeredOrder.append(dupKey);
    if (m_answeredOrder.size() > kAnswerCache) {
        m_answered.remove(m_answeredOrder.takeFirst());
    }
    m_socket->writeDatagram(response, from, port);
    record(true, response, peer);
}

QByteArray RadiusFrontEnd::respond(const radius::Packet &request, const QByteArray &stateKey,
                                   Conversation &c, const eap::EapServer::Output &out) {
    radius::Packet response;
    response.identifier = request.identifier;
    eap::EapServer::Status status = c.server->status();
    QByteArray eapOut = out.packet;
    if (status == eap::EapServer::Status::Success) {
        auto *tls = dynamic_cast<eap::EapTlsServer *>(c.server->method());
        auto bound =
            c.device && tls
                ? m_msbf->policy().checkCertificate(*c.device, tls->summary().peerCertificate)
                : Result<void>(fail(Error::Kind::Internal, QStringLiteral("no device")));
        if (!bound) {
            status = eap::EapServer::Status::Failure;
            eapOut = eap::Packet::failure(static_cast<quint8>(out.packet.at(1))).encode();
            emit m_msbf->logLine(QStringLiteral("RADIUS: \"%1\" refused: %2")
                                     .arg(c.server->identity(), bound.error().message));
        }
    }
    response.addEapMessage(eapOut);
    switch (status) {
    case eap::EapServer::Status::Running:
        response.code = radius::Code::AccessChallenge;
        response.add(radius::Attr::State, stateKey);
        break;
    case eap::EapServer::Status::Success:
        response.code = radius::Code::AccessAccept;
        finishAccept(response, request, c);
        break;
    case eap::EapServer::Status::Failure:
        response.code = radius::Code::AccessReject;
        ++m_rejected;
        emit m_msbf->logLine(QStringLiteral("RADIUS: Access-Reject for \"%1\": %2")
                                 .arg(c.server->identity(), c.server->failureReason()));
        break;
    }
    auto bytes = radius::finalizeResponse(response, m_secret, request.authenticator);
    if (status != eap::EapServer::Status::Running) {
        m_conversations.erase(stateKey); // `c` is gone from here on
    }
    return bytes ? *bytes : QByteArray();
}

void RadiusFrontEnd::finishAccept(radius::Packet &response, const radius::Packet &request,
                                  Conversation &c) {
    ++m_accepted;
    response.add(radius::Attr::UserName, c.server->identity().toUtf8());
    auto mppe = radius::mppeAttributes(c.server->msk(), m_secret, request.authenticator,
                                       crypto::OsRandomSource::instance().bytes(2));
    if (mppe) {
        response.attributes.append(*mppe);
    }
    auto *tls = dynamic_cast<eap::EapTlsServer *>(c.server->method());
    const RecordedEapKeys keys = recordEapKeys(
        m_msbf->keys(), tls ? &tls->connection() : nullptr, c.server->msk(), c.server->emsk(),
        QStringLiteral("MSK || EMSK of the EAP method  [RFC 3748 7.10]"));
    const QString identity = c.server->identity();
    emit m_msbf->logLine(QStringLiteral("RADIUS: Access-Accept for \"%1\" (%2)")
                             .arg(identity, tls ? tls->summary().version : QString()));
    if (c.device) {
        QPointer<MsbfNode> msbf = m_msbf;
        m_msbf->bootstrapOutsidePana(
            *c.device, keys.emsk, [msbf, identity](bool ok, const QString &what) {
                if (msbf) {
                    emit msbf->logLine(
                        QStringLiteral("RADIUS: \"%1\" bootstrapped%2: %3")
                            .arg(identity, ok ? QString() : QStringLiteral(" partly"), what));
                }
            });
    }
}

} // namespace m2mbench::nodes
