// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/protocol/http/http_message.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/status_mapping.h"

namespace m2mbench::http {

/// Options of the HTTP binding of mId that differ between implementations.
struct BindingProfile {
    mid::HttpStatusProfile status;
    /// The secret half of the Basic credentials that carry requestingEntity (PROFILE.md).
    QString requestingEntitySecret = QStringLiteral("secret");
    /// Name of the optional upper-tester header telling the SUT which test case runs.
    QByteArray testCaseHeader = "X-M2MBench-TestCase";
};

/// mId request primitive -> HTTP request (GET/POST/PUT/DELETE, requestingEntity in
/// `Authorization: Basic base64(urlencoded-requestingEntity ":" secret)`).
Request toHttpRequest(const mid::Request &req, const QByteArray &host,
                      const BindingProfile &profile = {});

/// HTTP request -> mId request primitive. Errors name what is wrong, for a 400 answer.
Result<mid::Request> fromHttpRequest(const Request &req);

/// mId response primitive -> HTTP response.
Response toHttpResponse(const mid::Response &rsp, const BindingProfile &profile = {});

/// What the bench reads from a peer's HTTP response: the primitive when the status maps, and the
/// raw facts either way so that checks can judge them.
struct DecodedResponse {
    int httpStatus = 0;
    std::optional<mid::StatusCode> status; ///< nullopt: the HTTP status has no mId meaning
    mid::Response primitive;
};

DecodedResponse fromHttpResponse(const Response &rsp, const BindingProfile &profile = {});

/// Decodes the requestingEntity from an Authorization header; empty when the header is absent.
Result<QString> requestingEntityFromAuthorization(const QByteArray &authorization);

} // namespace m2mbench::http
