// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/tls/psk_identity.h"

#include <cctype>

namespace m2mbench::tls {

QByteArray PskIdentity::toText() const {
    return nodeId.toHex() + ':' + QByteArray::number(index);
}

Result<PskIdentity> PskIdentity::parse(const QByteArray &text) {
    if (text.size() > kMaxPskIdentityLength) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("PSK identity of %1 octets exceeds the %2 octets the bench "
                                   "accepts (RFC 4279 section 5.3)")
                        .arg(text.size())
                        .arg(kMaxPskIdentityLength));
    }
    const qsizetype colon = text.indexOf(':');
    if (colon != kNodeIdLength * 2) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("PSK identity '%1' is not hex(M2M-Node-ID):index (32 hex "
                                   "digits, a colon, a decimal key index)")
                        .arg(printableIdentity(text)));
    }
    const QByteArray hex = text.left(colon);
    for (const char c : hex) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("PSK identity '%1': the M2M-Node-ID is not hex")
                            .arg(printableIdentity(text)));
        }
    }
    const QByteArray digits = text.mid(colon + 1);
    bool ok = digits.size() >= 1 && digits.size() <= 10;
    for (const char c : digits) {
        ok = ok && c >= '0' && c <= '9';
    }
    const qulonglong index = ok ? digits.toULongLong(&ok) : 0;
    if (!ok || index > 0xffffffffULL) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("PSK identity '%1': the key index is not an unsignedInt")
                        .arg(printableIdentity(text)));
    }
    return PskIdentity{QByteArray::fromHex(hex), static_cast<quint32>(index)};
}

QString printableIdentity(const QByteArray &identity, int max) {
    QString out;
    for (qsizetype i = 0; i < identity.size() && out.size() < max; ++i) {
        const auto c = static_cast<unsigned char>(identity.at(i));
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out += QLatin1Char(static_cast<char>(c));
        } else {
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        }
    }
    if (out.size() >= max && identity.size() > max) {
        out += QStringLiteral("... (%1 octets)").arg(identity.size());
    }
    return out;
}

} // namespace m2mbench::tls
