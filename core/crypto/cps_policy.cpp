// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/cps_policy.h"

#include "core/crypto/cps_keys.h"
#include "core/crypto/key_recorder.h"

namespace m2mbench::crypto {

namespace {

/// Records when a recorder is given, otherwise just unwraps the record into its key.
Result<NamedKey> keep(Result<trace::KeyDerivation> derivation, KeyRecorder *recorder) {
    if (recorder != nullptr) {
        return recorder->record(std::move(derivation));
    }
    if (!derivation) {
        return fail(derivation.error());
    }
    return outputKey(*derivation);
}

} // namespace

bool isRevoked(const CpsEnrolment &entity, const QDateTime &at) {
    return entity.revokedAt.isValid() && at >= entity.revokedAt;
}

bool isExpired(const KasEpoch &epoch, const QDateTime &at) {
    return !epoch.expiry.isValid() || at >= epoch.expiry;
}

bool needsNewEpoch(const KasEpoch *current, const QDateTime &at) {
    return current == nullptr || isExpired(*current, at);
}

quint32 nextEpochNumber(const KasEpoch *current) {
    return current == nullptr ? 0 : current->n + 1;
}

KasRefusal kasRefusal(const CpsEnrolment &emitter, const CpsEnrolment &holder,
                      const KasEpoch &epoch, const QDateTime &at) {
    if (isRevoked(holder, at)) {
        return KasRefusal::HolderRevoked;
    }
    if (isRevoked(emitter, at)) {
        return KasRefusal::EmitterRevoked;
    }
    if (isExpired(epoch, at)) {
        return KasRefusal::EpochExpired;
    }
    return KasRefusal::None;
}

QString kasRefusalText(KasRefusal refusal) {
    switch (refusal) {
    case KasRefusal::None: return QStringLiteral("may be delivered");
    case KasRefusal::HolderRevoked:
        return QStringLiteral("the holder is revoked: the CPS wraps no Kas for it");
    case KasRefusal::EmitterRevoked:
        return QStringLiteral("the emitter is revoked: its Kas is no longer handed out");
    case KasRefusal::EpochExpired:
        return QStringLiteral("the Kas epoch has expired: a new epoch must be started first");
    }
    return {};
}

bool isUsable(const KasDelivery &delivery, const QDateTime &at) {
    return delivery.expiry.isValid() && at < delivery.expiry;
}

Result<KasEpoch> startKasEpoch(const Profile &profile, const CpsEnrolment &emitter, quint32 n,
                               RandomSource &random, const QDateTime &at, KeyRecorder *recorder) {
    if (isRevoked(emitter, at)) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("Kas epoch %1 for %2: the entity is revoked, no new epoch")
                        .arg(n)
                        .arg(emitter.entityId));
    }
    KasEpoch epoch;
    epoch.emitterId = emitter.entityId;
    epoch.n = n;
    epoch.nCps = random.bytes(profile.cpsNonceLength);
    epoch.expiry = at.addSecs(profile.kasLifetimeSeconds);
    auto kas = keep(deriveKas(profile, emitter.kar, emitter.entityId, n, epoch.nCps), recorder);
    if (!kas) {
        return fail(kas.error());
    }
    epoch.kas = std::move(*kas);
    return epoch;
}

Result<KasDelivery> deliverKas(const Profile &profile, const CpsEnrolment &emitter,
                               const CpsEnrolment &holder, const KasEpoch &epoch,
                               const QDateTime &at, KeyRecorder *recorder) {
    const KasRefusal refusal = kasRefusal(emitter, holder, epoch, at);
    if (refusal != KasRefusal::None) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("Kas of %1 for %2 refused: %3")
                        .arg(epoch.emitterId, holder.entityId, kasRefusalText(refusal)));
    }
    auto kek = keep(deriveKek(profile, holder.kar, holder.entityId), recorder);
    if (!kek) {
        return fail(kek.error());
    }
    auto wrapped = keep(wrapKas(*kek, epoch.kas), recorder);
    if (!wrapped) {
        return fail(wrapped.error());
    }
    return KasDelivery{epoch.emitterId, holder.entityId, epoch.n,
                       epoch.nCps,      epoch.expiry,    wrapped->value.exposeBytes()};
}

Result<NamedKey> receiveKas(const Profile &profile, const CpsEnrolment &holder,
                            const KasDelivery &delivery, KeyRecorder *recorder) {
    auto kek = keep(deriveKek(profile, holder.kar, holder.entityId), recorder);
    if (!kek) {
        return fail(kek.error());
    }
    return keep(unwrapKas(*kek, delivery.wrappedKas), recorder);
}

} // namespace m2mbench::crypto
