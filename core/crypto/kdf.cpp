// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/kdf.h"

#include "core/crypto/openssl_internal.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>

#include <QtEndian>

namespace m2mbench::crypto {

namespace {

using detail::nonNull;
using detail::uc;

/// An HMAC context with SHA-256 already chosen, one per thread: resolving the digest by name on
/// every call cost about half of an m2m_kdf. Each Hmac duplicates it and only sets its key.
EVP_MAC_CTX *hmacSha256Template() {
    static thread_local const detail::MacCtxPtr templ = [] {
        detail::MacCtxPtr ctx(EVP_MAC_CTX_new(detail::hmacAlgorithm()));
        char digest[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
            OSSL_PARAM_construct_end()};
        if (ctx && EVP_MAC_CTX_set_params(ctx.get(), params) != 1) {
            ctx.reset();
        }
        return ctx;
    }();
    return templ.get();
}

/// One HMAC-SHA-256 keyed once and reusable for several messages under the same key.
class Hmac {
public:
    Result<bool> init(const SecureBytes &key) {
        EVP_MAC_CTX *templ = hmacSha256Template();
        m_ctx.reset(templ != nullptr ? EVP_MAC_CTX_dup(templ) : nullptr);
        if (!m_ctx) {
            return detail::opensslFailure(QStringLiteral("HMAC-SHA-256 context"));
        }
        if (EVP_MAC_init(m_ctx.get(), nonNull(key.data()), key.size(), nullptr) != 1) {
            return detail::opensslFailure(QStringLiteral("HMAC-SHA-256 key setup"));
        }
        m_fresh = true;
        return true;
    }

    /// Starts a new message under the key given to init().
    Result<bool> restart() {
        if (!m_fresh && EVP_MAC_init(m_ctx.get(), nullptr, 0, nullptr) != 1) {
            return detail::opensslFailure(QStringLiteral("HMAC-SHA-256 restart"));
        }
        m_fresh = false;
        return true;
    }

    bool update(const std::uint8_t *data, std::size_t size) {
        m_fresh = false;
        return size == 0 || EVP_MAC_update(m_ctx.get(), data, size) == 1;
    }
    bool update(const QByteArray &data) {
        return update(reinterpret_cast<const std::uint8_t *>(data.constData()),
                      static_cast<std::size_t>(data.size()));
    }

    Result<SecureBytes> final() {
        SecureBytes out(kSha256Length);
        if (!finalInto(out.data())) {
            return detail::opensslFailure(QStringLiteral("HMAC-SHA-256"));
        }
        return out;
    }

    /// Writes the kSha256Length octets of the MAC to `out`.
    bool finalInto(std::uint8_t *out) {
        std::size_t written = 0;
        return EVP_MAC_final(m_ctx.get(), out, &written, kSha256Length) == 1 &&
               written == static_cast<std::size_t>(kSha256Length);
    }

private:
    detail::MacCtxPtr m_ctx;
    bool m_fresh = false;
};

bool isPrintableAscii(const QString &text) {
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e) {
            return false;
        }
    }
    return true;
}

void appendUint16(QByteArray &out, quint16 value) {
    out.append(static_cast<char>(value >> 8));
    out.append(static_cast<char>(value & 0xff));
}

Result<SecureBytes> runHkdf(const char *mode, const QByteArray &salt, const SecureBytes &key,
                            const QByteArray &info, std::size_t length, const QString &what) {
    static EVP_KDF *const algorithm = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    detail::KdfCtxPtr ctx(algorithm != nullptr ? EVP_KDF_CTX_new(algorithm) : nullptr);
    if (!ctx) {
        return detail::opensslFailure(what + QStringLiteral(": HKDF unavailable"));
    }
    char digest[] = "SHA256";
    QByteArray saltCopy = salt;
    QByteArray infoCopy = info;
    OSSL_PARAM params[6];
    OSSL_PARAM *p = params;
    *p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE, const_cast<char *>(mode), 0);
    *p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    *p++ = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_KEY, const_cast<unsigned char *>(nonNull(key.data())), key.size());
    if (!saltCopy.isEmpty()) { // absent salt = HashLen zeros (RFC 5869 §2.2)
        *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, uc(saltCopy),
                                                 static_cast<std::size_t>(saltCopy.size()));
    }
    if (!infoCopy.isEmpty()) {
        *p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, uc(infoCopy),
                                                 static_cast<std::size_t>(infoCopy.size()));
    }
    *p = OSSL_PARAM_construct_end();
    SecureBytes out(length);
    if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
        return detail::opensslFailure(what);
    }
    return out;
}

} // namespace

Result<SecureBytes> hmacSha256(const SecureBytes &key, const QByteArray &data) {
    Hmac hmac;
    if (auto ok = hmac.init(key); !ok) {
        return fail(ok.error());
    }
    if (!hmac.update(data)) {
        return detail::opensslFailure(QStringLiteral("HMAC-SHA-256 update"));
    }
    return hmac.final();
}

