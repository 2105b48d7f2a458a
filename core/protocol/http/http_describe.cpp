// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_describe.h"

#include "core/protocol/http/http_binding.h"
#include "core/protocol/http/http_parser.h"
#include "core/protocol/mid/status_mapping.h"
#include "core/protocol/mid/xml.h"

namespace m2mbench::http {

namespace {

// A hostile body must not make a decoded tree without bound, nor stall the thread decoding it.
constexpr qsizetype kMaxXmlFields = 2000;
constexpr qsizetype kMaxDecodedBody = 1024 * 1024;

QString midMethodOf(const QByteArray &verb, const QByteArray &body) {
    if (verb == "GET") {
        return QStringLiteral("RETRIEVE");
    }
    if (verb == "POST") {
        // The HTTP binding sends NOTIFY as POST too: a <notify> body tells them apart.
        return mid::rootElementName(body) == u"notify" ? QStringLiteral("NOTIFY")
                                                       : QStringLiteral("CREATE");
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

/// The body parsed once, when it looks like XML; shared by the tree and the summary.
struct ParsedBody {
    bool isXml = false;
    Result<mid::XmlNode> doc = fail(Error::Kind::Parse, QString());
};

ParsedBody parseBody(const Headers &headers, const QByteArray &body) {
    ParsedBody p;
    if (body.size() > kMaxDecodedBody) {
        // Decoding runs where a user looks (the GUI thread): a huge body is shown as bytes.
        p.isXml = true;
        p.doc = fail(Error::Kind::Parse, QStringLiteral("body of %1 bytes is too large to decode "
                                                        "here (limit %2); see the raw bytes")
                                             .arg(body.size())
                                             .arg(kMaxDecodedBody));
        return p;
    }
    if (!body.isEmpty() &&
        (headers.value("Content-Type").contains("xml") || body.trimmed().startsWith('<'))) {
        p.isXml = true;
        p.doc = mid::parseXml(body);
    }
    return p;
}

/// Start line, headers and body with offsets into raw.
QList<trace::Field> headFields(const QString &startName, const Headers &headers,
                               const QByteArray &body, const ParsedBody &parsed,
                               const QByteArray &raw) {
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
        if (parsed.isXml && parsed.doc) {
            qsizetype budget = kMaxXmlFields;
            b.children.append(xmlField(*parsed.doc, budget));
        } else if (parsed.isXml) {
            b.children.append(
                trace::Field(QStringLiteral("XML error"), parsed.doc.error().message));
        }
        out.append(b);
    }
    return out;
}

/// "<scl sclId=x>" for a parsed body.
QString rootLabel(const mid::XmlNode &doc) {
    const QString id = doc.attribute(u"sclId");
    return id.isEmpty() ? QStringLiteral("<%1>").arg(doc.name)
                        : QStringLiteral("<%1 sclId=%2>").arg(doc.name, id);
}

} // namespace

QString summarizeRequest(const Request &request) {
    const QString midName = midMethodOf(request.method, request.body);
    QString summary = (midName.isEmpty() ? QString::fromLatin1(request.method) : midName) +
                      QLatin1Char(' ') + QString::fromUtf8(request.target);
    if (!request.body.isEmpty()) {
        const auto doc = mid::parseXml(request.body);
        summary += QLatin1Char(' ') + (doc ? rootLabel(*doc) : QStringLiteral("<malformed XML>"));
    }
    return summary;
}

QString summarizeResponse(const Response &response) {
    const auto status = mid::statusFromHttp(response.status);
    QString statusText = status ? mid::statusName(*status) : QStringLiteral("(no mId status)");
    QString info;
    if (response.status >= 400 && !response.body.isEmpty()) {
        if (auto doc = mid::parseXml(response.body); doc && doc->name == u"errorInfo") {
            const QString code = doc->childText(u"statusCode");
            if (!code.isEmpty()) {
                statusText = code;
            }
            info = doc->childText(u"additionalInfo");
        }
    }
    QString summary = QStringLiteral("%1 %2").arg(response.status).arg(statusText);
    const QByteArray location = response.headers.value("Location");
    if (!location.isEmpty()) {
        summary += QStringLiteral(" Location: ") + QString::fromUtf8(location);
    } else if (!info.isEmpty()) {
        summary += QStringLiteral(" (") + info.left(60) + QLatin1Char(')');
    } else if (const QString root = mid::rootElementName(response.body); !root.isEmpty()) {
        summary += QStringLiteral(" <") + root + QLatin1Char('>');
    }
    return summary;
}

Description describeRequest(const Request &request, const QByteArray &raw) {
    Description d;
    d.summary = summarizeRequest(request);
    const ParsedBody parsed = parseBody(request.headers, request.body);
    d.fields =
        headFields(QStringLiteral("Request line"), request.headers, request.body, parsed, raw);
    const QString midName = midMethodOf(request.method, request.body);
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
    d.summary = summarizeResponse(response);
    const ParsedBody parsed = parseBody(response.headers, response.body);
    d.fields =
        headFields(QStringLiteral("Status line"), response.headers, response.body, parsed, raw);
    const auto status = mid::statusFromHttp(response.status);
    d.fields.prepend(
        trace::Field(QStringLiteral("mId status"),
                     status ? mid::statusName(*status) : QStringLiteral("(no mId status)")));
    return d;
}

QList<trace::Field> decodeHttp(const QByteArray &raw) {
    const bool isResponse = raw.startsWith("HTTP/");
    Parser parser(isResponse ? Parser::Mode::Response : Parser::Mode::Request);
    Parser::State state = parser.feed(raw);
    if (state == Parser::State::NeedMore && isResponse) {
        state = parser.finishOnClose();
    }
    if (state != Parser::State::Complete) {
        return {trace::Field(QStringLiteral("Undecodable"),
                             parser.errorText().isEmpty()
                                 ? QStringLiteral("incomplete HTTP message")
                                 : parser.errorText(),
                             0, static_cast<qint32>(raw.size()))};
    }
    return isResponse ? describeResponse(parser.response(), raw).fields
                      : describeRequest(parser.request(), raw).fields;
}

} // namespace m2mbench::http
