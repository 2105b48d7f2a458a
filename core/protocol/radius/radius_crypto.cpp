// SPDX-License-Identifier: Apache-2.0
// The cryptographic constructions of RADIUS itself: MD5 authenticators, HMAC-MD5
// Message-Authenticator, and the MD5 stream cipher of MS-MPPE keys. Weak by today's standards and
// fixed by RFC 2865 / 3579 / 2548; the bench implements them because peers use them.
#include "core/crypto/mac.h"
#include "core/protocol/eap/wire.h"
#include "core/protocol/radius/radius_packet.h"

namespace m2mbench::radius {

namespace {

/// MD5(data), empty when the digest failed (callers check for 16 octets).
QByteArray md5(const QByteArray &data) {
    return crypto::hash(crypto::Digest::Md5, data).value_or(QByteArray());
}

/// HMAC-MD5(key, data), empty when the MAC failed.
QByteArray hmacMd5(const QByteArray &key, const QByteArray &data) {
    return crypto::hmacBytes(crypto::Digest::Md5, key, data).value_or(QByteArray());
}

/// Sets (or appends) a zeroed Message-Authenticator and returns its value offset.
qsizetype placeMessageAuthenticator(Packet &packet) {
    for (Attribute &a : packet.attributes) {
        if (a.type == Attr::MessageAuthenticator) {
            a.value = QByteArray(16, '\0');
        }
    }
    if (packet.find(Attr::MessageAuthenticator) == nullptr) {
        packet.add(Attr::MessageAuthenticator, QByteArray(16, '\0'));
    }
    qsizetype at = kHeaderLength;
    for (const Attribute &a : packet.attributes) {
        if (a.type == Attr::MessageAuthenticator) {
            return at + 2;
        }
        at += 2 + a.value.size();
    }
    return -1;
}

Result<QByteArray> sign(Packet &packet, const QByteArray &secret, const QByteArray &authField) {
    const QByteArray saved = packet.authenticator;
    const qsizetype at = placeMessageAuthenticator(packet);
    packet.authenticator = authField;
    QByteArray bytes = packet.encode();
    const QByteArray mac = hmacMd5(secret, bytes);
    if (mac.size() != 16 || at < 0) {
        return fail(Error::Kind::Crypto, QStringLiteral("RADIUS: HMAC-MD5 failed"));
    }
    bytes.replace(at, 16, mac);
    for (Attribute &a : packet.attributes) {
        if (a.type == Attr::MessageAuthenticator) {
            a.value = mac;
        }
    }
    packet.authenticator = saved;
    return bytes;
}

} // namespace

Result<QByteArray> finalizeRequest(Packet &packet, const QByteArray &secret,
                                   const QByteArray &requestAuthenticator) {
    if (requestAuthenticator.size() != kAuthenticatorLength) {
        return fail(Error::Kind::Internal,
                    QStringLiteral("RADIUS: authenticator must be 16 octets"));
    }
    packet.authenticator = requestAuthenticator;
    return sign(packet, secret, requestAuthenticator);
}

Result<QByteArray> finalizeResponse(Packet &packet, const QByteArray &secret,
                                    const QByteArray &requestAuthenticator) {
    auto bytes = sign(packet, secret, requestAuthenticator);
    if (!bytes) {
        return bytes;
    }
    // Response Authenticator = MD5(Code | ID | Length | Request Authenticator | Attributes |
    // Secret)
    const QByteArray auth = md5(*bytes + secret);
    if (auth.size() != 16) {
        return fail(Error::Kind::Crypto, QStringLiteral("RADIUS: MD5 failed"));
    }
    bytes->replace(4, 16, auth);
    packet.authenticator = auth;
    return bytes;
}

QString checkName(Check check) {
    switch (check) {
    case Check::Valid: return QStringLiteral("valid");
    case Check::Missing: return QStringLiteral("missing");
    case Check::Invalid: return QStringLiteral("invalid");
    }
    return {};
}

Check verifyResponseAuthenticator(const QByteArray &raw, const QByteArray &secret,
                                  const QByteArray &requestAuthenticator) {
    if (raw.size() < kHeaderLength) {
        return Check::Invalid;
    }
    const qsizetype length = std::min<qsizetype>(wire::u16(raw, 2), raw.size());
    QByteArray copy = raw.left(length);
    const QByteArray received = copy.mid(4, 16);
    copy.replace(4, 16, requestAuthenticator);
    const QByteArray expected = md5(copy + secret);
    return constantTimeEquals(expected, received) ? Check::Valid : Check::Invalid;
}

Check verifyMessageAuthenticator(const QByteArray &raw, const Packet &packet,
                                 const QByteArray &secret, const QByteArray &authenticator) {
    const Attribute *ma = packet.find(Attr::MessageAuthenticator);
    if (ma == nullptr) {
        return Check::Missing;
    }
    if (ma->value.size() != 16 || ma->offset < 0) {
        return Check::Invalid;
    }
    const qsizetype length = std::min<qsizetype>(wire::u16(raw, 2), raw.size());
    QByteArray copy = raw.left(length);
    copy.replace(4, 16, authenticator);
    copy.replace(ma->offset + 2, 16, QByteArray(16, '\0'));
    return constantTimeEquals(hmacMd5(secret, copy), ma->value) ? Check::Valid : Check::Invalid;
}

Result<QByteArray> encryptMppeKey(const SecureBytes &key, const QByteArray &secret,
                                  const QByteArray &requestAuthenticator, const QByteArray &salt) {
    if (salt.size() != 2 || (static_cast<quint8>(salt[0]) & 0x80) == 0 || key.size() > 255) {
        return fail(Error::Kind::Internal,
                    QStringLiteral("MPPE key: the salt must be 2 octets with the high bit set"));
    }
    QByteArray plain = key.exposeBytes();
    plain.prepend(static_cast<char>(key.size()));
    // Key-Length octet, key, zero padding to a multiple of 16 octets.
    plain = plain.leftJustified(((plain.size() + 15) / 16) * 16, '\0');
    QByteArray out = salt;
    QByteArray previous = requestAuthenticator + salt;
    for (qsizetype at = 0; at < plain.size(); at += 16) {
        const QByteArray b = md5(secret + previous);
        if (b.size() != 16) {
            plain.fill('\0');
            return fail(Error::Kind::Crypto, QStringLiteral("MPPE key: MD5 failed"));
        }
        QByteArray c(16, '\0');
        for (int i = 0; i < 16; ++i) {
            c[i] = static_cast<char>(plain[at + i] ^ b[i]);
        }
        out.append(c);
        previous = c;
    }
    plain.fill('\0');
    return out;
}

Result<SecureBytes> decryptMppeKey(const QByteArray &value, const QByteArray &secret,
                                   const QByteArray &requestAuthenticator) {
    if (value.size() < 2 + 16 || (value.size() - 2) % 16 != 0) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("MPPE key: %1 octets is not a salt plus 16-octet blocks")
                        .arg(value.size()));
    }
    if ((static_cast<quint8>(value[0]) & 0x80) == 0) {
        return fail(Error::Kind::Parse, QStringLiteral("MPPE key: the salt's high bit is clear"));
    }
    const QByteArray salt = value.left(2);
    QByteArray plain;
    QByteArray previous = requestAuthenticator + salt;
    for (qsizetype at = 2; at < value.size(); at += 16) {
        const QByteArray c = value.mid(at, 16);
        const QByteArray b = md5(secret + previous);
        if (b.size() != 16) {
            plain.fill('\0');
            return fail(Error::Kind::Crypto, QStringLiteral("MPPE key: MD5 failed"));
        }
        for (int i = 0; i < 16; ++i) {
            plain.append(static_cast<char>(c[i] ^ b[i]));
        }
        previous = c;
    }
    const int keyLength = static_cast<quint8>(plain[0]);
    if (keyLength == 0 || keyLength > plain.size() - 1) {
        plain.fill('\0');
        return fail(Error::Kind::Parse,
                    QStringLiteral("MPPE key: key length %1 does not fit (wrong shared secret?)")
                        .arg(keyLength));
    }
    SecureBytes key = SecureBytes::fromByteArray(plain.mid(1, keyLength));
    plain.fill('\0');
    return key;
}

