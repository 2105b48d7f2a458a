// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/key_hierarchy.h"

#include "core/crypto/kdf.h"
#include "core/crypto/tls_keys.h"

namespace m2mbench::crypto {

namespace {

tl::unexpected<Error> badInput(const QString &what, const QString &problem) {
    return fail(Error::Kind::Crypto, QStringLiteral("%1: %2").arg(what, problem));
}

Result<void> checkLength(const QString &what, const QString &name, qsizetype actual,
                         qsizetype expected) {
    if (actual != expected) {
        return badInput(
            what,
            QStringLiteral("%1 must be %2 octets, not %3").arg(name).arg(expected).arg(actual));
    }
    return {};
}

Result<void> checkEapKey(const QString &what, const NamedKey &key) {
    if (key.value.size() < kMinEapKeyLength) {
        return badInput(what, QStringLiteral("%1 must be at least %2 octets, not %3")
                                  .arg(key.name)
                                  .arg(kMinEapKeyLength)
                                  .arg(key.value.size()));
    }
    return {};
}

Result<void> checkText(const QString &what, const QString &name, const QString &value) {
    if (value.isEmpty()) {
        return badInput(what, QStringLiteral("%1 is empty").arg(name));
    }
    return {};
}

Result<void> checkKmrInputs(const NamedKey &key, const QString &spId, const QByteArray &nodeId) {
    const QString what = QStringLiteral("Kmr from %1").arg(key.name);
    if (auto ok = checkEapKey(what, key); !ok) {
        return ok;
    }
    if (auto ok = checkText(what, QStringLiteral("SP-ID"), spId); !ok) {
        return ok;
    }
    return checkLength(what, QStringLiteral("M2M-Node-ID"), nodeId.size(), kNodeIdLength);
}

Result<trace::KeyDerivation> kmrFromEapKey(const Profile &profile, const NamedKey &key,
                                           const QString &spId, const QByteArray &nodeId) {
    // The checks' words ("Kmr from EMSK: ...") are only put together when one fails.
    if (key.value.size() < kMinEapKeyLength || spId.isEmpty() || nodeId.size() != kNodeIdLength) {
        if (auto ok = checkKmrInputs(key, spId, nodeId); !ok) {
            return fail(ok.error());
        }
    }
    return profileDerive(profile, DerivationId::Kmr, key,
                         {textInput(QStringLiteral("SP-ID"), spId),
                          octetsInput(QStringLiteral("M2M-Node-ID"), nodeId)});
}

} // namespace

Result<trace::KeyDerivation> deriveKmrFromEmsk(const Profile &profile, const NamedKey &emsk,
                                               const QString &spId, const QByteArray &nodeId) {
    return kmrFromEapKey(profile, emsk, spId, nodeId);
}

Result<trace::KeyDerivation> deriveKmrFromMsk(const Profile &profile, const NamedKey &msk,
                                              const QString &spId, const QByteArray &nodeId) {
    return kmrFromEapKey(profile, msk, spId, nodeId);
}

Result<trace::KeyDerivation> deriveKsExtNaf(const NamedKey &ks, const QByteArray &rand,
                                            const QString &impi, const QByteArray &nafId) {
    auto output = ksExtNaf(ks.value, rand, impi, nafId);
    if (!output) {
        return fail(output.error());
    }
    trace::KeyDerivation record;
    record.name = QStringLiteral("Ks_ext_NAF");
    record.formulaId = QStringLiteral("ks_ext_naf");
    record.formula = QStringLiteral("HMAC-SHA-256(%1, 0x01 || \"gba-me\" || L0 || RAND || L1 || "
                                    "IMPI || L2 || NAF_Id || L3)  [TS 33.220 Annex B]")
                         .arg(ks.name);
    record.label = QStringLiteral("gba-me");
    record.inputs = {secretInput(ks.name, ks.value), octetsInput(QStringLiteral("RAND"), rand),
                     textInput(QStringLiteral("IMPI"), impi),
                     octetsInput(QStringLiteral("NAF_Id"), nafId)};
    record.output = std::move(*output);
    if (!ks.recordId.isEmpty()) {
        record.parents << ks.recordId;
    }
    return record;
}

Result<trace::KeyDerivation> deriveKmrFromGba(const Profile &profile, const NamedKey &ks,
                                              const QByteArray &rand, const QString &impi,
                                              const QString &msbfFqdn) {
    auto nafId = gbaNafId(msbfFqdn, profile.uaProtocolId);
    if (!nafId) {
        return fail(nafId.error().wrap(QStringLiteral("Kmr by GBA")));
    }
    auto record = deriveKsExtNaf(ks, rand, impi, *nafId);
    if (!record) {
        return fail(record.error().wrap(QStringLiteral("Kmr by GBA")));
    }
    record->name = QStringLiteral("Kmr");
    record->formula = QStringLiteral("Ks_(ext)_NAF = %1, NAF_Id = MSBF-FQDN || %2")
                          .arg(record->formula, QString::fromLatin1(profile.uaProtocolId.toHex()));
    record->inputs.insert(3, textInput(QStringLiteral("MSBF-FQDN"), msbfFqdn));
    return record;
}

trace::KeyDerivation givenKey(const QString &name, const SecureBytes &value,
                              const QString &origin) {
    trace::KeyDerivation record;
    record.name = name;
    record.formulaId = QStringLiteral("given");
    record.formula = origin;
    record.output = value;
    return record;
}

Result<trace::KeyDerivation> deriveKmc(const Profile &profile, const NamedKey &kmr,
                                       const QByteArray &nodeId, quint32 kmcIndex,
                                       const QByteArray &clientRandom,
                                       const QByteArray &serverRandom) {
    const QString what = QStringLiteral("Kmc");
    if (kmr.value.isEmpty()) {
        return badInput(what, QStringLiteral("%1 is empty").arg(kmr.name));
    }
    for (const auto &[name, value, length] :
         {std::tuple{QStringLiteral("M2M-Node-ID"), nodeId, kNodeIdLength},
          std::tuple{QStringLiteral("client_random"), clientRandom, kTlsRandomLength},
          std::tuple{QStringLiteral("server_random"), serverRandom, kTlsRandomLength}}) {
        if (auto ok = checkLength(what, name, value.size(), length); !ok) {
            return fail(ok.error());
        }
    }
    return profileDerive(profile, DerivationId::Kmc, kmr,
                         {octetsInput(QStringLiteral("M2M-Node-ID"), nodeId),
                          uint32Input(QStringLiteral("Kmc-index"), kmcIndex),
                          octetsInput(QStringLiteral("client_random"), clientRandom),
                          octetsInput(QStringLiteral("server_random"), serverRandom)});
}

Result<trace::KeyDerivation> deriveKmcFromMsk(const Profile &profile, const NamedKey &msk,
                                              const QByteArray &nodeId, quint32 kmcIndex) {
    const QString what = QStringLiteral("Kmc from MSK");
    if (auto ok = checkEapKey(what, msk); !ok) {
        return fail(ok.error());
    }
    if (auto ok = checkLength(what, QStringLiteral("M2M-Node-ID"), nodeId.size(), kNodeIdLength);
        !ok) {
        return fail(ok.error());
    }
    return profileDerive(profile, DerivationId::KmcEap, msk,
                         {octetsInput(QStringLiteral("M2M-Node-ID"), nodeId),
                          uint32Input(QStringLiteral("Kmc-index"), kmcIndex)});
}

Result<trace::KeyDerivation> deriveKma(const Profile &profile, const NamedKey &kmc,
                                       const QString &appId) {
    const QString what = QStringLiteral("Kma");
    if (kmc.value.isEmpty()) {
        return badInput(what, QStringLiteral("%1 is empty").arg(kmc.name));
    }
    if (auto ok = checkText(what, QStringLiteral("App-ID"), appId); !ok) {
        return fail(ok.error());
    }
    return profileDerive(profile, DerivationId::Kma, kmc,
                         {textInput(QStringLiteral("App-ID"), appId)});
}

Result<SecureBytes> kmcConfirmation(const Profile &profile, const SecureBytes &kmc,
                                    quint64 connectionId) {
    if (kmc.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("no Kmc to confirm"));
    }
    if (profile.kmcConfirmLabel.isEmpty()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("profile %1 has no serviceConnection.kmcConfirmLabel")
                        .arg(profile.name));
    }
    QByteArray message = profile.kmcConfirmLabel.toLatin1();
    message.append('\0');
    for (int shift = 56; shift >= 0; shift -= 8) {
        message.append(static_cast<char>((connectionId >> shift) & 0xff));
    }
    auto out = hmacSha256(kmc, message);
    if (!out) {
        return fail(out.error().wrap(QStringLiteral("Kmc confirmation")));
    }
    return out;
}

