// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/key_wrap.h"

#include "core/crypto/openssl_internal.h"

namespace m2mbench::crypto {

namespace {

enum class Direction { Wrap, Unwrap };

/// The wrap cipher for a KEK size, fetched once per process (a fetch costs more than the wrap).
Result<EVP_CIPHER *> wrapCipher(std::size_t kekSize, bool padded, const QString &what) {
    static EVP_CIPHER *const ciphers[2][3] = {
        {EVP_CIPHER_fetch(nullptr, "AES-128-WRAP", nullptr),
         EVP_CIPHER_fetch(nullptr, "AES-192-WRAP", nullptr),
         EVP_CIPHER_fetch(nullptr, "AES-256-WRAP", nullptr)},
        {EVP_CIPHER_fetch(nullptr, "AES-128-WRAP-PAD", nullptr),
         EVP_CIPHER_fetch(nullptr, "AES-192-WRAP-PAD", nullptr),
         EVP_CIPHER_fetch(nullptr, "AES-256-WRAP-PAD", nullptr)}};
    if (kekSize != 16 && kekSize != 24 && kekSize != 32) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("%1: the KEK must be 16, 24 or 32 octets, not %2")
                        .arg(what)
                        .arg(kekSize));
    }
    EVP_CIPHER *cipher = ciphers[padded ? 1 : 0][(kekSize - 16) / 8];
    if (cipher == nullptr) {
        return detail::opensslFailure(what + QStringLiteral(": AES key wrap unavailable"));
    }
    return cipher;
}

/// Runs one wrap or unwrap; the output buffer is sized for the larger of the two directions.
Result<SecureBytes> runWrap(Direction direction, bool padded, const SecureBytes &kek,
                            std::span<const std::uint8_t> input, const QString &what) {
    auto cipher = wrapCipher(kek.size(), padded, what);
    if (!cipher) {
        return fail(cipher.error());
    }
    detail::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx) {
        return detail::opensslFailure(what);
    }
    EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    const int enc = direction == Direction::Wrap ? 1 : 0;
    if (EVP_CipherInit_ex2(ctx.get(), *cipher, kek.data(), nullptr, enc, nullptr) != 1) {
        return detail::opensslFailure(what);
    }
    SecureBytes out(input.size() + 16);
    int written = 0;
    if (EVP_CipherUpdate(ctx.get(), out.data(), &written, input.data(),
                         static_cast<int>(input.size())) != 1 ||
        written < 0) {
        if (direction == Direction::Unwrap) {
            detail::drainOpenSslErrors();
            return fail(Error::Kind::Crypto,
                        QStringLiteral("%1: integrity check failed (wrong KEK, or the wrapped "
                                       "key was altered)")
                            .arg(what));
        }
        return detail::opensslFailure(what);
    }
    int tail = 0;
    if (EVP_CipherFinal_ex(ctx.get(), out.data() + written, &tail) != 1) {
        return detail::opensslFailure(what);
    }
    out.resize(static_cast<std::size_t>(written) + static_cast<std::size_t>(tail));
    return out;
}

} // namespace

Result<QByteArray> aesKeyWrap(const SecureBytes &kek, const SecureBytes &keyData) {
    const QString what = QStringLiteral("AES key wrap (RFC 3394)");
    if (keyData.size() < 16 || keyData.size() % 8 != 0) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("%1: key data must be a multiple of 8 octets and at least 16, "
                                   "not %2")
                        .arg(what)
                        .arg(keyData.size()));
    }
    auto out = runWrap(Direction::Wrap, false, kek, keyData.span(), what);
    if (!out) {
        return fail(out.error());
    }
    return out->exposeBytes(); // a wrapped key is not secret
}

Result<SecureBytes> aesKeyUnwrap(const SecureBytes &kek, const QByteArray &wrapped) {
    const QString what = QStringLiteral("AES key unwrap (RFC 3394)");
    if (wrapped.size() < 24 || wrapped.size() % 8 != 0) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("%1: wrapped key must be a multiple of 8 octets and at least "
                                   "24, not %2")
                        .arg(what)
                        .arg(wrapped.size()));
    }
    return runWrap(Direction::Unwrap, false, kek, detail::view(wrapped), what);
}

Result<QByteArray> aesKeyWrapPad(const SecureBytes &kek, const SecureBytes &keyData) {
    const QString what = QStringLiteral("AES key wrap with padding (RFC 5649)");
    if (keyData.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("%1: key data is empty").arg(what));
    }
    auto out = runWrap(Direction::Wrap, true, kek, keyData.span(), what);
    if (!out) {
        return fail(out.error());
    }
    return out->exposeBytes();
}

Result<SecureBytes> aesKeyUnwrapPad(const SecureBytes &kek, const QByteArray &wrapped) {
    const QString what = QStringLiteral("AES key unwrap with padding (RFC 5649)");
    if (wrapped.size() < 16 || wrapped.size() % 8 != 0) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("%1: wrapped key must be a multiple of 8 octets and at least "
                                   "16, not %2")
                        .arg(what)
                        .arg(wrapped.size()));
    }
    return runWrap(Direction::Unwrap, true, kek, detail::view(wrapped), what);
}

} // namespace m2mbench::crypto
