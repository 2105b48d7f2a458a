// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/mid/status_mapping.h"

namespace m2mbench::mid {

bool HttpStatusProfile::parseCode(const QString &text, int *code) {
    if (text.compare(QLatin1String("unmapped"), Qt::CaseInsensitive) == 0) {
        *code = 0;
        return true;
    }
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < 400 || v > 599) {
        return false;
    }
    *code = v;
    return true;
}

int httpStatusFor(StatusCode status, const HttpStatusProfile &profile) {
    switch (status) {
    case StatusCode::Ok: return 200;
    case StatusCode::Created: return 201;
    case StatusCode::Accepted: return 202;
    case StatusCode::BadRequest: return 400;
    case StatusCode::PermissionDenied: return 401;
    case StatusCode::Forbidden: return 403;
    case StatusCode::NotFound: return 404;
    case StatusCode::MethodNotAllowed: return 405;
    case StatusCode::NotAcceptable: return 406;
    case StatusCode::RequestTimeout: return 408;
    case StatusCode::Conflict: return 409;
    case StatusCode::UnsupportedMediaType: return 415;
    case StatusCode::InternalServerError: return 500;
    case StatusCode::NotImplemented: return 501;
    case StatusCode::BadGateway: return 502;
    case StatusCode::ServiceUnavailable: return 503;
    case StatusCode::GatewayTimeout: return 504;
    case StatusCode::Deleted: return profile.deleted != 0 ? profile.deleted : 404;
    case StatusCode::Expired: return profile.expired != 0 ? profile.expired : 404;
    }
    return 500;
}

std::optional<StatusCode> statusFromHttp(int httpStatus, const HttpStatusProfile &profile) {
    // The profile's choices for DELETED/EXPIRED come first: with expired = 500 a 500 means
    // STATUS_EXPIRED only when the body says so, which the caller reads from errorInfo.
    if (profile.deleted != 0 && httpStatus == profile.deleted && httpStatus != 500) {
        return StatusCode::Deleted;
    }
    if (profile.expired != 0 && httpStatus == profile.expired && httpStatus != 500) {
        return StatusCode::Expired;
    }
    switch (httpStatus) {
    case 200: return StatusCode::Ok;
    case 201: return StatusCode::Created;
    case 202: return StatusCode::Accepted;
    case 204: return StatusCode::Ok;
    case 400: return StatusCode::BadRequest;
    case 401: return StatusCode::PermissionDenied;
    case 403: return StatusCode::Forbidden;
    case 404: return StatusCode::NotFound;
    case 405: return StatusCode::MethodNotAllowed;
    case 406: return StatusCode::NotAcceptable;
    case 408: return StatusCode::RequestTimeout;
    case 409: return StatusCode::Conflict;
    case 415: return StatusCode::UnsupportedMediaType;
    case 500: return StatusCode::InternalServerError;
    case 501: return StatusCode::NotImplemented;
    case 502: return StatusCode::BadGateway;
    case 503: return StatusCode::ServiceUnavailable;
    case 504: return StatusCode::GatewayTimeout;
    default: return std::nullopt;
    }
}

} // namespace m2mbench::mid