Result<trace::KeyDerivation> deriveEapTlsKeyMaterial(const SecureBytes &masterSecret,
                                                     const QByteArray &clientRandom,
                                                     const QByteArray &serverRandom) {
    auto output = eapTlsKeyMaterial(masterSecret, clientRandom, serverRandom);
    if (!output) {
        return fail(output.error());
    }
    trace::KeyDerivation record;
    record.name = QStringLiteral("Key_Material");
    record.formulaId = QStringLiteral("eap_tls_prf");
    record.formula = QStringLiteral("TLS-PRF-128(master_secret, \"client EAP encryption\", "
                                    "client.random || server.random)  [RFC 5216 2.3]");
    record.label = QString::fromLatin1(kEapTlsLabel);
    record.inputs = {secretInput(QStringLiteral("master_secret"), masterSecret),
                     octetsInput(QStringLiteral("client.random"), clientRandom),
                     octetsInput(QStringLiteral("server.random"), serverRandom)};
    record.output = std::move(*output);
    return record;
}

Result<trace::KeyDerivation> sliceKey(const NamedKey &parent, const QString &name, int offset,
                                      int length) {
    const SecureBytes part = parent.value.mid(static_cast<std::size_t>(std::max(offset, 0)),
                                              static_cast<std::size_t>(std::max(length, 0)));
    if (offset < 0 || length < 1 || part.size() != static_cast<std::size_t>(length)) {
        return badInput(name, QStringLiteral("octets %1..%2 are outside %3 (%4 octets)")
                                  .arg(offset)
                                  .arg(offset + length - 1)
                                  .arg(parent.name)
                                  .arg(parent.value.size()));
    }
    trace::KeyDerivation record;
    record.name = name;
    record.formulaId = QStringLiteral("slice");
    record.formula =
        QStringLiteral("%1[%2..%3]").arg(parent.name).arg(offset).arg(offset + length - 1);
    record.inputs = {secretInput(parent.name, parent.value)};
    record.output = part;
    if (!parent.recordId.isEmpty()) {
        record.parents << parent.recordId;
    }
    return record;
}

KeyLifetime lifetimeFrom(quint32 index, const QDateTime &issued, qint64 seconds) {
    return KeyLifetime{index, issued.addSecs(seconds)};
}

bool isExpired(const KeyLifetime &lifetime, const QDateTime &at) {
    return lifetime.expiry.isValid() && at >= lifetime.expiry;
}

qint64 secondsLeft(const KeyLifetime &lifetime, const QDateTime &at) {
    if (!lifetime.expiry.isValid()) {
        return -1;
    }
    return std::max<qint64>(0, at.secsTo(lifetime.expiry));
}

} // namespace m2mbench::crypto
