// SPDX-License-Identifier: Apache-2.0
#pragma once

// The EAP authenticator state machine of a local EAP server (RFC 3748, RFC 4137 section 5,
// simplified to one method after Identity): Identifiers, the identity policy that picks the method
// or refuses the identity, Success and Failure.

#include "core/common/result.h"
#include "core/protocol/eap/eap_method.h"
#include "core/protocol/eap/eap_packet.h"

#include <functional>
#include <memory>

namespace m2mbench::eap {

class EapServer {
public:
    enum class Status { Running, Success, Failure };

    /// Decides on the peer's identity: the method to run, or an error whose message says why the
    /// identity is refused ("unknown identity ...").
    using Policy = std::function<Result<std::unique_ptr<ServerMethod>>(const QString &identity)>;

    EapServer(Policy policy, quint8 firstIdentifier = 1);

    /// The packet to send next and what happened; `packet` empty means the input was ignored.
    struct Output {
        QByteArray packet;
        QString note;
        bool ignored = false;
    };

    /// The first Request: EAP-Request/Identity.
    Output start();
    /// Starts from an Identity Response received without a Request of ours (a RADIUS NAS that
    /// asked for the identity itself, RFC 3579 section 2.1).
    Output startWithIdentity(const QByteArray &identityResponse);
    Output receive(const QByteArray &packet);

    [[nodiscard]] Status status() const { return m_status; }
    [[nodiscard]] const QString &identity() const { return m_identity; }
    [[nodiscard]] const QString &failureReason() const { return m_failure; }
    [[nodiscard]] ServerMethod *method() const { return m_method.get(); }
    [[nodiscard]] SecureBytes msk() const;
    [[nodiscard]] SecureBytes emsk() const;
    /// The last Request sent (for lower layers that retransmit).
    [[nodiscard]] const QByteArray &lastRequest() const { return m_lastRequest; }

private:
    Output handleIdentity(const Packet &response);
    Output handleMethodResponse(const Packet &response);
    Output nextRequest(const QString &note);
    Output finish(quint8 identifier, const QString &note);

    Policy m_policy;
    quint8 m_id;
    bool m_awaitingIdentity = true;
    std::unique_ptr<ServerMethod> m_method;
    Status m_status = Status::Running;
    QString m_identity;
    QString m_failure;
    QByteArray m_lastRequest;
};

} // namespace m2mbench::eap
