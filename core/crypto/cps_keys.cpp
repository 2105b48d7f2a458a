// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/cps_keys.h"

#include "core/crypto/key_wrap.h"

namespace m2mbench::crypto {

namespace {

Result<void> require(bool ok, const QString &what, const QString &problem) {
    if (!ok) {
        return fail(Error::Kind::Crypto, QStringLiteral("%1: %2").arg(what, problem));
    }
    return {};
}

Result<void> requireKey(const NamedKey &key, const QString &what) {
    return require(!key.value.isEmpty(), what, QStringLiteral("%1 is empty").arg(key.name));
}

Result<void> requireText(const QString &value, const QString &name, const QString &what) {
    return require(!value.isEmpty(), what, QStringLiteral("%1 is empty").arg(name));
}

trace::KeyDerivation wrapRecord(const QString &name, const QString &formulaId,
                                const QString &formula, const NamedKey &kek) {
    trace::KeyDerivation record;
    record.name = name;
    record.formulaId = formulaId;
    record.formula = formula;
    record.inputs = {secretInput(kek.name, kek.value)};
    if (!kek.recordId.isEmpty()) {
        record.parents << kek.recordId;
    }
    return record;
}

} // namespace

Result<trace::KeyDerivation> deriveKarFromEmsk(const Profile &profile, const NamedKey &emskCps,
                                               const QString &entityId) {
    const QString what = QStringLiteral("Kar (EAP-TLS)");
    if (auto ok = require(emskCps.value.size() >= kMinEmskCpsLength, what,
                          QStringLiteral("%1 must be at least 64 octets, not %2")
                              .arg(emskCps.name)
                              .arg(emskCps.value.size()));
        !ok) {
        return fail(ok.error());
    }
    if (auto ok = requireText(entityId, QStringLiteral("entity-ID"), what); !ok) {
        return fail(ok.error());
    }
    return profileDerive(profile, DerivationId::KarEap, emskCps,
                         {textInput(QStringLiteral("entity-ID"), entityId)});
}

Result<trace::KeyDerivation> deriveDhSharedSecret(DhGroup group, const NamedKey &privateKey,
                                                  const QByteArray &peerPublicKey) {
    auto z = dhSharedSecret(group, privateKey.value, peerPublicKey);
    if (!z) {
        return fail(z.error().wrap(QStringLiteral("Z")));
    }
    trace::KeyDerivation record;
    record.name = QStringLiteral("Z");
    record.formulaId = dhGroupName(group);
    record.formula =
        group == DhGroup::X25519
            ? QStringLiteral("X25519(%1, peer-public)  [RFC 7748]").arg(privateKey.name)
            : QStringLiteral("peer-public ^ %1 mod p of %2, left-padded to |p|  "
                             "[RFC 7919]")
                  .arg(privateKey.name, dhGroupName(group));
    record.inputs = {secretInput(privateKey.name, privateKey.value),
                     octetsInput(QStringLiteral("peer-public"), peerPublicKey)};
    record.output = std::move(*z);
    if (!privateKey.recordId.isEmpty()) {
        record.parents << privateKey.recordId;
    }
    return record;
}

Result<trace::KeyDerivation> deriveKarFromDh(const Profile &profile, const NamedKey &z,
                                             const QString &entityId, const QString &cpsId) {
    const QString what = QStringLiteral("Kar (Diffie-Hellman)");
    if (auto ok = requireKey(z, what); !ok) {
        return fail(ok.error());
    }
    for (const auto &[name, value] : {std::pair{QStringLiteral("entity-ID"), entityId},
                                      std::pair{QStringLiteral("CPS-ID"), cpsId}}) {
        if (auto ok = requireText(value, name, what); !ok) {
            return fail(ok.error());
        }
    }
    return profileDerive(profile, DerivationId::KarDh, z,
                         {textInput(QStringLiteral("entity-ID"), entityId),
                          textInput(QStringLiteral("CPS-ID"), cpsId)});
}

Result<trace::KeyDerivation> deriveKarFromIbake(const Profile &profile, const NamedKey &ibakeKey,
                                                const QString &entityId) {
    const QString what = QStringLiteral("Kar (EAP-IBAKE)");
    if (auto ok = requireKey(ibakeKey, what); !ok) {
        return fail(ok.error());
    }
    if (auto ok = requireText(entityId, QStringLiteral("entity-ID"), what); !ok) {
        return fail(ok.error());
    }
    return profileDerive(profile, DerivationId::KarIbake, ibakeKey,
                         {textInput(QStringLiteral("entity-ID"), entityId)});
}

Result<trace::KeyDerivation> deriveKas(const Profile &profile, const NamedKey &kar,
                                       const QString &entityId, quint32 n, const QByteArray &nCps) {
    const QString what = QStringLiteral("Kas");
    if (auto ok = requireKey(kar, what); !ok) {
        return fail(ok.error());
    }
    if (auto ok = requireText(entityId, QStringLiteral("entity-ID"), what); !ok) {
        return fail(ok.error());
    }
    if (auto ok = require(nCps.size() == profile.cpsNonceLength, what,
                          QStringLiteral("N_cps must be %1 octets, not %2")
                              .arg(profile.cpsNonceLength)
                              .arg(nCps.size()));
        !ok) {
        return fail(ok.error());
    }
    return profileDerive(profile, DerivationId::Kas, kar,
                         {textInput(QStringLiteral("entity-ID"), entityId),
                          uint32Input(QStringLiteral("n"), n),
                          octetsInput(QStringLiteral("N_cps"), nCps)});
}

Result<trace::KeyDerivation> deriveKek(const Profile &profile, const NamedKey &rootKey,
                                       const QString &holderId) {
    const QString what = QStringLiteral("KEK");
    if (auto ok = requireKey(rootKey, what); !ok) {
        return fail(ok.error());
    }
    if (auto ok = requireText(holderId, QStringLiteral("holder-ID"), what); !ok) {
        return fail(ok.error());
    }
    return profileDerive(profile, DerivationId::Kek, rootKey,
                         {textInput(QStringLiteral("holder-ID"), holderId)});
}

Result<trace::KeyDerivation> deriveKasApp(const Profile &profile, const NamedKey &kas, quint32 i) {
    if (auto ok = requireKey(kas, QStringLiteral("kAs")); !ok) {
        return fail(ok.error());
    }
    return profileDerive(profile, DerivationId::KasApp, kas, {uint32Input(QStringLiteral("i"), i)});
}

Result<trace::KeyDerivation> wrapKas(const NamedKey &kek, const NamedKey &kas) {
    auto wrapped = aesKeyWrap(kek.value, kas.value);
    if (!wrapped) {
        return fail(wrapped.error().wrap(QStringLiteral("wrapping Kas")));
    }
    trace::KeyDerivation record =
        wrapRecord(QStringLiteral("wrapped-Kas"), QStringLiteral("aes_kw"),
                   QStringLiteral("AES-KW(%1, %2)  [RFC 3394]").arg(kek.name, kas.name), kek);
    record.inputs.append(secretInput(kas.name, kas.value));
    if (!kas.recordId.isEmpty()) {
        record.parents << kas.recordId;
    }
    record.output = SecureBytes::fromByteArray(*wrapped);
    record.outputSecret = false;
    return record;
}

Result<trace::KeyDerivation> unwrapKas(const NamedKey &kek, const QByteArray &wrappedKas) {
    auto kas = aesKeyUnwrap(kek.value, wrappedKas);
    if (!kas) {
        return fail(kas.error().wrap(QStringLiteral("unwrapping Kas")));
    }
    trace::KeyDerivation record =
        wrapRecord(QStringLiteral("Kas"), QStringLiteral("aes_kw_unwrap"),
                   QStringLiteral("AES-KW-unwrap(%1, wrapped-Kas)  [RFC 3394]").arg(kek.name), kek);
    record.inputs.append(octetsInput(QStringLiteral("wrapped-Kas"), wrappedKas));
    record.output = std::move(*kas);
    return record;
}

} // namespace m2mbench::crypto
