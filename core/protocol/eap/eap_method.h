// SPDX-License-Identifier: Apache-2.0
#pragma once

// The EAP method interface in the shape of hostap's `struct eap_method` (eap_i.h,
// eap_server/eap_i.h): a peer side that processes a Request and builds the Response, a server
// side that builds Requests and processes Responses, each telling when it is done, whether it
// succeeded, and handing out the MSK and EMSK. The EAP state machines (eap_peer.h,
// eap_server.h) own identity, identifiers, Success and Failure; methods see only Type-Data.

#include "core/common/secure_bytes.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace m2mbench::eap {

/// What a peer method made of one Request.
struct PeerStep {
    /// Type-Data of the Response; nullopt means "ignore this Request" (RFC 4137 ignore = TRUE).
    std::optional<QByteArray> response;
    /// What happened, for the trace: "TLS handshake complete (TLS 1.3)", "alert unknown_ca".
    QString note;
};

/// The peer side of one method run.
class PeerMethod {
public:
    virtual ~PeerMethod() = default;
    [[nodiscard]] virtual quint8 type() const = 0;
    [[nodiscard]] virtual QString name() const = 0;
    /// Handles the Type-Data of a Request of this method.
    virtual PeerStep process(const QByteArray &typeData) = 0;
    /// The method expects no further Request.
    [[nodiscard]] virtual bool isDone() const = 0;
    /// An EAP-Success may be accepted now (RFC 4137 decision COND_SUCC or UNCOND_SUCC): for
    /// EAP-TLS only after the server proved itself (its Finished, or the TLS 1.3 commitment).
    [[nodiscard]] virtual bool allowsSuccess() const = 0;
    [[nodiscard]] virtual bool failed() const = 0;
    [[nodiscard]] virtual QString failureReason() const = 0;
    [[nodiscard]] virtual bool isKeyAvailable() const = 0;
    /// MSK (64 octets for EAP-TLS); empty until isKeyAvailable().
    [[nodiscard]] virtual SecureBytes getKey() const = 0;
    [[nodiscard]] virtual SecureBytes getEmsk() const = 0;
};

/// The server side of one method run.
class ServerMethod {
public:
    virtual ~ServerMethod() = default;
    [[nodiscard]] virtual quint8 type() const = 0;
    [[nodiscard]] virtual QString name() const = 0;
    /// Type-Data of the next Request.
    virtual QByteArray buildRequest() = 0;
    /// Handles the Type-Data of a Response of this method.
    virtual void process(const QByteArray &typeData) = 0;
    [[nodiscard]] virtual bool isDone() const = 0;
    [[nodiscard]] virtual bool isSuccess() const = 0;
    [[nodiscard]] virtual QString failureReason() const = 0;
    /// What the last process() did, for the trace.
    [[nodiscard]] virtual QString lastNote() const = 0;
    [[nodiscard]] virtual SecureBytes getKey() const = 0;
    [[nodiscard]] virtual SecureBytes getEmsk() const = 0;
};

} // namespace m2mbench::eap
