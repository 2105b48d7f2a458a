// SPDX-License-Identifier: Apache-2.0
#pragma once

// AES key wrap: RFC 3394 (default IV A6A6A6A6A6A6A6A6) and RFC 5649 (with padding, AIV
// A65959A6 || MLI). The KEK may be 16, 24 or 32 octets (AES-128/192/256).

#include "core/common/result.h"
#include "core/common/secure_bytes.h"

#include <QByteArray>

namespace m2mbench::crypto {

/// RFC 3394 wrap; the key data must be a multiple of 8 octets, at least 16.
Result<QByteArray> aesKeyWrap(const SecureBytes &kek, const SecureBytes &keyData);

/// RFC 3394 unwrap. A wrong KEK or altered input fails the integrity check and gives an error
/// (never garbage key material).
Result<SecureBytes> aesKeyUnwrap(const SecureBytes &kek, const QByteArray &wrapped);

/// RFC 5649 wrap with padding; key data of 1 octet or more, any length.
Result<QByteArray> aesKeyWrapPad(const SecureBytes &kek, const SecureBytes &keyData);

/// RFC 5649 unwrap with padding; integrity and padding are checked.
Result<SecureBytes> aesKeyUnwrapPad(const SecureBytes &kek, const QByteArray &wrapped);

} // namespace m2mbench::crypto
