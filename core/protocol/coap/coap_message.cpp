// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/coap/coap_message.h"

#include <QUrl>

namespace m2mbench::coap {

namespace {

constexpr int kHeaderLength = 4;
constexpr int kMaxOptions = 256; // far beyond any real message; bounds what a peer can make us hold

/// Writes a delta or length nibble's extension (RFC 7252 section 3.1).
int nibble(quint32 value, QByteArray &ext) {
    if (value < 13) {
        return static_cast<int>(value);
    }
    if (value < 269) {
        ext += static_cast<char>(value - 13);
        return 13;
    }
    const quint32 v = value - 269;
    ext += static_cast<char>(v >> 8);
    ext += static_cast<char>(v & 0xff);
    return 14;
}

/// Reads a nibble's value with its extension; -1 for 15 or a truncated extension.
qint64 readNibble(int nib, const QByteArray &d, qsizetype &pos) {
    if (nib < 13) {
        return nib;
    }
    if (nib == 13 && pos + 1 <= d.size()) {
        return 13 + static_cast<quint8>(d.at(pos++));
    }
    if (nib == 14 && pos + 2 <= d.size()) {
        const qint64 v = (static_cast<quint8>(d.at(pos)) << 8) | static_cast<quint8>(d.at(pos + 1));
        pos += 2;
        return 269 + v;
    }
    return -1;
}

tl::unexpected<Error> malformed(qsizetype at, const QString &what) {
    return fail(Error::Kind::Parse, QStringLiteral("CoAP: %1 (offset %2)").arg(what).arg(at));
}

} // namespace

QByteArray encodeUint(quint32 value) {
    QByteArray out;
    while (value != 0) {
        out.prepend(static_cast<char>(value & 0xff));
        value >>= 8;
    }
    return out;
}

std::optional<quint32> decodeUint(const QByteArray &value) {
    if (value.size() > 4) {
        return std::nullopt;
    }
    quint32 v = 0;
    for (const char c : value) {
        v = (v << 8) | static_cast<quint8>(c);
    }
    return v;
}

QByteArray Block::encode() const {
    return encodeUint((num << 4) | (more ? 0x08u : 0u) | (szx & 0x07u));
}

Result<Block> Block::decode(const QByteArray &value) {
    if (value.size() > 3) {
        return fail(
            Error::Kind::Parse,
            QStringLiteral("a block option has at most 3 octets, this one %1").arg(value.size()));
    }
    const quint32 v = *decodeUint(value);
    Block b{v >> 4, (v & 0x08u) != 0, static_cast<quint8>(v & 0x07u)};
    if (b.szx == 7) {
        return fail(Error::Kind::Parse, QStringLiteral("block size exponent 7 is reserved (BERT)"));
    }
    return b;
}

int Block::szxFor(int size) {
    for (int szx = 0; szx <= 6; ++szx) {
        if ((1 << (szx + 4)) == size) {
            return szx;
        }
    }
    return -1;
}

void Message::addOption(quint16 number, const QByteArray &value) {
    qsizetype at = options.size();
    while (at > 0 && options.at(at - 1).number > number) {
        --at;
    }
    options.insert(at, Option{number, value});
}

void Message::addUintOption(quint16 number, quint32 value) {
    addOption(number, encodeUint(value));
}

void Message::removeOptions(quint16 number) {
    options.removeIf([number](const Option &o) { return o.number == number; });
}

QList<QByteArray> Message::optionValues(quint16 number) const {
    QList<QByteArray> out;
    for (const Option &o : options) {
        if (o.number == number) {
            out.append(o.value);
        }
    }
    return out;
}

std::optional<QByteArray> Message::option(quint16 number) const {
    for (const Option &o : options) {
        if (o.number == number) {
            return o.value;
        }
    }
    return std::nullopt;
}

std::optional<quint32> Message::uintOption(quint16 number) const {
    const auto v = option(number);
    return v ? decodeUint(*v) : std::nullopt;
}

std::optional<Block> Message::block(quint16 number) const {
    const auto v = option(number);
    if (!v) {
        return std::nullopt;
    }
    auto b = Block::decode(*v);
    return b ? std::optional<Block>(*b) : std::nullopt;
}

void Message::setBlock(quint16 number, const Block &b) {
    removeOptions(number);
    addOption(number, b.encode());
}

QString Message::uriPath() const {
    QString path;
    for (const QByteArray &segment : optionValues(option::kUriPath)) {
        path += QLatin1Char('/') + QString::fromUtf8(segment);
    }
    return path.isEmpty() ? QStringLiteral("/") : path;
}

void Message::setUriPath(const QString &path) {
    removeOptions(option::kUriPath);
    for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        addOption(option::kUriPath, QUrl::fromPercentEncoding(segment.toUtf8()).toUtf8());
    }
}

