// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/profile.h"

#include "core/crypto/profile_parser.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace m2mbench::crypto {

namespace {

DerivationInfo makeInfo(DerivationId id, const char *jsonKey, const char *keyName,
                        const char *outputName, std::initializer_list<const char *> inputs,
                        int minLength, int maxLength, int multiple, const char *rule) {
    QStringList names;
    for (const char *input : inputs) {
        names << QString::fromLatin1(input);
    }
    return DerivationInfo{id,
                          QString::fromLatin1(jsonKey),
                          QString::fromLatin1(keyName),
                          QString::fromLatin1(outputName),
                          names,
                          minLength,
                          maxLength,
                          multiple,
                          QString::fromLatin1(rule)};
}

struct InputDef {
    const char *name;
    InputType type;
};

constexpr InputDef kInputs[] = {
    {"SP-ID", InputType::Text},
    {"M2M-Node-ID", InputType::Octets},
    {"Kmc-index", InputType::Uint32},
    {"client_random", InputType::Octets},
    {"server_random", InputType::Octets},
    {"App-ID", InputType::Text},
    {"entity-ID", InputType::Text},
    {"CPS-ID", InputType::Text},
    {"n", InputType::Uint32},
    {"N_cps", InputType::Octets},
    {"holder-ID", InputType::Text},
    {"i", InputType::Uint32},
};

QString tokenText(const QString &token) {
    switch (inputType(token).value_or(InputType::Octets)) {
    case InputType::Text: return QStringLiteral("UTF-8(%1)").arg(token);
    case InputType::Uint32: return QStringLiteral("uint32_be(%1)").arg(token);
    case InputType::Octets: break;
    }
    return token;
}

} // namespace

const std::array<DerivationInfo, kDerivationCount> &derivationInfos() {
    constexpr int maxOut = 255 * 32;
    static const std::array<DerivationInfo, kDerivationCount> table = {{
        makeInfo(DerivationId::Kmr, "kmr", "EMSK", "Kmr", {"SP-ID", "M2M-Node-ID"}, 1, 64, 1,
                 "1 to 64 octets (Kmr is a TLS PSK, RFC 4279)"),
        makeInfo(DerivationId::Kmc, "kmc", "Kmr", "Kmc",
                 {"M2M-Node-ID", "Kmc-index", "client_random", "server_random"}, 1, 64, 1,
                 "1 to 64 octets (Kmc is a TLS PSK, RFC 4279)"),
        makeInfo(DerivationId::KmcEap, "kmcEap", "MSK", "Kmc", {"M2M-Node-ID", "Kmc-index"}, 1, 64,
                 1, "1 to 64 octets (Kmc is a TLS PSK, RFC 4279)"),
        makeInfo(DerivationId::Kma, "kma", "Kmc", "Kma", {"App-ID"}, 1, maxOut, 1,
                 "1 to 8160 octets"),
        makeInfo(DerivationId::KarEap, "karEap", "EMSK_cps", "Kar", {"entity-ID"}, 1, maxOut, 1,
                 "1 to 8160 octets"),
        makeInfo(DerivationId::KarDh, "karDh", "Z", "Kar", {"entity-ID", "CPS-ID"}, 1, maxOut, 1,
                 "1 to 8160 octets"),
        makeInfo(DerivationId::KarIbake, "karIbake", "IBAKE-key", "Kar", {"entity-ID"}, 1, maxOut,
                 1, "1 to 8160 octets"),
        makeInfo(DerivationId::Kas, "kas", "Kar", "Kas", {"entity-ID", "n", "N_cps"}, 16, maxOut, 8,
                 "a multiple of 8 octets, at least 16 (Kas is wrapped with RFC 3394)"),
        makeInfo(DerivationId::Kek, "kek", "R", "KEK", {"holder-ID"}, 16, 32, 8,
                 "16, 24 or 32 octets (an AES key-encryption key)"),
        makeInfo(DerivationId::KasApp, "kasApp", "Kas", "kAs", {"i"}, 32, 32, 1,
                 "exactly 32 octets (an AES-256-GCM key)"),
    }};
    return table;
}

const DerivationInfo &derivationInfo(DerivationId id) {
    return derivationInfos()[static_cast<std::size_t>(id)];
}

std::optional<InputType> inputType(const QString &name) {
    for (const auto &input : kInputs) {
        if (name == QLatin1String(input.name)) {
            return input.type;
        }
    }
    return std::nullopt;
}

