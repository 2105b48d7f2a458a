// SPDX-License-Identifier: Apache-2.0
#pragma once

// PANA's key derivation and message integrity as pure functions (RFC 5191 section 5.3), apart
// from the state machines as hostap keeps eap_psk_common.c apart from eap_server_psk.c:
//   PANA_AUTH_KEY = prf+(MSK, "IETF PANA" | I_PAR | I_PAN | PaC_nonce | PAA_nonce | Key_ID)
//   AUTH          = PANA_AUTH_HASH(PANA_AUTH_KEY, PANA_PDU with the AUTH value zeroed)
// prf+ is the IKEv2 construction (RFC 7296 section 2.13); algorithm numbers are IKEv2 transform
// ids (PRF_HMAC_SHA1 = 2, PRF_HMAC_SHA2_256 = 5, AUTH_HMAC_SHA1_160 = 7,
// AUTH_HMAC_SHA2_256_128 = 12).

#include "core/crypto/derivation.h"
#include "core/protocol/pana/pana_message.h"

namespace m2mbench::pana {

namespace Prf {
inline constexpr quint32 HmacSha1 = 2;
inline constexpr quint32 HmacSha2_256 = 5;
} // namespace Prf

namespace Integrity {
inline constexpr quint32 HmacSha1_160 = 7;
inline constexpr quint32 HmacSha2_256_128 = 12;
} // namespace Integrity

[[nodiscard]] bool isSupportedPrf(quint32 prf);
[[nodiscard]] bool isSupportedIntegrity(quint32 integrity);
QString prfName(quint32 prf);
QString integrityName(quint32 integrity);
/// Octets of PANA_AUTH_KEY for the integrity algorithm (20 or 32), 0 when unsupported.
int authKeyLength(quint32 integrity);
/// Octets of the AUTH AVP value (20 or 16), 0 when unsupported.
int authValueLength(quint32 integrity);

/// prf+(K, S) = T1 | T2 | ..., T1 = prf(K, S | 0x01), Tn = prf(K, T(n-1) | S | n); `length`
/// octets, at most 255 blocks.
Result<SecureBytes> prfPlus(quint32 prf, const SecureBytes &key, const QByteArray &seed,
                            int length);

/// The session facts PANA_AUTH_KEY depends on.
struct AuthKeyInputs {
    QByteArray initialPar; ///< I_PAR: the PAR with the S flag, header and AVPs, as on the wire
    QByteArray initialPan; ///< I_PAN
    QByteArray pacNonce;
    QByteArray paaNonce;
    quint32 keyId = 0;
};

/// PANA_AUTH_KEY as a derivation record (formula id "pana_prf_plus"), parent = the MSK's record.
Result<trace::KeyDerivation> derivePanaAuthKey(quint32 prf, quint32 integrity,
                                               const crypto::NamedKey &msk,
                                               const AuthKeyInputs &inputs);

/// The AUTH value over `pdu` (whose AUTH value octets are zero).
Result<QByteArray> authValue(quint32 integrity, const SecureBytes &key, const QByteArray &pdu);

/// The message on the wire with an AUTH AVP (last) computed over it.
Result<QByteArray> encodeSigned(const Message &message, quint32 integrity, const SecureBytes &key);

enum class AuthCheck { Valid, Missing, Invalid, WrongLength, Duplicate };
QString authCheckName(AuthCheck check);

/// Checks the AUTH AVP of a parsed message against its raw bytes: the AUTH value is zeroed in a
/// copy, recomputed and compared in constant time.
AuthCheck verifyAuth(const QByteArray &raw, const Message &message, quint32 integrity,
                     const SecureBytes &key);

} // namespace m2mbench::pana
