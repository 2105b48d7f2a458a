// SPDX-License-Identifier: Apache-2.0
#pragma once

// HMAC and message digests for the protocols' own constructions (PANA's prf+ and AUTH AVP,
// RADIUS authenticators and Message-Authenticator, MS-MPPE keys). The one route from the
// protocol layer to OpenSSL's MACs and digests, so that no EVP_* call lives outside core/crypto.
// Pure functions: no state, no logging, every failure a Result error.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <span>

namespace m2mbench::crypto {

/// The hash functions the protocols use. MD5 and SHA-1 only where a standard fixes them
/// (RFC 2865 / 3579 / 2548, RFC 5191's PRF_HMAC_SHA1 and AUTH_HMAC_SHA1_160).
enum class Digest { Md5, Sha1, Sha256 };

/// Octets of one output of `digest` (16, 20, 32).
int digestLength(Digest digest);
/// "MD5", "SHA1", "SHA256": OpenSSL's name, also used in error messages.
QString digestName(Digest digest);

/// HMAC-`digest`(key, data) (RFC 2104); any key length, including empty.
Result<SecureBytes> hmac(Digest digest, std::span<const std::uint8_t> key,
                         std::span<const std::uint8_t> data);
Result<SecureBytes> hmac(Digest digest, const SecureBytes &key, const QByteArray &data);
/// The same with a key that is not key material of the bench (a RADIUS shared secret as
/// configured, a test key); the output is returned as plain octets.
Result<QByteArray> hmacBytes(Digest digest, const QByteArray &key, const QByteArray &data);

/// The message digest `digest`(data).
Result<QByteArray> hash(Digest digest, const QByteArray &data);

} // namespace m2mbench::crypto
