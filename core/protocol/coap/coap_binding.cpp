// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/coap/coap_binding.h"

#include "core/protocol/mid/xml.h"

#include <QUrl>

namespace m2mbench::coap {

using mid::Method;
using mid::StatusCode;

namespace {

// Content-Formats of RFC 7252 clause 12.3 and the IANA registry that mId payloads use; a media
// type without one travels as application/octet-stream.
struct FormatName {
    quint16 format;
    const char *mediaType;
};
constexpr FormatName kFormats[] = {
    {0, "text/plain;charset=utf-8"},  {40, "application/link-format"}, {41, "application/xml"},
    {42, "application/octet-stream"}, {47, "application/exi"},         {50, "application/json"},
    {60, "application/cbor"},
};

quint16 formatFor(const QString &contentType) {
    const QString base = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (base.isEmpty() || base == u"text/xml" || base.endsWith(u"+xml")) {
        return kFormatApplicationXml;
    }
    for (const FormatName &f : kFormats) {
        if (QLatin1String(f.mediaType).startsWith(base) &&
            (QLatin1String(f.mediaType).size() == base.size() ||
             QLatin1String(f.mediaType).at(base.size()) == u';')) {
            return f.format;
        }
    }
    return 42;
}

QString mediaTypeFor(std::optional<quint32> format) {
    if (!format) {
        return {};
    }
    for (const FormatName &f : kFormats) {
        if (f.format == *format) {
            return QLatin1String(f.mediaType);
        }
    }
    return QStringLiteral("coap/%1").arg(*format);
}

quint8 methodCode(Method m) {
    switch (m) {
    case Method::Retrieve: return kGet;
    case Method::Create: return kPost;
    case Method::Update: return kPut;
    case Method::Delete: return kDelete;
    case Method::Notify: return kPost;
    }
    return kGet;
}

quint8 fromHttpCode(int http) {
    if (http == 0 || http == 410) {
        return code(4, 4);
    }
    return code(http / 100, http % 100);
}

} // namespace

StatusProfile StatusProfile::fromHttp(const mid::HttpStatusProfile &http) {
    return StatusProfile{fromHttpCode(http.deleted), fromHttpCode(http.expired)};
}

Message toCoapRequest(const mid::Request &req, const BindingProfile &profile) {
    Message m;
    m.type = Type::Confirmable;
    m.code = methodCode(req.method);
    m.setUriPath(req.target);
    for (const auto &[k, v] : req.query) {
        m.addOption(option::kUriQuery, (k + QLatin1Char('=') + v).toUtf8());
    }
    if (!req.requestingEntity.isEmpty()) {
        m.addOption(
            option::kUriQuery,
            (profile.requestingEntityKey + QLatin1Char('=') + req.requestingEntity).toUtf8());
    }
    if (!req.body.isEmpty()) {
        m.addUintOption(option::kContentFormat, formatFor(req.contentType));
        m.payload = req.body;
    }
    m.addUintOption(option::kAccept, kFormatApplicationXml);
    return m;
}

Result<mid::Request> fromCoapRequest(const Message &m, const BindingProfile &profile) {
    mid::Request out;
    switch (m.code) {
    case kGet: out.method = Method::Retrieve; break;
    case kPost: out.method = Method::Create; break;
    case kPut: out.method = Method::Update; break;
    case kDelete: out.method = Method::Delete; break;
    default:
        return fail(Error::Kind::Parse,
                    QStringLiteral("method %1 has no mId meaning").arg(codeText(m.code)));
    }
    QStringList queries = m.uriQueries();
    if (const auto proxy = m.option(option::kProxyUri)) {
        if (m.option(option::kUriPath) || m.option(option::kUriQuery)) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("Proxy-Uri together with Uri-Path or Uri-Query "
                                       "(RFC 7252 section 5.10.2)"));
        }
        const QUrl url(QString::fromUtf8(*proxy), QUrl::StrictMode);
        if (!url.isValid()) {
            return fail(Error::Kind::Parse, QStringLiteral("Proxy-Uri is not a URI"));
        }
        out.target = url.path(QUrl::FullyDecoded);
        queries = url.query(QUrl::FullyDecoded).split(QLatin1Char('&'), Qt::SkipEmptyParts);
    } else {
        out.target = m.uriPath();
    }
    const QString key = profile.requestingEntityKey + QLatin1Char('=');
    for (const QString &q : queries) {
        if (q.startsWith(key)) {
            if (!out.requestingEntity.isEmpty()) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("RequestingEntity given twice in Uri-Query"));
            }
            out.requestingEntity = q.mid(key.size());
            continue;
        }
        const qsizetype eq = q.indexOf(QLatin1Char('='));
        out.query.append({eq >= 0 ? q.left(eq) : q, eq >= 0 ? q.mid(eq + 1) : QString()});
    }
    const auto format = m.uintOption(option::kContentFormat);
    out.body = m.payload;
    out.contentType = mediaTypeFor(format);
    return out;
}

