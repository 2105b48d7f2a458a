// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/tls_keys.h"

#include "core/crypto/openssl_internal.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/objects.h>
#include <openssl/ssl.h>

namespace m2mbench::crypto {

Result<SecureBytes> tls12Prf(const SecureBytes &secret, const QByteArray &label,
                             const QByteArray &seed, int length, PrfHash hash) {
    const QString what = QStringLiteral("TLS 1.2 PRF");
    if (secret.isEmpty() || label.isEmpty() || length < 1) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("%1: secret and label must not be empty and the length must "
                                   "be positive")
                        .arg(what));
    }
    static EVP_KDF *const algorithm = EVP_KDF_fetch(nullptr, "TLS1-PRF", nullptr);
    detail::KdfCtxPtr ctx(algorithm != nullptr ? EVP_KDF_CTX_new(algorithm) : nullptr);
    if (!ctx) {
        return detail::opensslFailure(what);
    }
    char digest[8];
    qstrncpy(digest, hash == PrfHash::Sha256 ? "SHA256" : "SHA384", sizeof digest);
    QByteArray labelAndSeed = label + seed; // OpenSSL's "seed" is label || seed
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET,
                                          const_cast<std::uint8_t *>(secret.data()), secret.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, detail::uc(labelAndSeed),
                                          static_cast<std::size_t>(labelAndSeed.size())),
        OSSL_PARAM_construct_end()};
    SecureBytes out(static_cast<std::size_t>(length));
    if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1) {
        return detail::opensslFailure(what);
    }
    return out;
}

Result<SecureBytes> exportKeyingMaterial(SSL *ssl, const QByteArray &label,
                                         const std::optional<QByteArray> &context, int length) {
    if (ssl == nullptr || label.isEmpty() || length < 1) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("TLS exporter: needs a connection, a label and a length"));
    }
    SecureBytes out(static_cast<std::size_t>(length));
    const QByteArray ctx = context.value_or(QByteArray());
    const int ok = SSL_export_keying_material(
        ssl, out.data(), out.size(), label.constData(), static_cast<std::size_t>(label.size()),
        detail::nonNull(reinterpret_cast<const std::uint8_t *>(ctx.constData())),
        static_cast<std::size_t>(ctx.size()), context.has_value() ? 1 : 0);
    if (ok != 1) {
        return detail::opensslFailure(
            QStringLiteral("TLS exporter '%1' (is the handshake complete?)")
                .arg(QString::fromLatin1(label)));
    }
    return out;
}

Result<EapTlsKeys> splitEapTlsKeyMaterial(const SecureBytes &keyMaterial) {
    if (keyMaterial.size() != kEapTlsKeyMaterialLength) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("EAP-TLS Key_Material must be 128 octets, not %1")
                        .arg(keyMaterial.size()));
    }
    return EapTlsKeys{keyMaterial.mid(0, 64), keyMaterial.mid(64, 64)};
}

Result<EapTlsKeys> eapTlsKeys(SSL *ssl) {
    if (ssl == nullptr) {
        return fail(Error::Kind::Crypto, QStringLiteral("EAP-TLS keys: no TLS connection"));
    }
    Result<SecureBytes> material;
    if (SSL_version(ssl) == TLS1_3_VERSION) {
        material = exportKeyingMaterial(ssl, QByteArray(kEapTls13Label),
                                        QByteArray(1, static_cast<char>(kEapTlsTypeCode)),
                                        kEapTlsKeyMaterialLength);
    } else {
        material = exportKeyingMaterial(ssl, QByteArray(kEapTlsLabel), std::nullopt,
                                        kEapTlsKeyMaterialLength);
    }
    if (!material) {
        return fail(material.error());
    }
    return splitEapTlsKeyMaterial(*material);
}

