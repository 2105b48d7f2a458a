// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/aead.h"

#include "core/crypto/openssl_internal.h"

#include <climits>

namespace m2mbench::crypto {

namespace {

Result<bool> checkSizes(const SecureBytes &key, const QByteArray &nonce, const QString &what) {
    if (key.size() != kGcmKeyLength) {
        return fail(Error::Kind::Crypto, QStringLiteral("%1: the key must be %2 octets, not %3")
                                             .arg(what)
                                             .arg(kGcmKeyLength)
                                             .arg(key.size()));
    }
    if (nonce.size() != kGcmNonceLength) {
        return fail(Error::Kind::Crypto, QStringLiteral("%1: the nonce must be %2 octets, not %3")
                                             .arg(what)
                                             .arg(kGcmNonceLength)
                                             .arg(nonce.size()));
    }
    return true;
}

Result<detail::CipherCtxPtr> gcmContext(const SecureBytes &key, const QByteArray &nonce,
                                        bool encrypt, const QString &what) {
    static EVP_CIPHER *const cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    detail::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (cipher == nullptr || !ctx ||
        EVP_CipherInit_ex2(ctx.get(), cipher, key.data(), detail::uc(nonce), encrypt ? 1 : 0,
                           nullptr) != 1) {
        return detail::opensslFailure(what);
    }
    return ctx;
}

bool feedAad(EVP_CIPHER_CTX *ctx, const QByteArray &aad) {
    int ignored = 0;
    return aad.isEmpty() || EVP_CipherUpdate(ctx, nullptr, &ignored, detail::uc(aad),
                                             static_cast<int>(aad.size())) == 1;
}

} // namespace

Result<QByteArray> aes256GcmSeal(const SecureBytes &key, const QByteArray &nonce,
                                 const QByteArray &aad, const SecureBytes &plaintext) {
    const QString what = QStringLiteral("AES-256-GCM seal");
    if (auto ok = checkSizes(key, nonce, what); !ok) {
        return fail(ok.error());
    }
    if (plaintext.size() > INT_MAX - kGcmTagLength || aad.size() > INT_MAX) {
        return fail(Error::Kind::Crypto, QStringLiteral("%1: input too large").arg(what));
    }
    auto ctx = gcmContext(key, nonce, true, what);
    if (!ctx) {
        return fail(ctx.error());
    }
    QByteArray out(static_cast<qsizetype>(plaintext.size()) + kGcmTagLength, '\0');
    int written = 0;
    int tail = 0;
    if (!feedAad(ctx->get(), aad) ||
        (!plaintext.isEmpty() &&
         EVP_CipherUpdate(ctx->get(), detail::uc(out), &written, plaintext.data(),
                          static_cast<int>(plaintext.size())) != 1) ||
        EVP_CipherFinal_ex(ctx->get(), detail::uc(out) + written, &tail) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx->get(), EVP_CTRL_AEAD_GET_TAG, kGcmTagLength,
                            detail::uc(out) + written + tail) != 1) {
        return detail::opensslFailure(what);
    }
    return out;
}

Result<SecureBytes> aes256GcmOpen(const SecureBytes &key, const QByteArray &nonce,
                                  const QByteArray &aad, const QByteArray &ciphertextAndTag) {
    const QString what = QStringLiteral("AES-256-GCM open");
    if (auto ok = checkSizes(key, nonce, what); !ok) {
        return fail(ok.error());
    }
    if (ciphertextAndTag.size() < kGcmTagLength) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("%1: %2 octets is shorter than the 16-octet tag")
                        .arg(what)
                        .arg(ciphertextAndTag.size()));
    }
    auto ctx = gcmContext(key, nonce, false, what);
    if (!ctx) {
        return fail(ctx.error());
    }
    const qsizetype cipherSize = ciphertextAndTag.size() - kGcmTagLength;
    QByteArray tag = ciphertextAndTag.right(kGcmTagLength);
    SecureBytes out(static_cast<std::size_t>(cipherSize));
    int written = 0;
    int tail = 0;
    if (!feedAad(ctx->get(), aad) ||
        (cipherSize > 0 &&
         EVP_CipherUpdate(ctx->get(), out.data(), &written, detail::uc(ciphertextAndTag),
                          static_cast<int>(cipherSize)) != 1) ||
        EVP_CIPHER_CTX_ctrl(ctx->get(), EVP_CTRL_AEAD_SET_TAG, kGcmTagLength, detail::uc(tag)) !=
            1) {
        return detail::opensslFailure(what);
    }
    unsigned char scratch[16]; // GCM's final step writes no octets; this keeps the pointer valid
    if (EVP_CipherFinal_ex(ctx->get(), scratch, &tail) != 1) {
        detail::drainOpenSslErrors();
        out.clear();
        return fail(Error::Kind::Crypto,
                    QStringLiteral("%1: authentication failed (wrong key, nonce or associated "
                                   "data, or the message was altered)")
                        .arg(what));
    }
    return out;
}

} // namespace m2mbench::crypto
