// SPDX-License-Identifier: Apache-2.0
#pragma once

// The CPS data envelope: application data sealed with AES-256-GCM under kAs(i), carried as the
// content of a contentInstance. The NSCL stores and forwards it and cannot read it.
//
// Byte layout (version 1), all integers big-endian:
//   offset  size  field
//   0       1     version = 0x01
//   1       4     n   (Kas epoch)
//   5       4     i   (kAs index)
//   9       12    GCM nonce
//   21      c+16  ciphertext || 16-octet GCM tag
// AAD = the profile's cps.envelopeAad, by default UTF-8(entity-ID) || uint32_be(n) ||
// uint32_be(i). The entity-ID is not in the envelope: the reader knows whose container it is.

#include "core/common/random.h"
#include "core/crypto/derivation.h"

#include <QByteArray>

#include <optional>

namespace m2mbench::crypto {

inline constexpr quint8 kEnvelopeVersion = 1;
inline constexpr int kEnvelopeHeaderLength = 21;
inline constexpr int kEnvelopeMinLength = kEnvelopeHeaderLength + 16;

/// A parsed envelope.
struct Envelope {
    quint8 version = kEnvelopeVersion;
    quint32 n = 0;
    quint32 i = 0;
    QByteArray nonce;
    QByteArray ciphertextAndTag;
};

QByteArray encodeEnvelope(const Envelope &envelope);
/// Parses the layout; errors for a short input or an unknown version (never asserts).
Result<Envelope> parseEnvelope(const QByteArray &bytes);

/// The associated data for (entity-ID, n, i) under the profile.
Result<QByteArray> envelopeAad(const Profile &profile, const QString &entityId, quint32 n,
                               quint32 i);

/// Seals under kAs(i) with the given 12-octet nonce (which must never repeat under one key).
Result<QByteArray> sealEnvelope(const Profile &profile, const SecureBytes &kAs,
                                const QString &entityId, quint32 n, quint32 i,
                                const QByteArray &nonce, const SecureBytes &plaintext);
/// Seals with a fresh nonce from `random`.
Result<QByteArray> sealEnvelope(const Profile &profile, const SecureBytes &kAs,
                                const QString &entityId, quint32 n, quint32 i, RandomSource &random,
                                const SecureBytes &plaintext);

/// Opens with kAs(i) of the envelope's i. Any change to the envelope, a wrong key or a wrong
/// entity-ID gives an error and no plaintext.
Result<SecureBytes> openEnvelope(const Profile &profile, const SecureBytes &kAs,
                                 const QString &entityId, const QByteArray &envelope);

/// Opens with Kas: derives kAs(i) for the envelope's i; when `expectedN` is set, an envelope of
/// another epoch is refused before any decryption.
Result<SecureBytes> openEnvelopeWithKas(const Profile &profile, const NamedKey &kas,
                                        const QString &entityId, const QByteArray &envelope,
                                        std::optional<quint32> expectedN = std::nullopt);

} // namespace m2mbench::crypto