Result<SecureBytes> eapTlsKeyMaterial(const SecureBytes &masterSecret,
                                      const QByteArray &clientRandom,
                                      const QByteArray &serverRandom, PrfHash hash) {
    if (masterSecret.size() != 48 || clientRandom.size() != 32 || serverRandom.size() != 32) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("EAP-TLS Key_Material: master secret must be 48 octets and "
                                   "each random 32 (got %1, %2, %3)")
                        .arg(masterSecret.size())
                        .arg(clientRandom.size())
                        .arg(serverRandom.size()));
    }
    return tls12Prf(masterSecret, QByteArray(kEapTlsLabel), clientRandom + serverRandom,
                    kEapTlsKeyMaterialLength, hash);
}

namespace {

Result<PrfHash> prfHashOfCipher(const SSL_CIPHER *cipher) {
    if (cipher == nullptr) {
        return fail(Error::Kind::Crypto, QStringLiteral("TLS 1.2 PRF hash: no cipher suite"));
    }
    const QString name = QString::fromLatin1(SSL_CIPHER_get_name(cipher));
    if (qstrcmp(SSL_CIPHER_get_version(cipher), "TLSv1.3") == 0) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("TLS 1.2 PRF hash: %1 is a TLS 1.3 suite").arg(name));
    }
    // The legacy suites carry the MD5+SHA-1 handshake digest of TLS 1.0/1.1; TLS 1.2 replaces
    // it with SHA-256 (RFC 5246 section 5), as OpenSSL does.
    const EVP_MD *digest = SSL_CIPHER_get_handshake_digest(cipher);
    const int nid = digest != nullptr ? EVP_MD_get_type(digest) : NID_undef;
    if (nid == NID_sha384) {
        return PrfHash::Sha384;
    }
    if (nid == NID_sha256 || nid == NID_md5_sha1) {
        return PrfHash::Sha256;
    }
    return fail(Error::Kind::Crypto,
                QStringLiteral("TLS 1.2 PRF hash: %1 uses %2, which the PRF here does not offer")
                    .arg(name, QString::fromLatin1(OBJ_nid2sn(nid))));
}

} // namespace

Result<PrfHash> tls12PrfHash(SSL *ssl) {
    if (ssl == nullptr || SSL_version(ssl) == TLS1_3_VERSION) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("TLS 1.2 PRF hash: needs a TLS 1.2 connection"));
    }
    return prfHashOfCipher(SSL_get_current_cipher(ssl));
}

Result<PrfHash> tls12PrfHash(const QString &cipherName) {
    // Every suite OpenSSL knows, enabled by default or not, in one context made once and kept
    // for the life of the process (like the KDF fetched above).
    static SSL_CTX *const table = [] {
        SSL_CTX *ctx = SSL_CTX_new(TLS_method());
        if (ctx != nullptr &&
            SSL_CTX_set_cipher_list(ctx, "ALL:COMPLEMENTOFALL:@SECLEVEL=0") != 1) {
            SSL_CTX_free(ctx);
            ctx = nullptr;
        }
        return ctx;
    }();
    if (table == nullptr) {
        return detail::opensslFailure(QStringLiteral("TLS 1.2 PRF hash: cipher table"));
    }
    const QByteArray wanted = cipherName.toLatin1();
    const STACK_OF(SSL_CIPHER) *ciphers = SSL_CTX_get_ciphers(table);
    for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
        const SSL_CIPHER *cipher = sk_SSL_CIPHER_value(ciphers, i);
        if (qstrcmp(SSL_CIPHER_get_name(cipher), wanted.constData()) == 0) {
            return prfHashOfCipher(cipher);
        }
    }
    return fail(
        Error::Kind::Crypto,
        QStringLiteral("TLS 1.2 PRF hash: OpenSSL knows no cipher suite '%1'").arg(cipherName));
}

QString prfHashName(PrfHash hash) {
    return hash == PrfHash::Sha384 ? QStringLiteral("SHA-384") : QStringLiteral("SHA-256");
}

} // namespace m2mbench::crypto