Result<SecureBytes> mskFromAccept(const Packet &accept, const QByteArray &secret,
                                  const QByteArray &requestAuthenticator) {
    const Attribute *recv = accept.findVendor(kMicrosoftVendorId, kMsMppeRecvKey);
    const Attribute *send = accept.findVendor(kMicrosoftVendorId, kMsMppeSendKey);
    if (recv == nullptr || send == nullptr) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("the Access-Accept carries no MS-MPPE-Recv-Key and "
                                   "MS-MPPE-Send-Key: no MSK for the NAS"));
    }
    auto first = decryptMppeKey(recv->vendorValue(), secret, requestAuthenticator);
    auto second = decryptMppeKey(send->vendorValue(), secret, requestAuthenticator);
    if (!first || !second) {
        return fail((!first ? first.error() : second.error()));
    }
    SecureBytes msk = *first;
    msk.append(second->span());
    return msk;
}

Result<QList<Attribute>> mppeAttributes(const SecureBytes &msk, const QByteArray &secret,
                                        const QByteArray &requestAuthenticator,
                                        const QByteArray &saltSeed) {
    if (msk.size() < 64 || saltSeed.size() < 2) {
        return fail(Error::Kind::Internal, QStringLiteral("MPPE keys need a 64-octet MSK"));
    }
    // Each salt unique in the packet with its high bit set (RFC 2548 section 2.4.2).
    QByteArray recvSalt = saltSeed.left(2);
    recvSalt[0] = static_cast<char>(recvSalt[0] | 0x80);
    QByteArray sendSalt = recvSalt;
    sendSalt[1] = static_cast<char>(sendSalt[1] ^ 0x01);
    auto recv = encryptMppeKey(msk.mid(0, 32), secret, requestAuthenticator, recvSalt);
    auto send = encryptMppeKey(msk.mid(32, 32), secret, requestAuthenticator, sendSalt);
    if (!recv || !send) {
        return fail(!recv ? recv.error() : send.error());
    }
    return QList<Attribute>{Attribute::vendor(kMicrosoftVendorId, kMsMppeRecvKey, *recv),
                            Attribute::vendor(kMicrosoftVendorId, kMsMppeSendKey, *send)};
}

} // namespace m2mbench::radius
