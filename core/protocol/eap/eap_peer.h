// SPDX-License-Identifier: Apache-2.0
#pragma once

// The EAP peer state machine (RFC 3748, RFC 4137 section 4, simplified to one method): Identity
// and Notification, Nak of unsupported methods, duplicate-Request detection, and the rules that
// keep a forged EAP-Success from ending a method that has not proven the server.

#include "core/protocol/eap/eap_method.h"
#include "core/protocol/eap/eap_packet.h"

#include <QList>

#include <functional>
#include <memory>

namespace m2mbench::eap {

class EapPeer {
public:
    enum class Status { Running, Success, Failure };

    /// Makes the method for a Request Type the peer accepts (nullptr: not supported).
    using MethodFactory = std::function<std::unique_ptr<PeerMethod>(quint8 type)>;

    EapPeer(QString identity, QList<quint8> methods, MethodFactory factory);

    /// What came of one received packet: the Response to send (if any) and what happened.
    struct Output {
        std::optional<QByteArray> response;
        QString note;
        bool ignored = false;
    };

    Output receive(const QByteArray &packet);

    [[nodiscard]] Status status() const { return m_status; }
    [[nodiscard]] const QString &identity() const { return m_identity; }
    [[nodiscard]] QString failureReason() const { return m_failure; }
    [[nodiscard]] PeerMethod *method() const { return m_method.get(); }
    [[nodiscard]] bool isKeyAvailable() const;
    [[nodiscard]] SecureBytes msk() const;
    [[nodiscard]] SecureBytes emsk() const;
    /// Requests answered so far (retransmissions not counted).
    [[nodiscard]] int rounds() const { return m_rounds; }

private:
    Output handleRequest(const Packet &request, const QByteArray &raw);
    Output handleSuccess(const Packet &packet);
    Output handleFailure(const Packet &packet);
    Output respond(const Packet &request, const QByteArray &raw, const QByteArray &typeData,
                   quint8 type, const QString &note);

    QString m_identity;
    QList<quint8> m_methods;
    MethodFactory m_factory;
    std::unique_ptr<PeerMethod> m_method;
    Status m_status = Status::Running;
    QString m_failure;
    std::optional<quint8> m_lastId;
    QByteArray m_lastRequest;
    QByteArray m_lastResponse;
    int m_rounds = 0;
};

} // namespace m2mbench::eap