QStringList Message::uriQueries() const {
    QStringList out;
    for (const QByteArray &q : optionValues(option::kUriQuery)) {
        out.append(QString::fromUtf8(q));
    }
    return out;
}

QByteArray Message::encode() const {
    QByteArray out;
    const int tkl = static_cast<int>(std::min<qsizetype>(token.size(), 8));
    out += static_cast<char>(0x40 | (static_cast<int>(type) << 4) | tkl);
    out += static_cast<char>(code);
    out += static_cast<char>(messageId >> 8);
    out += static_cast<char>(messageId & 0xff);
    out += token.left(tkl);
    quint32 last = 0;
    for (const Option &o : options) {
        QByteArray ext;
        const int d = nibble(o.number - last, ext);
        QByteArray lenExt;
        const int l = nibble(static_cast<quint32>(o.value.size()), lenExt);
        out += static_cast<char>((d << 4) | l);
        out += ext + lenExt + o.value;
        last = o.number;
    }
    if (!payload.isEmpty()) {
        out += static_cast<char>(0xff);
        out += payload;
    }
    return out;
}

Result<Message> Message::decode(const QByteArray &d) {
    if (d.size() < kHeaderLength) {
        return malformed(
            0, QStringLiteral("%1 octets are shorter than the 4-octet header").arg(d.size()));
    }
    const auto first = static_cast<quint8>(d.at(0));
    if ((first >> 6) != 1) {
        return malformed(0, QStringLiteral("version %1, not 1").arg(first >> 6));
    }
    Message m;
    m.type = static_cast<Type>((first >> 4) & 0x03);
    const int tkl = first & 0x0f;
    if (tkl > 8) {
        return malformed(0, QStringLiteral("token length %1 is reserved").arg(tkl));
    }
    m.code = static_cast<quint8>(d.at(1));
    m.messageId =
        static_cast<quint16>((static_cast<quint8>(d.at(2)) << 8) | static_cast<quint8>(d.at(3)));
    if (d.size() < kHeaderLength + tkl) {
        return malformed(kHeaderLength, QStringLiteral("token truncated"));
    }
    m.token = d.mid(kHeaderLength, tkl);
    qsizetype pos = kHeaderLength + tkl;
    quint32 number = 0;
    while (pos < d.size()) {
        const auto b = static_cast<quint8>(d.at(pos));
        if (b == 0xff) {
            if (pos + 1 == d.size()) {
                return malformed(pos, QStringLiteral("payload marker with no payload"));
            }
            m.payload = d.mid(pos + 1);
            break;
        }
        const qsizetype at = pos++;
        const qint64 delta = readNibble(b >> 4, d, pos);
        const qint64 length = readNibble(b & 0x0f, d, pos);
        if (delta < 0 || length < 0) {
            return malformed(at, QStringLiteral("reserved option delta or length nibble 15"));
        }
        number += static_cast<quint32>(delta);
        if (number > 0xffff || m.options.size() >= kMaxOptions) {
            return malformed(at, QStringLiteral("option number beyond 65535 or too many options"));
        }
        if (pos + length > d.size()) {
            return malformed(at, QStringLiteral("option %1 value truncated").arg(number));
        }
        m.options.append(Option{static_cast<quint16>(number), d.mid(pos, length)});
        pos += length;
    }
    if (m.code == 0 && (tkl != 0 || !m.options.isEmpty() || !m.payload.isEmpty())) {
        return malformed(0, QStringLiteral("an Empty message carries a token, options or payload"));
    }
    return m;
}

