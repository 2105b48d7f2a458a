// SPDX-License-Identifier: Apache-2.0
#pragma once

// AES-256-GCM (NIST SP 800-38D) with a 12-octet nonce and a 16-octet tag appended to the
// ciphertext. The caller owns nonce uniqueness: a nonce must never repeat under one key.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"

#include <QByteArray>

namespace m2mbench::crypto {

inline constexpr int kGcmKeyLength = 32;
inline constexpr int kGcmNonceLength = 12;
inline constexpr int kGcmTagLength = 16;

/// Encrypts and authenticates; returns ciphertext || tag (plaintext size + 16 octets).
Result<QByteArray> aes256GcmSeal(const SecureBytes &key, const QByteArray &nonce,
                                 const QByteArray &aad, const SecureBytes &plaintext);

/// Verifies and decrypts ciphertext || tag. Any change to key, nonce, AAD, ciphertext or tag
/// gives an error and no plaintext.
Result<SecureBytes> aes256GcmOpen(const SecureBytes &key, const QByteArray &nonce,
                                  const QByteArray &aad, const QByteArray &ciphertextAndTag);

} // namespace m2mbench::crypto