namespace {

QString buildFormula(const DerivationSpec &s, const QString &keyName) {
    QStringList parts;
    for (const QString &token : s.context) {
        parts << tokenText(token);
    }
    const QString context = parts.isEmpty() ? QStringLiteral("\"\"") : parts.join(u" || ");
    return QStringLiteral("m2m_kdf(%1, \"%2\", %3, %4)")
        .arg(keyName, s.label, context)
        .arg(s.length);
}

/// The last formula texts made for one derivation, with the values they were made from.
struct CachedFormula {
    QString keyName;
    QString label;
    QStringList context;
    int length = 0;
    QString text;

    [[nodiscard]] bool matches(const DerivationSpec &s, const QString &key) const {
        return !text.isEmpty() && length == s.length && keyName == key && label == s.label &&
               context == s.context;
    }
};

} // namespace

QString Profile::formula(DerivationId id, const QString &keyName) const {
    // A run derives the same few keys of one profile over and over, and making the text (a
    // QString::arg per token) cost more than the HMACs of the derivation. The last two texts per
    // derivation are kept, per thread so that no lock is needed, and every use compares the
    // values they came from: a profile changed in place, or another profile, gets its own text.
    static thread_local std::array<std::array<CachedFormula, 2>, kDerivationCount> cache;
    const DerivationSpec &s = spec(id);
    auto &recent = cache[static_cast<std::size_t>(id)];
    for (const CachedFormula &slot : recent) {
        if (slot.matches(s, keyName)) {
            return slot.text;
        }
    }
    recent[1] = std::move(recent[0]);
    recent[0] = CachedFormula{keyName, s.label, s.context, s.length, buildFormula(s, keyName)};
    return recent[0].text;
}

QJsonObject Profile::toJson() const {
    QJsonObject derivationsJson;
    for (const auto &info : derivationInfos()) {
        const DerivationSpec &s = spec(info.id);
        derivationsJson.insert(info.jsonKey, QJsonObject{{QStringLiteral("label"), s.label},
                                                         {QStringLiteral("context"),
                                                          QJsonArray::fromStringList(s.context)},
                                                         {QStringLiteral("length"), s.length}});
    }
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("derivations"), derivationsJson},
        {QStringLiteral("gba"),
         QJsonObject{{QStringLiteral("uaProtocolId"), QString::fromLatin1(uaProtocolId.toHex())}}},
        {QStringLiteral("cps"),
         QJsonObject{{QStringLiteral("dhGroup"), dhGroupName(dhGroup)},
                     {QStringLiteral("nonceLength"), cpsNonceLength},
                     {QStringLiteral("envelopeAad"), QJsonArray::fromStringList(envelopeAad)}}},
        {QStringLiteral("lifetimes"),
         QJsonObject{{QStringLiteral("kmrSeconds"), kmrLifetimeSeconds},
                     {QStringLiteral("kmcSeconds"), kmcLifetimeSeconds},
                     {QStringLiteral("kasSeconds"), kasLifetimeSeconds}}},
        {QStringLiteral("serviceConnection"),
         QJsonObject{{QStringLiteral("kmcConfirmLabel"), kmcConfirmLabel}}},
        {QStringLiteral("bootstrap"), bootstrapToJson(bootstrap)},
    };
}

QString Profile::fingerprint() const {
    const QByteArray compact = QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(compact, QCryptographicHash::Sha256).toHex());
}

Result<Profile> Profile::builtin() {
    static const Result<Profile> cached = []() -> Result<Profile> {
        const QString path = QStringLiteral(":/m2mbench/profiles/default.json");
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(Error::Kind::Internal,
                        QStringLiteral("the embedded default profile %1 is missing from this "
                                       "build")
                            .arg(path));
        }
        auto profile = overlay(Profile{}, file.readAll(), path);
        if (!profile) {
            return fail(profile.error());
        }
        if (auto complete = detail::checkComplete(*profile, path); !complete) {
            return fail(complete.error());
        }
        profile->source = path;
        return profile;
    }();
    return cached;
}

Result<Profile> Profile::load(const QString &path) {
    auto base = builtin();
    if (!base) {
        return base;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("cannot read profile file %1: %2").arg(path, file.errorString()));
    }
    auto profile = overlay(*base, file.readAll(), path);
    if (profile) {
        profile->source = path;
    }
    return profile;
}

Result<Profile> Profile::overlay(const Profile &base, const QByteArray &json,
                                 const QString &sourceName) {
    return detail::overlayProfile(base, json, sourceName);
}

} // namespace m2mbench::crypto
