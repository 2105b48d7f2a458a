// SPDX-License-Identifier: Apache-2.0
#pragma once

// The CoAP binding of mId (TS 102 921 annex D as PROFILE.md quotes it): RETRIEVE/CREATE/UPDATE/
// DELETE as GET/POST/PUT/DELETE, the target in Uri-Path (or Proxy-Uri when proxied), the
// requester in Uri-Query "RequestingEntity=<anyURI>", XML as Content-Format 41, and the status
// mapping 2.01 / 2.02 / 2.04 / 2.05, 4.00 ... 4.09 (accepted although RFC 7252 does not list it),
// 4.15, 5.0x. STATUS_DELETED and STATUS_EXPIRED follow the same interop-profile setting as HTTP.

#include "core/common/result.h"
#include "core/protocol/coap/coap_message.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/status_mapping.h"

#include <optional>

namespace m2mbench::coap {

/// How STATUS_DELETED and STATUS_EXPIRED travel over CoAP: CoAP has no 4.10, so the HTTP
/// setting's 410 becomes 4.04 and 500 becomes 5.00 (the errorInfo statusCode tells them apart).
struct StatusProfile {
    quint8 deleted = code(4, 4);
    quint8 expired = code(4, 4);

    /// The CoAP form of the HTTP interop-profile setting.
    static StatusProfile fromHttp(const mid::HttpStatusProfile &http);
};

struct BindingProfile {
    StatusProfile status;
    /// The Uri-Query key that carries the requestingEntity.
    QString requestingEntityKey = QStringLiteral("RequestingEntity");
};

/// mId request -> CoAP request (type CON; message id and token left to the sender).
Message toCoapRequest(const mid::Request &request, const BindingProfile &profile = {});
/// CoAP request -> mId request. Errors name what is wrong (for a 4.00 answer).
Result<mid::Request> fromCoapRequest(const Message &request, const BindingProfile &profile = {});

/// The response code for a status; OK depends on the method (2.05 content, 2.04 changed,
/// 2.02 deleted).
quint8 coapCodeFor(mid::StatusCode status, mid::Method method, const StatusProfile &profile = {});
/// The status a response code stands for; nullopt when it has no mId meaning (4.02, 4.13 ...).
std::optional<mid::StatusCode> statusFromCoap(quint8 code, const StatusProfile &profile = {});

/// mId response -> CoAP response (code, Location-Path, Content-Format, payload).
Message toCoapResponse(const mid::Response &response, mid::Method method,
                       const BindingProfile &profile = {});

/// What the bench reads from a peer's CoAP response.
struct DecodedResponse {
    quint8 code = 0;
    std::optional<mid::StatusCode> status;
    mid::Response primitive;
};
DecodedResponse fromCoapResponse(const Message &response, const BindingProfile &profile = {});

} // namespace m2mbench::coap
