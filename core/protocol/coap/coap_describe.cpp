// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/coap/coap_describe.h"

#include "core/protocol/mid/xml.h"

#include <QUrl>

namespace m2mbench::coap {

namespace {

bool isTextOption(quint16 n) {
    return n == option::kUriHost || n == option::kUriPath || n == option::kUriQuery ||
           n == option::kLocationPath || n == option::kLocationQuery || n == option::kProxyUri ||
           n == option::kProxyScheme;
}

bool isUintOption(quint16 n) {
    return n == option::kUriPort || n == option::kContentFormat || n == option::kMaxAge ||
           n == option::kAccept || n == option::kSize1 || n == option::kSize2 ||
           n == option::kObserve;
}

QString optionValueText(const Option &o) {
    if (o.number == option::kBlock1 || o.number == option::kBlock2) {
        const auto b = Block::decode(o.value);
        return b ? QStringLiteral("%1/%2/%3").arg(b->num).arg(b->more ? 1 : 0).arg(b->size())
                 : QStringLiteral("invalid: ") + b.error().message;
    }
    if (isTextOption(o.number)) {
        return QString::fromUtf8(o.value);
    }
    if (isUintOption(o.number)) {
        const auto v = decodeUint(o.value);
        return v ? QString::number(*v) : QStringLiteral("(longer than 4 octets)");
    }
    return o.value.isEmpty() ? QStringLiteral("(empty)")
                             : QStringLiteral("0x") + QString::fromLatin1(o.value.toHex());
}

QString targetOf(const Message &m) {
    if (const auto proxy = m.option(option::kProxyUri)) {
        return QString::fromUtf8(*proxy);
    }
    QString t = m.uriPath();
    const QStringList q = m.uriQueries();
    if (!q.isEmpty()) {
        t += QLatin1Char('?') + q.join(QLatin1Char('&'));
    }
    return t;
}

/// Offsets of the options in a datagram that decoded (same walk as Message::decode).
QList<QPair<qint32, qint32>> optionSpans(const QByteArray &d) {
    QList<QPair<qint32, qint32>> spans;
    qsizetype pos = 4 + (static_cast<quint8>(d.at(0)) & 0x0f);
    while (pos < d.size() && static_cast<quint8>(d.at(pos)) != 0xff) {
        const qsizetype at = pos;
        const auto b = static_cast<quint8>(d.at(pos++));
        for (const int nib : {b >> 4, b & 0x0f}) {
            pos += nib == 13 ? 1 : nib == 14 ? 2 : 0;
        }
        qsizetype length = b & 0x0f;
        if (length == 13) {
            length = 13 + static_cast<quint8>(d.at(pos - 1));
        } else if (length == 14) {
            length = 269 + ((static_cast<quint8>(d.at(pos - 2)) << 8) |
                            static_cast<quint8>(d.at(pos - 1)));
        }
        pos += length;
        spans.append({static_cast<qint32>(at), static_cast<qint32>(pos - at)});
    }
    return spans;
}

} // namespace

QString summarize(const Message &m) {
    QString s = typeName(m.type) + QLatin1Char(' ');
    if (m.isRequest()) {
        s += codeName(m.code) + QLatin1Char(' ') + targetOf(m);
    } else if (m.isEmpty()) {
        s += QStringLiteral("(empty)");
    } else {
        s += codeText(m.code) + QLatin1Char(' ') + codeName(m.code);
    }
    for (const quint16 n : {option::kBlock1, option::kBlock2}) {
        if (const auto v = m.option(n)) {
            s += QStringLiteral(" %1 %2").arg(optionName(n), optionValueText(Option{n, *v}));
        }
    }
    if (!m.payload.isEmpty()) {
        const QString root = mid::rootElementName(m.payload);
        s += root.isEmpty() ? QStringLiteral(" (%1 octets)").arg(m.payload.size())
                            : QStringLiteral(" <%1> (%2 octets)").arg(root).arg(m.payload.size());
    }
    return s + QStringLiteral(" [MID %1]").arg(m.messageId);
}

QList<trace::Field> decodeCoap(const QByteArray &raw) {
    auto m = Message::decode(raw);
    if (!m) {
        return {trace::Field(QStringLiteral("CoAP"), m.error().message, 0,
                             static_cast<qint32>(raw.size()))};
    }
    trace::Field root(QStringLiteral("CoAP"), summarize(*m), 0, static_cast<qint32>(raw.size()));
    root.children.append({QStringLiteral("Type"), typeName(m->type), 0, 1});
    root.children.append({QStringLiteral("Code"),
                          QStringLiteral("%1 %2").arg(codeText(m->code), codeName(m->code)), 1, 1});
    root.children.append({QStringLiteral("Message ID"), QString::number(m->messageId), 2, 2});
    if (!m->token.isEmpty()) {
        root.children.append({QStringLiteral("Token"), QString::fromLatin1(m->token.toHex()), 4,
                              static_cast<qint32>(m->token.size())});
    }
    const auto spans = optionSpans(raw);
    for (qsizetype i = 0; i < m->options.size(); ++i) {
        const Option &o = m->options.at(i);
        trace::Field f(optionName(o.number), optionValueText(o));
        if (i < spans.size()) {
            f.offset = spans.at(i).first;
            f.length = spans.at(i).second;
        }
        root.children.append(f);
    }
    if (!m->payload.isEmpty()) {
        const auto at = static_cast<qint32>(raw.size() - m->payload.size());
        root.children.append({QStringLiteral("Payload"),
                              QStringLiteral("%1 octets").arg(m->payload.size()), at,
                              static_cast<qint32>(m->payload.size())});
    }
    return {root};
}

QByteArray requestToText(const Message &r) {
    QByteArray out = typeName(r.type).toLatin1() + ' ' + codeName(r.code).toLatin1() + ' ' +
                     targetOf(r).toUtf8() + '\n';
    for (const Option &o : r.options) {
        if (o.number == option::kUriPath || o.number == option::kUriQuery ||
            o.number == option::kProxyUri) {
            continue; // in the first line
        }
        out += optionName(o.number).toLatin1() + ": " + optionValueText(o).toUtf8() + '\n';
    }
    return out + '\n' + r.payload;
}

namespace {

Result<quint16> optionNumberFromName(const QString &name) {
    for (quint16 n = 1; n < 300; ++n) {
        if (optionName(n).compare(name, Qt::CaseInsensitive) == 0) {
            return n;
        }
    }
    bool ok = false;
    const uint n = name.startsWith(QLatin1String("Option ")) ? name.mid(7).toUInt(&ok) : 0;
    if (!ok || n > 0xffff) {
        return fail(Error::Kind::Parse, QStringLiteral("unknown option '%1'").arg(name));
    }
    return static_cast<quint16>(n);
}

Result<QByteArray> optionValueFromText(quint16 n, const QString &text) {
    if (n == option::kBlock1 || n == option::kBlock2) {
        const QStringList p = text.split(QLatin1Char('/'));
        const int szx = p.size() == 3 ? Block::szxFor(p[2].toInt()) : -1;
        if (szx < 0) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("%1 must be NUM/MORE/SIZE").arg(optionName(n)));
        }
        return Block{p[0].toUInt(), p[1] == u"1", static_cast<quint8>(szx)}.encode();
    }
    if (isTextOption(n)) {
        return text.toUtf8();
    }
    if (isUintOption(n)) {
        bool ok = false;
        const uint v = text.toUInt(&ok);
        return ok ? Result<QByteArray>(encodeUint(v))
                  : fail(Error::Kind::Parse,
                         QStringLiteral("%1 must be a number").arg(optionName(n)));
    }
    if (text == u"(empty)") {
        return QByteArray();
    }
    const auto hex = text.startsWith(QLatin1String("0x")) ? text.mid(2).toLatin1() : QByteArray();
    return QByteArray::fromHex(hex);
}

} // namespace

