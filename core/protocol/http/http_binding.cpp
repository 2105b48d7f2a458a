// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_binding.h"

#include "core/protocol/mid/xml.h"

#include <QUrl>

namespace m2mbench::http {

namespace {

QByteArray verbFor(mid::Method m) {
    switch (m) {
    case mid::Method::Create: return "POST";
    case mid::Method::Retrieve: return "GET";
    case mid::Method::Update: return "PUT";
    case mid::Method::Delete: return "DELETE";
    case mid::Method::Notify: return "POST";
    }
    return "GET";
}

} // namespace

Request toHttpRequest(const mid::Request &req, const QByteArray &host,
                      const BindingProfile &profile) {
    Request out;
    out.method = verbFor(req.method);
    out.target = QUrl::toPercentEncoding(req.target, "/:@-._~!$&'()*+,;=");
    if (!req.query.isEmpty()) {
        QByteArray q;
        for (const auto &[k, v] : req.query) {
            if (!q.isEmpty()) {
                q += '&';
            }
            q += QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v);
        }
        out.target += '?' + q;
    }
    out.headers.add("Host", host);
    if (!req.requestingEntity.isEmpty()) {
        const QByteArray credentials = QUrl::toPercentEncoding(req.requestingEntity) + ':' +
                                       profile.requestingEntitySecret.toUtf8();
        out.headers.add("Authorization", "Basic " + credentials.toBase64());
    }
    if (!req.testCaseHint.isEmpty() && !profile.testCaseHeader.isEmpty()) {
        out.headers.add(profile.testCaseHeader, req.testCaseHint.toUtf8());
    }
    out.headers.add("Accept", "application/xml");
    if (!req.body.isEmpty()) {
        out.headers.add("Content-Type", req.contentType.toUtf8());
    }
    out.body = req.body;
    return out;
}

Result<QString> requestingEntityFromAuthorization(const QByteArray &authorization) {
    if (authorization.isEmpty()) {
        return QString();
    }
    if (!authorization.startsWith("Basic ")) {
        return fail(Error::Kind::Parse, QStringLiteral("Authorization is not Basic"));
    }
    const auto decoded = QByteArray::fromBase64Encoding(authorization.mid(6).trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return fail(Error::Kind::Parse, QStringLiteral("Authorization credentials are not base64"));
    }
    const QByteArray credentials = *decoded;
    const qsizetype colon = credentials.indexOf(':');
    if (colon <= 0) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("Authorization credentials lack 'requestingEntity:secret'"));
    }
    return QUrl::fromPercentEncoding(credentials.left(colon));
}

Result<mid::Request> fromHttpRequest(const Request &req) {
    mid::Request out;
    if (req.method == "GET") {
        out.method = mid::Method::Retrieve;
    } else if (req.method == "POST") {
        out.method = mid::Method::Create;
    } else if (req.method == "PUT") {
        out.method = mid::Method::Update;
    } else if (req.method == "DELETE") {
        out.method = mid::Method::Delete;
    } else {
        return fail(
            Error::Kind::Parse,
            QStringLiteral("method %1 has no mId meaning").arg(QString::fromLatin1(req.method)));
    }
    out.target = req.path();
    const QByteArray query = req.query();
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty()) {
            continue;
        }
        const qsizetype eq = pair.indexOf('=');
        out.query.append({QUrl::fromPercentEncoding(eq >= 0 ? pair.left(eq) : pair),
                          QUrl::fromPercentEncoding(eq >= 0 ? pair.mid(eq + 1) : QByteArray())});
    }
    auto entity = requestingEntityFromAuthorization(req.headers.value("Authorization"));
    if (!entity) {
        return fail(entity.error());
    }
    out.requestingEntity = *entity;
    out.body = req.body;
    out.contentType = QString::fromLatin1(req.headers.value("Content-Type"));
    return out;
}

Response toHttpResponse(const mid::Response &rsp, const BindingProfile &profile) {
    Response out;
    out.status = mid::httpStatusFor(rsp.status, profile.status);
    if (!rsp.location.isEmpty()) {
        out.headers.add("Location", QUrl::toPercentEncoding(rsp.location, "/:@-._~!$&'()*+,;="));
    }
    if (!rsp.body.isEmpty()) {
        out.headers.add("Content-Type", rsp.contentType.isEmpty() ? QByteArray("application/xml")
                                                                  : rsp.contentType.toUtf8());
    }
    out.body = rsp.body;
    return out;
}

DecodedResponse fromHttpResponse(const Response &rsp, const BindingProfile &profile) {
    DecodedResponse out;
    out.httpStatus = rsp.status;
    out.status = mid::statusFromHttp(rsp.status, profile.status);
    out.primitive.status = out.status.value_or(mid::StatusCode::InternalServerError);
    out.primitive.location = QUrl::fromPercentEncoding(rsp.headers.value("Location"));
    out.primitive.body = rsp.body;
    out.primitive.contentType = QString::fromLatin1(rsp.headers.value("Content-Type"));
    // Where one HTTP code stands for several statuses (410 for DELETED and EXPIRED, or 500 for
    // EXPIRED), an errorInfo whose statusCode maps to the same HTTP code tells them apart.
    if (rsp.status >= 400 && rsp.body.contains("errorInfo")) {
        if (auto doc = mid::parseXml(rsp.body); doc && doc->name == u"errorInfo") {
            const auto code = mid::statusFromName(doc->childText(u"statusCode"));
            if (code && mid::httpStatusFor(*code, profile.status) == rsp.status) {
                out.status = code;
                out.primitive.status = *code;
            }
        }
    }
    return out;
}

} // namespace m2mbench::http
