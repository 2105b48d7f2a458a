// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/eap/eap_peer.h"

namespace m2mbench::eap {

EapPeer::EapPeer(QString identity, QList<quint8> methods, MethodFactory factory)
    : m_identity(std::move(identity))
    , m_methods(std::move(methods))
    , m_factory(std::move(factory)) {}

bool EapPeer::isKeyAvailable() const {
    return m_status == Status::Success && m_method && m_method->isKeyAvailable();
}

SecureBytes EapPeer::msk() const {
    return m_method ? m_method->getKey() : SecureBytes();
}

SecureBytes EapPeer::emsk() const {
    return m_method ? m_method->getEmsk() : SecureBytes();
}

EapPeer::Output EapPeer::receive(const QByteArray &bytes) {
    auto packet = parsePacket(bytes);
    if (!packet) {
        return {std::nullopt, QStringLiteral("ignored: ") + packet.error().message, true};
    }
    if (m_status != Status::Running) {
        return {std::nullopt, QStringLiteral("ignored: EAP already ended"), true};
    }
    switch (packet->code) {
    case Code::Request:
        return handleRequest(*packet, bytes.left(kHeaderLength + 1 + packet->typeData.size()));
    case Code::Success: return handleSuccess(*packet);
    case Code::Failure: return handleFailure(*packet);
    case Code::Response: break;
    }
    return {std::nullopt, QStringLiteral("ignored: a Response sent to the peer"), true};
}

EapPeer::Output EapPeer::handleRequest(const Packet &request, const QByteArray &raw) {
    // RFC 4137 section 4.5: the same Identifier and content again is a retransmission of the
    // authenticator; answer with the same Response, never process it twice.
    if (m_lastId == request.identifier && raw == m_lastRequest) {
        return {m_lastResponse, QStringLiteral("duplicate Request: Response retransmitted"), false};
    }
    const quint8 type = request.type.value_or(0);
    if (type == Type::Identity) {
        return respond(request, raw, m_identity.toUtf8(), Type::Identity,
                       QStringLiteral("identity \"%1\"").arg(m_identity));
    }
    if (type == Type::Notification) {
        return respond(request, raw, {}, Type::Notification,
                       QStringLiteral("notification \"%1\"")
                           .arg(QString::fromUtf8(request.typeData.left(200))));
    }
    if (!m_method) {
        if (!m_methods.contains(type) || !(m_method = m_factory(type))) {
            QByteArray desired;
            for (quint8 t : m_methods) {
                desired.append(static_cast<char>(t));
            }
            return respond(request, raw, desired, Type::Nak,
                           QStringLiteral("Nak: %1 not supported").arg(typeName(type)));
        }
    } else if (type != m_method->type()) {
        return {
            std::nullopt,
            QStringLiteral("ignored: %1 Request during %2").arg(typeName(type), m_method->name()),
            true};
    }
    PeerStep step = m_method->process(request.typeData);
    if (!step.response) {
        return {std::nullopt, step.note, true};
    }
    return respond(request, raw, *step.response, type, step.note);
}

EapPeer::Output EapPeer::respond(const Packet &request, const QByteArray &raw,
                                 const QByteArray &typeData, quint8 type, const QString &note) {
    m_lastId = request.identifier;
    m_lastRequest = raw;
    m_lastResponse = Packet::response(request.identifier, type, typeData).encode();
    ++m_rounds;
    return {m_lastResponse, note, false};
}

EapPeer::Output EapPeer::handleSuccess(const Packet &packet) {
    if (!m_method || !m_method->allowsSuccess() || m_method->failed()) {
        // A Success before the method has proven the server is what an attacker would inject
        // (RFC 4137 decision FAIL): it must not end the authentication.
        return {std::nullopt,
                QStringLiteral("EAP-Success ignored: %1")
                    .arg(m_method ? QStringLiteral("%1 has not finished").arg(m_method->name())
                                  : QStringLiteral("no method has run")),
                true};
    }
    if (m_lastId && packet.identifier != *m_lastId) {
        return {std::nullopt,
                QStringLiteral("EAP-Success ignored: identifier %1, the last Response had %2")
                    .arg(packet.identifier)
                    .arg(*m_lastId),
                true};
    }
    m_status = Status::Success;
    return {std::nullopt, QStringLiteral("EAP-Success"), false};
}

EapPeer::Output EapPeer::handleFailure(const Packet &packet) {
    Q_UNUSED(packet)
    m_status = Status::Failure;
    m_failure = m_method && !m_method->failureReason().isEmpty()
                    ? m_method->failureReason()
                    : QStringLiteral("the server sent EAP-Failure");
    return {std::nullopt, QStringLiteral("EAP-Failure: ") + m_failure, false};
}

} // namespace m2mbench::eap