Result<Message> requestFromText(const QByteArray &text) {
    const qsizetype blank = text.indexOf("\n\n");
    const QByteArray head = blank >= 0 ? text.left(blank) : text;
    const QList<QByteArray> lines = head.split('\n');
    const QStringList first = QString::fromUtf8(lines.value(0)).trimmed().split(QLatin1Char(' '));
    if (first.size() != 3) {
        return fail(Error::Kind::Parse, QStringLiteral("line 1: expected 'CON|NON METHOD TARGET'"));
    }
    Message m;
    m.type = first[0] == u"NON" ? Type::NonConfirmable : Type::Confirmable;
    const QMap<QString, quint8> methods{{QStringLiteral("GET"), kGet},
                                        {QStringLiteral("POST"), kPost},
                                        {QStringLiteral("PUT"), kPut},
                                        {QStringLiteral("DELETE"), kDelete}};
    if (!methods.contains(first[1])) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("line 1: unknown method '%1'").arg(first[1]));
    }
    m.code = methods.value(first[1]);
    const QString target = first[2];
    const qsizetype q = target.indexOf(QLatin1Char('?'));
    m.setUriPath(q >= 0 ? target.left(q) : target);
    if (q >= 0) {
        for (const QString &part : target.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            m.addOption(option::kUriQuery, part.toUtf8());
        }
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines[i]).trimmed();
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (line.isEmpty()) {
            continue;
        }
        auto n = colon > 0 ? optionNumberFromName(line.left(colon).trimmed())
                           : Result<quint16>(fail(Error::Kind::Parse, QStringLiteral("no colon")));
        auto v = n ? optionValueFromText(*n, line.mid(colon + 1).trimmed()) : Result<QByteArray>();
        if (!n || !v) {
            return fail(Error::Kind::Parse, QStringLiteral("line %1: %2")
                                                .arg(i + 1)
                                                .arg(!n ? n.error().message : v.error().message));
        }
        m.addOption(*n, *v);
    }
    m.payload = blank >= 0 ? text.mid(blank + 2) : QByteArray();
    return m;
}

} // namespace m2mbench::coap
