// SPDX-License-Identifier: Apache-2.0
#pragma once

// The M2M key hierarchy of PROFILE.md as pure functions: Kmr (from EMSK, from MSK, from
// Ks_(ext)_NAF, or given), Kmc, Kma, plus key indices and lifetimes. Each derivation returns its
// trace::KeyDerivation record with the output inside; KeyRecorder gives records ids and a tree.

#include "core/crypto/derivation.h"

#include <QDateTime>

namespace m2mbench::crypto {

inline constexpr int kNodeIdLength = 16;    ///< M2M-Node-ID (securityM2MNodeId)
inline constexpr int kMinEapKeyLength = 64; ///< MSK and EMSK: at least 64 octets (RFC 3748)
inline constexpr int kTlsRandomLength = 32; ///< client_random, server_random
inline constexpr int kGbaRandLength = 16;   ///< RAND of the GBA run
inline constexpr int kGbaKsLength = 32;     ///< Ks = CK || IK

/// Kmr = m2m_kdf(EMSK, "ETSI-M2M-Kmr", SP-ID || 0x00 || M2M-Node-ID, 32): the bench is the EAP
/// server and holds the EMSK.
Result<trace::KeyDerivation> deriveKmrFromEmsk(const Profile &profile, const NamedKey &emsk,
                                               const QString &spId, const QByteArray &nodeId);

/// The same with the MSK, for EAP through an external AAA that returns only the MSK.
Result<trace::KeyDerivation> deriveKmrFromMsk(const Profile &profile, const NamedKey &msk,
                                              const QString &spId, const QByteArray &nodeId);

/// Ks_(ext)_NAF (TS 33.220 Annex B) for any NAF_Id.
Result<trace::KeyDerivation> deriveKsExtNaf(const NamedKey &ks, const QByteArray &rand,
                                            const QString &impi, const QByteArray &nafId);

/// Kmr by GBA: Ks_(ext)_NAF with NAF_Id = MSBF FQDN || the profile's Ua protocol id. Always 32
/// octets (the size of Ks_NAF), whatever the profile's kmr.length.
Result<trace::KeyDerivation> deriveKmrFromGba(const Profile &profile, const NamedKey &ks,
                                              const QByteArray &rand, const QString &impi,
                                              const QString &msbfFqdn);

/// A key that was not derived here (pre-provisioned Kmr, an EMSK handed over by the AAA):
/// a root record with formula id "given" and `origin` as its formula text.
trace::KeyDerivation givenKey(const QString &name, const SecureBytes &value, const QString &origin);

/// Kmc = m2m_kdf(Kmr, "ETSI-M2M-Kmc", M2M-Node-ID || uint32_be(Kmc-index) || client_random ||
/// server_random, 32), for the service connection over TLS-PSK keyed by Kmr.
Result<trace::KeyDerivation> deriveKmc(const Profile &profile, const NamedKey &kmr,
                                       const QByteArray &nodeId, quint32 kmcIndex,
                                       const QByteArray &clientRandom,
                                       const QByteArray &serverRandom);

/// Kmc = m2m_kdf(MSK, "ETSI-M2M-Kmc", M2M-Node-ID || uint32_be(Kmc-index), 32), for the EAP
/// (PANA) service-connection variant.
Result<trace::KeyDerivation> deriveKmcFromMsk(const Profile &profile, const NamedKey &msk,
                                              const QByteArray &nodeId, quint32 kmcIndex);

/// Kma = m2m_kdf(Kmc, "ETSI-M2M-Kma", UTF-8(App-ID), 32).
Result<trace::KeyDerivation> deriveKma(const Profile &profile, const NamedKey &kmc,
                                       const QString &appId);

/// The service connection's key confirmation, what the NSCL sends as securityM2MKey of the
/// <connectionParamSet> instead of Kmc and what the node checks against its own Kmc:
///   HMAC-SHA-256(Kmc, ASCII(serviceConnection.kmcConfirmLabel) || 0x00 || uint64_be(connection
///   id))
/// 32 octets, like the key it stands for. Error: empty Kmc, or a profile without that label.
Result<SecureBytes> kmcConfirmation(const Profile &profile, const SecureBytes &kmc,
                                    quint64 connectionId);

/// RFC 5216 Key_Material = TLS-PRF-128(master_secret, "client EAP encryption",
/// client.random || server.random), as a record.
Result<trace::KeyDerivation> deriveEapTlsKeyMaterial(const SecureBytes &masterSecret,
                                                     const QByteArray &clientRandom,
                                                     const QByteArray &serverRandom);

/// A record for octets [offset, offset + length) of a parent key (MSK and EMSK out of
/// Key_Material).
Result<trace::KeyDerivation> sliceKey(const NamedKey &parent, const QString &name, int offset,
                                      int length);

/// A key's index and absolute expiry (the `securityM2MKey` lifetime). An invalid expiry means
/// the key has no lifetime (a pre-provisioned key) and never expires.
struct KeyLifetime {
    quint32 index = 0;
    QDateTime expiry;
};

/// A lifetime of `seconds` from `issued`.
KeyLifetime lifetimeFrom(quint32 index, const QDateTime &issued, qint64 seconds);
/// True from the expiry instant on (a key expiring at t is no longer valid at t).
bool isExpired(const KeyLifetime &lifetime, const QDateTime &at);
/// Whole seconds left at `at` (0 once expired; -1 for a key without lifetime).
qint64 secondsLeft(const KeyLifetime &lifetime, const QDateTime &at);

} // namespace m2mbench::crypto