QString codeText(quint8 c) {
    return QStringLiteral("%1.%2").arg(c >> 5).arg(c & 0x1f, 2, 10, QLatin1Char('0'));
}

QString codeName(quint8 c) {
    switch (c) {
    case 0: return QStringLiteral("Empty");
    case kGet: return QStringLiteral("GET");
    case kPost: return QStringLiteral("POST");
    case kPut: return QStringLiteral("PUT");
    case kDelete: return QStringLiteral("DELETE");
    case code(2, 1): return QStringLiteral("Created");
    case code(2, 2): return QStringLiteral("Deleted");
    case code(2, 3): return QStringLiteral("Valid");
    case code(2, 4): return QStringLiteral("Changed");
    case code(2, 5): return QStringLiteral("Content");
    case kContinue: return QStringLiteral("Continue");
    case code(4, 0): return QStringLiteral("Bad Request");
    case code(4, 1): return QStringLiteral("Unauthorized");
    case code(4, 2): return QStringLiteral("Bad Option");
    case code(4, 3): return QStringLiteral("Forbidden");
    case code(4, 4): return QStringLiteral("Not Found");
    case code(4, 5): return QStringLiteral("Method Not Allowed");
    case code(4, 6): return QStringLiteral("Not Acceptable");
    case code(4, 8): return QStringLiteral("Request Entity Incomplete");
    case code(4, 9): return QStringLiteral("Conflict");
    case code(4, 12): return QStringLiteral("Precondition Failed");
    case code(4, 13): return QStringLiteral("Request Entity Too Large");
    case code(4, 15): return QStringLiteral("Unsupported Content-Format");
    case code(5, 0): return QStringLiteral("Internal Server Error");
    case code(5, 1): return QStringLiteral("Not Implemented");
    case code(5, 2): return QStringLiteral("Bad Gateway");
    case code(5, 3): return QStringLiteral("Service Unavailable");
    case code(5, 4): return QStringLiteral("Gateway Timeout");
    case code(5, 5): return QStringLiteral("Proxying Not Supported");
    default: return QStringLiteral("Unknown");
    }
}

QString typeName(Type type) {
    switch (type) {
    case Type::Confirmable: return QStringLiteral("CON");
    case Type::NonConfirmable: return QStringLiteral("NON");
    case Type::Acknowledgement: return QStringLiteral("ACK");
    case Type::Reset: return QStringLiteral("RST");
    }
    return QStringLiteral("?");
}

QString optionName(quint16 number) {
    switch (number) {
    case option::kIfMatch: return QStringLiteral("If-Match");
    case option::kUriHost: return QStringLiteral("Uri-Host");
    case option::kETag: return QStringLiteral("ETag");
    case option::kIfNoneMatch: return QStringLiteral("If-None-Match");
    case option::kObserve: return QStringLiteral("Observe");
    case option::kUriPort: return QStringLiteral("Uri-Port");
    case option::kLocationPath: return QStringLiteral("Location-Path");
    case option::kUriPath: return QStringLiteral("Uri-Path");
    case option::kContentFormat: return QStringLiteral("Content-Format");
    case option::kMaxAge: return QStringLiteral("Max-Age");
    case option::kUriQuery: return QStringLiteral("Uri-Query");
    case option::kAccept: return QStringLiteral("Accept");
    case option::kLocationQuery: return QStringLiteral("Location-Query");
    case option::kBlock2: return QStringLiteral("Block2");
    case option::kBlock1: return QStringLiteral("Block1");
    case option::kSize2: return QStringLiteral("Size2");
    case option::kProxyUri: return QStringLiteral("Proxy-Uri");
    case option::kProxyScheme: return QStringLiteral("Proxy-Scheme");
    case option::kSize1: return QStringLiteral("Size1");
    default: return QStringLiteral("Option %1").arg(number);
    }
}

} // namespace m2mbench::coap
