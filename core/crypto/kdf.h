// SPDX-License-Identifier: Apache-2.0
#pragma once

// The HMAC-SHA-256 based key derivation functions of the bench: the profile KDF m2m_kdf, HKDF
// (RFC 5869) and the 3GPP TS 33.220 Annex B KDF with Ks_(ext)_NAF. Pure functions: no state, no
// logging, every failure a Result error.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace m2mbench::crypto {

/// Octets of one HMAC-SHA-256 output.
inline constexpr int kSha256Length = 32;
/// The longest output of m2m_kdf and HKDF-Expand with SHA-256: 255 blocks (one-octet counter).
inline constexpr int kMaxKdfOutput = 255 * kSha256Length;

/// HMAC-SHA-256(key, data) (RFC 2104 / FIPS 198-1); any key length, including empty.
Result<SecureBytes> hmacSha256(const SecureBytes &key, const QByteArray &data);

/// The profile KDF (RFC 5295 / IKEv2 prf+ construction):
///   S  = ASCII(label) || 0x00 || context || uint16_be(L)
///   T1 = HMAC-SHA-256(K, S || 0x01),  Ti = HMAC-SHA-256(K, T(i-1) || S || uint8(i))
///   result = first L octets of T1 || T2 || ...
/// Errors: empty key, label not printable ASCII, L outside 1..kMaxKdfOutput.
Result<SecureBytes> m2mKdf(const SecureBytes &key, const QString &label, const QByteArray &context,
                           int length);

/// HKDF-Extract (RFC 5869 §2.2) with SHA-256; an empty salt means HashLen zero octets.
Result<SecureBytes> hkdfExtract(const QByteArray &salt, const SecureBytes &ikm);
/// HKDF-Expand (RFC 5869 §2.3) with SHA-256; length 1..kMaxKdfOutput.
Result<SecureBytes> hkdfExpand(const SecureBytes &prk, const QByteArray &info, int length);
/// HKDF-Extract then HKDF-Expand.
Result<SecureBytes> hkdf(const QByteArray &salt, const SecureBytes &ikm, const QByteArray &info,
                         int length);

/// The generic KDF of 3GPP TS 33.220 Annex B.2:
///   HMAC-SHA-256(key, FC || P0 || L0 || P1 || L1 || ...), Li = uint16_be(length of Pi).
/// Errors: empty key, no parameter, a parameter longer than 65535 octets.
Result<SecureBytes> ts33220Kdf(const SecureBytes &key, quint8 fc, const QList<QByteArray> &params);

/// FC of the GBA NAF-key derivation (TS 33.220 Annex B.3).
inline constexpr quint8 kGbaNafFc = 0x01;
/// Octets of the Ua security protocol identifier appended to the NAF FQDN (TS 33.220 Annex H).
inline constexpr int kUaProtocolIdLength = 5;

/// NAF_Id = FQDN of the NAF || Ua security protocol identifier (TS 33.220 §4.5.2).
Result<QByteArray> gbaNafId(const QString &nafFqdn, const QByteArray &uaProtocolId);

/// Ks_(ext)_NAF = KDF(Ks, 0x01, "gba-me", RAND, IMPI, NAF_Id) (TS 33.220 Annex B.3).
/// Ks must be 32 octets (CK || IK), RAND 16 octets, IMPI and NAF_Id non-empty.
Result<SecureBytes> ksExtNaf(const SecureBytes &ks, const QByteArray &rand, const QString &impi,
                             const QByteArray &nafId);

} // namespace m2mbench::crypto
