// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace m2mbench::mid {

/// The mId verbs of TS 102 921 (NOTIFY travels as CREATE towards the subscriber's contact).
enum class Method { Create, Retrieve, Update, Delete, Notify };

QString methodName(Method m);
std::optional<Method> methodFromName(QStringView name);

/// The statusCode values of the schemas (common.xsd, StatusCode).
enum class StatusCode {
    Ok,
    Created, ///< not in the schema's list; the binding's 201 for CREATE
    Accepted,
    BadRequest,
    PermissionDenied,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    NotAcceptable,
    RequestTimeout,
    Conflict,
    UnsupportedMediaType,
    InternalServerError,
    NotImplemented,
    BadGateway,
    ServiceUnavailable,
    GatewayTimeout,
    Deleted,
    Expired,
};

/// "STATUS_OK", "STATUS_CREATED", ...
QString statusName(StatusCode s);
std::optional<StatusCode> statusFromName(QStringView name);
/// Whether the status is in the schema's StatusCode enumeration (STATUS_CREATED is not).
bool statusInSchema(StatusCode s);
bool isSuccess(StatusCode s);

/// A request primitive on mId, independent of the binding that carries it.
struct Request {
    Method method = Method::Retrieve;
    QString target;                       ///< resource path, e.g. "/m2m/scls/gscl-01"
    QString requestingEntity;             ///< anyURI of the requester; empty when not given
    QList<QPair<QString, QString>> query; ///< filter criteria and other query parameters
    QByteArray body;                      ///< XML representation, when the method carries one
    QString contentType = QStringLiteral("application/xml");
    /// Upper-tester hint: the test case that caused this request (see docs/architecture.md).
    QString testCaseHint;
};

/// A response primitive.
struct Response {
    StatusCode status = StatusCode::Ok;
    QString location; ///< URI of a created resource
    QByteArray body;  ///< resource representation or errorInfo
    QString contentType;
};

} // namespace m2mbench::mid
