// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/mid/primitive.h"

#include <array>

namespace m2mbench::mid {

namespace {

struct StatusEntry {
    StatusCode code;
    const char *name;
    bool inSchema;
};

constexpr std::array<StatusEntry, 19> kStatuses{{
    {StatusCode::Ok, "STATUS_OK", true},
    {StatusCode::Created, "STATUS_CREATED", false},
    {StatusCode::Accepted, "STATUS_ACCEPTED", true},
    {StatusCode::BadRequest, "STATUS_BAD_REQUEST", true},
    {StatusCode::PermissionDenied, "STATUS_PERMISSION_DENIED", true},
    {StatusCode::Forbidden, "STATUS_FORBIDDEN", true},
    {StatusCode::NotFound, "STATUS_NOT_FOUND", true},
    {StatusCode::MethodNotAllowed, "STATUS_METHOD_NOT_ALLOWED", true},
    {StatusCode::NotAcceptable, "STATUS_NOT_ACCEPTABLE", true},
    {StatusCode::RequestTimeout, "STATUS_REQUEST_TIMEOUT", true},
    {StatusCode::Conflict, "STATUS_CONFLICT", true},
    {StatusCode::UnsupportedMediaType, "STATUS_UNSUPPORTED_MEDIA_TYPE", true},
    {StatusCode::InternalServerError, "STATUS_INTERNAL_SERVER_ERROR", true},
    {StatusCode::NotImplemented, "STATUS_NOT_IMPLEMENTED", true},
    {StatusCode::BadGateway, "STATUS_BAD_GATEWAY", true},
    {StatusCode::ServiceUnavailable, "STATUS_SERVICE_UNAVAILABLE", true},
    {StatusCode::GatewayTimeout, "STATUS_GATEWAY_TIMEOUT", true},
    {StatusCode::Deleted, "STATUS_DELETED", true},
    {StatusCode::Expired, "STATUS_EXPIRED", true},
}};

const StatusEntry &entry(StatusCode s) {
    for (const auto &e : kStatuses) {
        if (e.code == s) {
            return e;
        }
    }
    return kStatuses[12]; // internal server error; unreachable for valid enum values
}

} // namespace

QString methodName(Method m) {
    switch (m) {
    case Method::Create: return QStringLiteral("CREATE");
    case Method::Retrieve: return QStringLiteral("RETRIEVE");
    case Method::Update: return QStringLiteral("UPDATE");
    case Method::Delete: return QStringLiteral("DELETE");
    case Method::Notify: return QStringLiteral("NOTIFY");
    }
    return QStringLiteral("RETRIEVE");
}

std::optional<Method> methodFromName(QStringView name) {
    for (Method m :
         {Method::Create, Method::Retrieve, Method::Update, Method::Delete, Method::Notify}) {
        if (name.compare(methodName(m), Qt::CaseInsensitive) == 0) {
            return m;
        }
    }
    return std::nullopt;
}

QString statusName(StatusCode s) {
    return QString::fromLatin1(entry(s).name);
}

std::optional<StatusCode> statusFromName(QStringView name) {
    for (const auto &e : kStatuses) {
        if (name == QLatin1String(e.name)) {
            return e.code;
        }
    }
    return std::nullopt;
}

bool statusInSchema(StatusCode s) {
    return entry(s).inSchema;
}

bool isSuccess(StatusCode s) {
    return s == StatusCode::Ok || s == StatusCode::Created || s == StatusCode::Accepted;
}

} // namespace m2mbench::mid
