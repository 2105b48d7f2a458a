// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_describe.h"

#include "core/protocol/http/http_binding.h"
#include "core/protocol/mid/status_mapping.h"
#include "core/protocol/mid/xml.h"

namespace m2mbench::http {

namespace {

constexpr qsizetype kMaxXmlFields = 2000; // a hostile body must not grow the trace without bound

QString midMethodOf(const QByteArray &verb) {
    if (verb == "GET") {
        return QStringLiteral("RETRIEVE");
    }
    if (verb == "POST") {
        return QStringLiteral("CREATE");
    }
    if (verb == "PUT") {
        return QStringLiteral("UPDATE");
    }
    if (verb == "DELETE") {
        return QStringLiteral("DELETE");
    }
    return {};
}

trace::Field xmlField(const mid::XmlNode &node, qsizetype &budget) {
    QString value = node.text;
    for (const auto &a : node.attributes) {
        value += QStringLiteral(" @%1=%2").arg(a.name, a.value);
    }
    trace::Field f(node.name, value.trimmed());
    for (const mid::XmlNode &c : node.children) {
        if (--budget <= 0) {
            f.children.append(trace::Field(QStringLiteral("..."), QStringLiteral("truncated")));
            break;
        }
        f.children.append(xmlField(c, budget));
    }
    return f;
}

/// Start line, headers and body with offsets into raw; `first` is the start-line text.
QList<trace::Field> headFields(const QString &startName, const Headers &headers,
                               const QByteArray &body, const QByteArray &raw) {
    QList<trace::Field> out;
    const qsizetype lineEnd = raw.indexOf("\r\n");
    const qsizetype firstLen = lineEnd >= 0 ? lineEnd : raw.size();
    out.append(trace::Field(startName, QString::fromLatin1(raw.left(firstLen)), 0,
                            static_cast<qint32>(firstLen)));
    trace::Field hdrs(QStringLiteral("Headers"), QString::number(headers.count()));
    qsizetype pos = lineEnd >= 0 ? lineEnd + 2 : raw.size();
    for (const auto &[name, value] : headers.all()) {
        const qsizetype at = raw.indexOf(name + ':', pos);
        const qsizetype end = at >= 0 ? raw.indexOf("\r\n", at) : -1;
        if (at >= 0 && end >= 0) {
            hdrs.children.append(trace::Field(QString::fromLatin1(name), QString::fromLatin1(value),
                                              static_cast<qint32>(at),
                                              static_cast<qint32>(end - at)));
            pos = end + 2;
        } else {
            hdrs.children.append(
                trace::Field(QString::fromLatin1(name), QString::fromLatin1(value)));
        }
    }
    out.append(hdrs);
    if (!body.isEmpty()) {
        const qsizetype bodyAt = raw.size() >= body.size() ? raw.size() - body.size() : -1;
        trace::Field b(QStringLiteral("Body"), QStringLiteral("%1 bytes").arg(body.size()),
                       static_cast<qint32>(bodyAt), static_cast<qint32>(body.size()));
        const QByteArray type = headers.value("Content-Type");
        if (type.contains("xml") || body.trimmed().startsWith('<')) {
            if (auto doc = mid::parseXml(body)) {
                qsizetype budget = kMaxXmlFields;
                b.children.append(xmlField(*doc, budget));
            } else {
                b.children.append(trace::Field(QStringLiteral("XML error"), doc.error().message));
            }
        }
        out.append(b);
    }
    return out;
}

QString rootElementName(const QByteArray &body) {
    if (body.isEmpty()) {
        return {};
    }
    if (auto doc = mid::parseXml(body)) {
        const QString id = doc->attribute(u"sclId");
        return id.isEmpty() ? QStringLiteral("<%1>").arg(doc->name)
                            : QStringLiteral("<%1 sclId=%2>").arg(doc->name, id);
    }
    return QStringLiteral("<malformed XML>");
}

} // namespace

Description describeRequest(const Request &request, const QByteArray &raw) {
    Description d;
    const QString verb = QString::fromLatin1(request.method);
    const QString midName = midMethodOf(request.method);
    d.summary = QStringLiteral("%1 %2").arg(verb, QString::fromUtf8(request.target));
    if (!midName.isEmpty()) {
        d.summary = midName + QLatin1Char(' ') + QString::fromUtf8(request.target);
    }
    const QString root = rootElementName(request.body);
    if (!root.isEmpty()) {
        d.summary += QLatin1Char(' ') + root;
    }
    d.fields = headFields(QStringLiteral("Request line"), request.headers, request.body, raw);
    trace::Field prim(QStringLiteral("mId primitive"),
                      midName.isEmpty() ? QStringLiteral("(none)") : midName);
    prim.children.append(trace::Field(QStringLiteral("target"), request.path()));
    if (auto entity = requestingEntityFromAuthorization(request.headers.value("Authorization"))) {
        if (!entity->isEmpty()) {
            prim.children.append(trace::Field(QStringLiteral("requestingEntity"), *entity));
        }
    }
    d.fields.prepend(prim);
    return d;
}

Description describeResponse(const Response &response, const QByteArray &raw) {
    Description d;
    const auto status = mid::statusFromHttp(response.status);
    QString statusText = status ? mid::statusName(*status) : QStringLiteral("(no mId status)");
    QString info;
    if (auto doc = mid::parseXml(response.body); doc && doc->name == u"errorInfo") {
        const QString code = doc->childText(u"statusCode");
        if (!code.isEmpty()) {
            statusText = code;
        }
        info = doc->childText(u"additionalInfo");
    }
    d.summary = QStringLiteral("%1 %2").arg(response.status).arg(statusText);
    const QByteArray location = response.headers.value("Location");
    if (!location.isEmpty()) {
        d.summary += QStringLiteral(" Location: ") + QString::fromUtf8(location);
    } else if (!info.isEmpty()) {
        d.summary += QStringLiteral(" (") + info.left(60) + QLatin1Char(')');
    } else {
        const QString root = rootElementName(response.body);
        if (!root.isEmpty()) {
            d.summary += QLatin1Char(' ') + root;
        }
    }
    d.fields = headFields(QStringLiteral("Status line"), response.headers, response.body, raw);
    d.fields.prepend(trace::Field(QStringLiteral("mId status"), statusText));
    return d;
}

} // namespace m2mbench::http
