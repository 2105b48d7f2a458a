// SPDX-License-Identifier: Apache-2.0
#pragma once

// The CPS's rules for Kas epochs, delivery, expiry and revocation (PROFILE.md): pure functions
// over plain data, so that the CPS node, the checks of a test case and the tests all apply the
// same rule.

#include "core/common/random.h"
#include "core/crypto/derivation.h"

#include <QDateTime>

namespace m2mbench::crypto {

class KeyRecorder;

/// One entity enrolled with the CPS, with the root key Kar it shares with the CPS.
struct CpsEnrolment {
    QString entityId;
    NamedKey kar;
    /// When the root key was voided; invalid = not revoked.
    QDateTime revokedAt;
};

/// One epoch of an emitter's Kas as the CPS keeps it.
struct KasEpoch {
    QString emitterId;
    quint32 n = 0;
    QByteArray nCps;
    NamedKey kas;
    QDateTime expiry;
};

/// What a holder receives: the emitter's Kas wrapped under KEK(holder's Kar), with n, N_cps and
/// the lifetime. Nothing in it is secret.
struct KasDelivery {
    QString emitterId;
    QString holderId;
    quint32 n = 0;
    QByteArray nCps;
    QDateTime expiry;
    QByteArray wrappedKas;
};

/// Why the CPS refuses to hand out a Kas; None = it may.
enum class KasRefusal { None, HolderRevoked, EmitterRevoked, EpochExpired };

/// Revoked from `revokedAt` on.
bool isRevoked(const CpsEnrolment &entity, const QDateTime &at);
/// Expired from `expiry` on.
bool isExpired(const KasEpoch &epoch, const QDateTime &at);
/// A refresh is due when there is no epoch yet or the current one has expired.
bool needsNewEpoch(const KasEpoch *current, const QDateTime &at);
/// The number of the next epoch (0 for the first).
quint32 nextEpochNumber(const KasEpoch *current);

/// The delivery rule: a revoked holder gets nothing, a revoked emitter's Kas is not handed out,
/// an expired epoch must be refreshed first.
KasRefusal kasRefusal(const CpsEnrolment &emitter, const CpsEnrolment &holder,
                      const KasEpoch &epoch, const QDateTime &at);
QString kasRefusalText(KasRefusal refusal);

/// What a holder already has stays usable until its expiry, revoked or not.
bool isUsable(const KasDelivery &delivery, const QDateTime &at);

/// Starts epoch `n` for an emitter: N_cps from `random`, lifetime cps Kas seconds from `at`.
/// A revoked emitter gets no new epoch. Records Kas when `recorder` is set.
Result<KasEpoch> startKasEpoch(const Profile &profile, const CpsEnrolment &emitter, quint32 n,
                               RandomSource &random, const QDateTime &at,
                               KeyRecorder *recorder = nullptr);

/// Wraps the epoch's Kas for `holder` (the emitter itself or a subscriber X) under
/// KEK = m2m_kdf(Kar_holder, "ETSI-M2M-KEK", holder-ID), after kasRefusal() allowed it.
/// Records KEK and the wrap when `recorder` is set.
Result<KasDelivery> deliverKas(const Profile &profile, const CpsEnrolment &emitter,
                               const CpsEnrolment &holder, const KasEpoch &epoch,
                               const QDateTime &at, KeyRecorder *recorder = nullptr);

/// The holder's side: KEK from its own Kar, then unwrap. A wrong Kar fails cleanly.
Result<NamedKey> receiveKas(const Profile &profile, const CpsEnrolment &holder,
                            const KasDelivery &delivery, KeyRecorder *recorder = nullptr);

} // namespace m2mbench::crypto
