// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/eap/eap_server.h"

namespace m2mbench::eap {

namespace {

/// Identities are NAIs (RFC 7542): a generous bound, and no control characters in traces.
constexpr qsizetype kMaxIdentity = 253;

} // namespace

EapServer::EapServer(Policy policy, quint8 firstIdentifier)
    : m_policy(std::move(policy))
    , m_id(firstIdentifier) {}

SecureBytes EapServer::msk() const {
    return m_status == Status::Success && m_method ? m_method->getKey() : SecureBytes();
}

SecureBytes EapServer::emsk() const {
    return m_status == Status::Success && m_method ? m_method->getEmsk() : SecureBytes();
}

EapServer::Output EapServer::start() {
    m_lastRequest = Packet::request(m_id, Type::Identity).encode();
    return {m_lastRequest, QStringLiteral("Request/Identity"), false};
}

EapServer::Output EapServer::startWithIdentity(const QByteArray &identityResponse) {
    auto packet = parsePacket(identityResponse);
    if (!packet || !packet->isResponse() || packet->type != Type::Identity) {
        return {{}, QStringLiteral("ignored: the first packet is not a Response/Identity"), true};
    }
    m_id = packet->identifier;
    return handleIdentity(*packet);
}

EapServer::Output EapServer::receive(const QByteArray &bytes) {
    auto packet = parsePacket(bytes);
    if (!packet) {
        return {{}, QStringLiteral("ignored: ") + packet.error().message, true};
    }
    if (m_status != Status::Running) {
        return {{}, QStringLiteral("ignored: EAP already ended"), true};
    }
    if (!packet->isResponse()) {
        return {
            {}, QStringLiteral("ignored: %1 sent to the server").arg(codeName(packet->code)), true};
    }
    if (packet->identifier != m_id) {
        return {{},
                QStringLiteral("ignored: Response id=%1 does not answer the current Request "
                               "id=%2")
                    .arg(packet->identifier)
                    .arg(m_id),
                true};
    }
    return m_awaitingIdentity ? handleIdentity(*packet) : handleMethodResponse(*packet);
}

EapServer::Output EapServer::handleIdentity(const Packet &response) {
    if (response.type != Type::Identity) {
        return {{},
                QStringLiteral("ignored: %1 while waiting for the identity")
                    .arg(typeName(response.type.value_or(0))),
                true};
    }
    m_awaitingIdentity = false;
    m_identity = QString::fromUtf8(response.typeData.left(kMaxIdentity));
    if (response.typeData.size() > kMaxIdentity) {
        m_failure = QStringLiteral("identity longer than %1 octets").arg(kMaxIdentity);
        m_status = Status::Failure;
        return finish(response.identifier, m_failure);
    }
    auto method = m_policy(m_identity);
    if (!method) {
        m_failure = method.error().message;
        m_status = Status::Failure;
        return finish(response.identifier, QStringLiteral("identity refused: ") + m_failure);
    }
    m_method = std::move(*method);
    return nextRequest(
        QStringLiteral("identity \"%1\" accepted, starting %2").arg(m_identity, m_method->name()));
}

EapServer::Output EapServer::handleMethodResponse(const Packet &response) {
    const quint8 type = response.type.value_or(0);
    if (type == Type::Nak) {
        m_failure = QStringLiteral("the peer refused %1 (Nak)").arg(m_method->name());
        m_status = Status::Failure;
        return finish(response.identifier, m_failure);
    }
    if (type != m_method->type()) {
        return {
            {},
            QStringLiteral("ignored: %1 Response during %2").arg(typeName(type), m_method->name()),
            true};
    }
    m_method->process(response.typeData);
    if (m_method->isDone()) {
        m_status = m_method->isSuccess() ? Status::Success : Status::Failure;
        if (!m_method->isSuccess()) {
            m_failure = m_method->failureReason();
        }
        return finish(response.identifier, m_method->lastNote());
    }
    return nextRequest(m_method->lastNote());
}

EapServer::Output EapServer::nextRequest(const QString &note) {
    ++m_id;
    m_lastRequest = Packet::request(m_id, m_method->type(), m_method->buildRequest()).encode();
    return {m_lastRequest, note, false};
}

EapServer::Output EapServer::finish(quint8 identifier, const QString &note) {
    // RFC 3748 section 4.2: Success and Failure carry the Identifier of the Response they answer.
    m_lastRequest.clear();
    const Packet p =
        m_status == Status::Success ? Packet::success(identifier) : Packet::failure(identifier);
    return {p.encode(), note, false};
}

} // namespace m2mbench::eap