quint8 coapCodeFor(StatusCode status, Method method, const StatusProfile &profile) {
    switch (status) {
    case StatusCode::Ok:
        return method == Method::Retrieve ? code(2, 5)
               : method == Method::Delete ? code(2, 2)
                                          : code(2, 4);
    case StatusCode::Created: return code(2, 1);
    case StatusCode::Accepted: return code(2, 4); // CoAP has no 202
    case StatusCode::BadRequest: return code(4, 0);
    case StatusCode::PermissionDenied: return code(4, 1);
    case StatusCode::Forbidden: return code(4, 3);
    case StatusCode::NotFound: return code(4, 4);
    case StatusCode::MethodNotAllowed: return code(4, 5);
    case StatusCode::NotAcceptable: return code(4, 6);
    case StatusCode::Conflict: return code(4, 9);
    case StatusCode::UnsupportedMediaType: return code(4, 15);
    case StatusCode::InternalServerError: return code(5, 0);
    case StatusCode::NotImplemented: return code(5, 1);
    case StatusCode::BadGateway: return code(5, 2);
    case StatusCode::ServiceUnavailable: return code(5, 3);
    case StatusCode::RequestTimeout: // CoAP has no request timeout of its own
    case StatusCode::GatewayTimeout: return code(5, 4);
    case StatusCode::Deleted: return profile.deleted;
    case StatusCode::Expired: return profile.expired;
    }
    return code(5, 0);
}

std::optional<StatusCode> statusFromCoap(quint8 c, const StatusProfile &) {
    switch (c) {
    case code(2, 1): return StatusCode::Created;
    case code(2, 2):
    case code(2, 3):
    case code(2, 4):
    case code(2, 5): return StatusCode::Ok;
    case code(4, 0): return StatusCode::BadRequest;
    case code(4, 1): return StatusCode::PermissionDenied;
    case code(4, 3): return StatusCode::Forbidden;
    case code(4, 4): return StatusCode::NotFound;
    case code(4, 5): return StatusCode::MethodNotAllowed;
    case code(4, 6): return StatusCode::NotAcceptable;
    case code(4, 9): return StatusCode::Conflict;
    case code(4, 15): return StatusCode::UnsupportedMediaType;
    case code(5, 0): return StatusCode::InternalServerError;
    case code(5, 1): return StatusCode::NotImplemented;
    case code(5, 2): return StatusCode::BadGateway;
    case code(5, 3): return StatusCode::ServiceUnavailable;
    case code(5, 4): return StatusCode::GatewayTimeout;
    default: return std::nullopt;
    }
}

Message toCoapResponse(const mid::Response &rsp, Method method, const BindingProfile &profile) {
    Message m;
    m.type = Type::Acknowledgement;
    m.code = coapCodeFor(rsp.status, method, profile.status);
    if (!rsp.location.isEmpty()) {
        for (const QString &segment : rsp.location.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
            m.addOption(option::kLocationPath, segment.toUtf8());
        }
    }
    if (!rsp.body.isEmpty()) {
        m.addUintOption(option::kContentFormat, formatFor(rsp.contentType));
        m.payload = rsp.body;
    }
    return m;
}

DecodedResponse fromCoapResponse(const Message &m, const BindingProfile &profile) {
    DecodedResponse out;
    out.code = m.code;
    out.status = statusFromCoap(m.code, profile.status);
    out.primitive.status = out.status.value_or(StatusCode::InternalServerError);
    QString location;
    for (const QByteArray &segment : m.optionValues(option::kLocationPath)) {
        location += QLatin1Char('/') + QString::fromUtf8(segment);
    }
    out.primitive.location = location;
    out.primitive.body = m.payload;
    const auto format = m.uintOption(option::kContentFormat);
    out.primitive.contentType = mediaTypeFor(format);
    // Where one code stands for several statuses (4.04 for NOT_FOUND, DELETED and EXPIRED; 5.04
    // for both timeouts), an errorInfo whose statusCode maps to the same code tells them apart.
    if (m.code >= code(4, 0) && m.payload.contains("errorInfo")) {
        if (auto doc = mid::parseXml(m.payload); doc && doc->name == u"errorInfo") {
            const auto named = mid::statusFromName(doc->childText(u"statusCode"));
            if (named && coapCodeFor(*named, Method::Retrieve, profile.status) == m.code) {
                out.status = named;
                out.primitive.status = *named;
            }
        }
    }
    return out;
}

} // namespace m2mbench::coap
