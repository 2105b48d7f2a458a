// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/tls_keys.h"

#include "core/crypto/openssl_internal.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
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
                                      const QByteArray &serverRandom) {
    if (masterSecret.size() != 48 || clientRandom.size() != 32 || serverRandom.size() != 32) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("EAP-TLS Key_Material: master secret must be 48 octets and "
                                   "each random 32 (got %1, %2, %3)")
                        .arg(masterSecret.size())
                        .arg(clientRandom.size())
                        .arg(serverRandom.size()));
    }
    return tls12Prf(masterSecret, QByteArray(kEapTlsLabel), clientRandom + serverRandom,
                    kEapTlsKeyMaterialLength);
}

} // namespace m2mbench::crypto
