// SPDX-License-Identifier: Apache-2.0
#pragma once

// Diffie-Hellman for the CPS's Kar: X25519 (RFC 7748) by default, the RFC 7919 finite-field
// groups by profile. Private keys are octet strings the caller may supply, so that a lab can
// recompute a product's shared secret by hand.

#include "core/common/random.h"
#include "core/common/result.h"
#include "core/common/secure_bytes.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace m2mbench::crypto {

enum class DhGroup { X25519, Ffdhe2048, Ffdhe3072, Ffdhe4096, Ffdhe6144, Ffdhe8192 };

/// The profile / OpenSSL name: "x25519", "ffdhe2048", ...
QString dhGroupName(DhGroup group);
std::optional<DhGroup> dhGroupFromName(const QString &name);
QStringList dhGroupNames();

/// Octets of a generated private key: 32 for X25519; for FFDHE at least twice the group's
/// security strength (RFC 7919 §5.2): 32, 40, 48, 48, 64.
int dhPrivateKeyLength(DhGroup group);
/// Octets of a public key and of the shared secret Z: 32 for X25519, the size of p for FFDHE.
int dhPublicKeyLength(DhGroup group);

/// A key pair; the public key is in wire form (RFC 7748 little-endian u, or big-endian y
/// left-padded to the size of p).
struct DhKeyPair {
    DhGroup group = DhGroup::X25519;
    SecureBytes privateKey;
    QByteArray publicKey;
};

/// A fresh key pair whose private key comes from `random` (repeatable with a seeded source).
Result<DhKeyPair> dhGenerateKeyPair(DhGroup group, RandomSource &random);

/// The public key of a private key: X25519(k, 9), or 2^x mod p for FFDHE.
Result<QByteArray> dhPublicKey(DhGroup group, const SecureBytes &privateKey);

/// The shared secret Z. For FFDHE, Z keeps its leading zero octets (fixed length, the size of
/// p, as RFC 2631 and TLS 1.3 do) and the peer value must satisfy 1 < y < p-1. For X25519 an
/// all-zero result (a small-order peer point) is an error (RFC 7748 §6.1).
Result<SecureBytes> dhSharedSecret(DhGroup group, const SecureBytes &privateKey,
                                   const QByteArray &peerPublicKey);

/// The raw RFC 7748 function X25519(k, u): 32-octet scalar and u-coordinate.
Result<SecureBytes> x25519(const SecureBytes &scalar, const QByteArray &uCoordinate);

} // namespace m2mbench::crypto
