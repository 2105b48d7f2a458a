// SPDX-License-Identifier: Apache-2.0
#include "core/common/hex.h"

namespace m2mbench {

namespace {

int nibble(QChar c) {
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9') {
        return u - u'0';
    }
    if (u >= u'a' && u <= u'f') {
        return u - u'a' + 10;
    }
    if (u >= u'A' && u <= u'F') {
        return u - u'A' + 10;
    }
    return -1;
}

} // namespace

QString toHex(const QByteArray &bytes) {
    return QString::fromLatin1(bytes.toHex());
}

Result<QByteArray> fromHex(QStringView text) {
    QByteArray out;
    out.reserve(text.size() / 2);
    int high = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if ((c == u':' || c == u' ') && high < 0) {
            continue;
        }
        const int v = nibble(c);
        if (v < 0) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("invalid hex character '%1' at position %2").arg(c).arg(i));
        }
        if (high < 0) {
            high = v;
        } else {
            out.append(static_cast<char>((high << 4) | v));
            high = -1;
        }
    }
    if (high >= 0) {
        return fail(Error::Kind::Parse, QStringLiteral("odd number of hex digits"));
    }
    return out;
}

QString hexDump(const QByteArray &bytes, qsizetype maxBytes) {
    const qsizetype n = maxBytes >= 0 ? std::min(maxBytes, bytes.size()) : bytes.size();
    QString out;
    out.reserve(n * 4 + 16);
    for (qsizetype line = 0; line < n; line += 16) {
        out += QStringLiteral("%1  ").arg(line, 4, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < n) {
                const auto b = static_cast<unsigned char>(bytes.at(i));
                out += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
                ascii += (b >= 0x20 && b < 0x7f) ? QChar(b) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == line + 7) {
                out += QLatin1Char(' ');
            }
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    if (n < bytes.size()) {
        out += QStringLiteral("... %1 more bytes\n").arg(bytes.size() - n);
    }
    return out;
}

} // namespace m2mbench
