// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to core/crypto: RAII holders for OpenSSL objects and the translation of OpenSSL's
// error queue into Result errors. Other modules never include this header; they go through the
// facades (kdf.h, key_wrap.h, aead.h, dh.h, tls_keys.h).

#include "core/common/result.h"
#include "core/common/secure_bytes.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>
#include <span>

namespace m2mbench::crypto::detail {

template<typename T, void (*Free)(T *)>
struct Deleter {
    void operator()(T *p) const { Free(p); }
};

using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX, EVP_MAC_CTX_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX, EVP_KDF_CTX_free>>;
using KdfPtr = std::unique_ptr<EVP_KDF, Deleter<EVP_KDF, EVP_KDF_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using CipherPtr = std::unique_ptr<EVP_CIPHER, Deleter<EVP_CIPHER, EVP_CIPHER_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX, BN_CTX_free>>;

/// Drains OpenSSL's thread-local error queue into one line ("" when it was empty), so that a
/// later, unrelated call does not report a stale error.
QString drainOpenSslErrors();

/// A Crypto error "what: <OpenSSL's reasons>".
tl::unexpected<Error> opensslFailure(const QString &what);

inline const unsigned char *uc(const QByteArray &bytes) {
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

inline unsigned char *uc(QByteArray &bytes) {
    return reinterpret_cast<unsigned char *>(bytes.data());
}

inline std::span<const std::uint8_t> view(const QByteArray &bytes) {
    return {reinterpret_cast<const std::uint8_t *>(bytes.constData()),
            static_cast<std::size_t>(bytes.size())};
}

/// OpenSSL rejects a null pointer even with length 0 in places; this gives a valid pointer.
inline const unsigned char *nonNull(const std::uint8_t *p) {
    static const unsigned char empty = 0;
    return p != nullptr ? p : &empty;
}

/// The process-wide HMAC implementation, fetched once (fetching per call costs microseconds).
EVP_MAC *hmacAlgorithm();

} // namespace m2mbench::crypto::detail
