// SPDX-License-Identifier: Apache-2.0
#pragma once

// The end-to-end keys of the CPS (PROFILE.md, seed clause 8.X) as pure functions: Kar by its
// three variants, Kas per epoch, KEK, kAs(i), and the RFC 3394 wrap of Kas for its holders.

#include "core/crypto/derivation.h"
#include "core/crypto/dh.h"

namespace m2mbench::crypto {

/// EMSK of the EAP-TLS run with the CPS: at least 64 octets.
inline constexpr int kMinEmskCpsLength = 64;

/// Kar = m2m_kdf(EMSK_cps, "ETSI-M2M-Kar", UTF-8(entity-ID), 32)   (8.X.4)
Result<trace::KeyDerivation> deriveKarFromEmsk(const Profile &profile, const NamedKey &emskCps,
                                               const QString &entityId);

/// Z, the Diffie-Hellman shared secret of `group` (record "Z", formula id = group name).
Result<trace::KeyDerivation> deriveDhSharedSecret(DhGroup group, const NamedKey &privateKey,
                                                  const QByteArray &peerPublicKey);

/// Kar = m2m_kdf(Z, "ETSI-M2M-Kar", UTF-8(entity-ID) || 0x00 || UTF-8(CPS-ID), 32)   (8.X.3)
Result<trace::KeyDerivation> deriveKarFromDh(const Profile &profile, const NamedKey &z,
                                             const QString &entityId, const QString &cpsId);

/// Kar = m2m_kdf(IBAKE session key, "ETSI-M2M-Kar", UTF-8(entity-ID), 32)   (8.X.5); the IBAKE
/// exchange itself is outside the bench for now, its session key is an input.
Result<trace::KeyDerivation> deriveKarFromIbake(const Profile &profile, const NamedKey &ibakeKey,
                                                const QString &entityId);

/// Kas(n) = m2m_kdf(Kar, "ETSI-M2M-Kas", UTF-8(entity-ID) || uint32_be(n) || N_cps, 32), with
/// N_cps of the profile's cps.nonceLength octets.
Result<trace::KeyDerivation> deriveKas(const Profile &profile, const NamedKey &kar,
                                       const QString &entityId, quint32 n, const QByteArray &nCps);

/// KEK = m2m_kdf(R, "ETSI-M2M-KEK", UTF-8(holder-ID), 32) for a holder of root key R.
Result<trace::KeyDerivation> deriveKek(const Profile &profile, const NamedKey &rootKey,
                                       const QString &holderId);

/// kAs(i) = m2m_kdf(Kas, "ETSI-M2M-kAs", uint32_be(i), 32).
Result<trace::KeyDerivation> deriveKasApp(const Profile &profile, const NamedKey &kas, quint32 i);

/// wrapped-Kas = AES-KW(KEK, Kas) (RFC 3394); the output is not secret.
Result<trace::KeyDerivation> wrapKas(const NamedKey &kek, const NamedKey &kas);

/// Kas = AES-KW-unwrap(KEK, wrapped-Kas); a wrong KEK fails the integrity check cleanly.
Result<trace::KeyDerivation> unwrapKas(const NamedKey &kek, const QByteArray &wrappedKas);

} // namespace m2mbench::crypto