Result<SecureBytes> m2mKdf(const SecureBytes &key, const QString &label, const QByteArray &context,
                           int length) {
    if (key.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("m2m_kdf: the key is empty"));
    }
    if (!isPrintableAscii(label)) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("m2m_kdf: label '%1' is not printable ASCII").arg(label));
    }
    if (length < 1 || length > kMaxKdfOutput) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("m2m_kdf: output length %1 is outside 1..%2")
                        .arg(length)
                        .arg(kMaxKdfOutput));
    }
    QByteArray s;
    s.reserve(label.size() + 1 + context.size() + 2);
    s.append(label.toLatin1());
    s.append('\0');
    s.append(context);
    appendUint16(s, static_cast<quint16>(length));

    Hmac hmac;
    if (auto ok = hmac.init(key); !ok) {
        return fail(ok.error());
    }
    // T(i) goes straight into the output; the last, partial block through a buffer that is
    // wiped with the rest (the output is allocated once, at its final size).
    const int blocks = (length + kSha256Length - 1) / kSha256Length;
    SecureBytes out(static_cast<std::size_t>(blocks) * kSha256Length);
    for (int i = 1; i <= blocks; ++i) {
        const std::uint8_t counter = static_cast<std::uint8_t>(i);
        if (auto ok = hmac.restart(); !ok) {
            return fail(ok.error());
        }
        std::uint8_t *block = out.data() + static_cast<std::size_t>(i - 1) * kSha256Length;
        const bool chained =
            i == 1 || hmac.update(block - kSha256Length, static_cast<std::size_t>(kSha256Length));
        if (!chained || !hmac.update(s) || !hmac.update(&counter, 1) || !hmac.finalInto(block)) {
            return detail::opensslFailure(QStringLiteral("m2m_kdf"));
        }
    }
    out.resize(static_cast<std::size_t>(length)); // shrinking wipes the dropped tail
    return out;
}

Result<SecureBytes> hkdfExtract(const QByteArray &salt, const SecureBytes &ikm) {
    return runHkdf("EXTRACT_ONLY", salt, ikm, {}, kSha256Length, QStringLiteral("HKDF-Extract"));
}

Result<SecureBytes> hkdfExpand(const SecureBytes &prk, const QByteArray &info, int length) {
    if (prk.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("HKDF-Expand: the PRK is empty"));
    }
    if (length < 1 || length > kMaxKdfOutput) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("HKDF-Expand: output length %1 is outside 1..%2")
                        .arg(length)
                        .arg(kMaxKdfOutput));
    }
    return runHkdf("EXPAND_ONLY", {}, prk, info, static_cast<std::size_t>(length),
                   QStringLiteral("HKDF-Expand"));
}

Result<SecureBytes> hkdf(const QByteArray &salt, const SecureBytes &ikm, const QByteArray &info,
                         int length) {
    auto prk = hkdfExtract(salt, ikm);
    if (!prk) {
        return fail(prk.error());
    }
    return hkdfExpand(*prk, info, length);
}

Result<SecureBytes> ts33220Kdf(const SecureBytes &key, quint8 fc, const QList<QByteArray> &params) {
    if (key.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("TS 33.220 KDF: the key is empty"));
    }
    if (params.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("TS 33.220 KDF: no parameter P0"));
    }
    QByteArray s(1, static_cast<char>(fc));
    for (qsizetype i = 0; i < params.size(); ++i) {
        if (params[i].size() > 0xffff) {
            return fail(Error::Kind::Crypto,
                        QStringLiteral("TS 33.220 KDF: parameter P%1 is %2 octets, over 65535")
                            .arg(i)
                            .arg(params[i].size()));
        }
        s.append(params[i]);
        appendUint16(s, static_cast<quint16>(params[i].size()));
    }
    return hmacSha256(key, s);
}

Result<QByteArray> gbaNafId(const QString &nafFqdn, const QByteArray &uaProtocolId) {
    if (nafFqdn.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("NAF_Id: the NAF FQDN is empty"));
    }
    if (uaProtocolId.size() != kUaProtocolIdLength) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("NAF_Id: the Ua protocol id must be %1 octets, not %2")
                        .arg(kUaProtocolIdLength)
                        .arg(uaProtocolId.size()));
    }
    return nafFqdn.toUtf8() + uaProtocolId;
}

Result<SecureBytes> ksExtNaf(const SecureBytes &ks, const QByteArray &rand, const QString &impi,
                             const QByteArray &nafId) {
    if (ks.size() != 32) {
        return fail(
            Error::Kind::Crypto,
            QStringLiteral("Ks_(ext)_NAF: Ks must be 32 octets (CK || IK), not %1").arg(ks.size()));
    }
    if (rand.size() != 16) {
        return fail(
            Error::Kind::Crypto,
            QStringLiteral("Ks_(ext)_NAF: RAND must be 16 octets, not %1").arg(rand.size()));
    }
    if (impi.isEmpty() || nafId.isEmpty()) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("Ks_(ext)_NAF: IMPI and NAF_Id must not be empty"));
    }
    return ts33220Kdf(ks, kGbaNafFc, {QByteArrayLiteral("gba-me"), rand, impi.toUtf8(), nafId});
}

} // namespace m2mbench::crypto
