// SPDX-License-Identifier: Apache-2.0
#pragma once

// The key-derivation profile: every [profile] value of PROFILE.md (labels, input orders, output
// lengths, Ua protocol id, DH group, CPS nonce length, envelope AAD, default lifetimes, the Kmc
// confirmation label) as data.
// The default ships embedded (:/m2mbench/profiles/default.json); a lab overrides any part of it
// with its own JSON file. docs/profile.md documents every value.

#include "core/common/result.h"
#include "core/crypto/dh.h"
#include "core/crypto/profile_bootstrap.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace m2mbench::crypto {

/// How a named input becomes octets in a KDF context.
enum class InputType {
    Octets, ///< as given (identifiers in binary form, randoms, nonces)
    Text,   ///< UTF-8 of the text
    Uint32, ///< uint32_be of the number (key indices, epochs)
};

/// The derivations whose label, context order and length come from the profile.
enum class DerivationId { Kmr, Kmc, KmcEap, Kma, KarEap, KarDh, KarIbake, Kas, Kek, KasApp };
inline constexpr int kDerivationCount = 10;

/// One profile derivation: m2m_kdf(key, label, context, length).
struct DerivationSpec {
    QString label;
    /// Input names and literal octets ("0x00"), concatenated in this order.
    QStringList context;
    int length = 32;
};

/// What the code fixes about a derivation and the profile cannot change: its JSON key, the name
/// of its key and output, the inputs its context may use, and the output lengths it accepts.
struct DerivationInfo {
    DerivationId id;
    QString jsonKey;
    QString keyName;
    QString outputName;
    QStringList inputs;
    int minLength;
    int maxLength;
    int lengthMultiple; ///< 1 = any
    QString lengthRule; ///< the rule in words, for errors and docs
};

/// The fixed facts of every derivation, in DerivationId order.
const std::array<DerivationInfo, kDerivationCount> &derivationInfos();
const DerivationInfo &derivationInfo(DerivationId id);

/// The type of a context input name, or nullopt for a name no derivation knows.
std::optional<InputType> inputType(const QString &name);

/// A complete, validated profile. Copyable value type.
struct Profile {
    QString name;
    QString description;
    /// Where it came from: ":/m2mbench/profiles/default.json" or the lab's file path.
    QString source;
    std::array<DerivationSpec, kDerivationCount> derivations;
    /// Ua security protocol identifier appended to the MSBF FQDN in NAF_Id (5 octets).
    QByteArray uaProtocolId;
    DhGroup dhGroup = DhGroup::X25519;
    /// Octets of N_cps, the CPS nonce of each Kas epoch.
    int cpsNonceLength = 16;
    /// The envelope's AES-GCM associated data, as context tokens.
    QStringList envelopeAad;
    qint64 kmrLifetimeSeconds = 0;
    qint64 kmcLifetimeSeconds = 0;
    qint64 kasLifetimeSeconds = 0;
    /// Label of the service connection's key confirmation (securityM2MKey of the
    /// <connectionParamSet>): HMAC-SHA-256(Kmc, ASCII(label) || 0x00 || uint64_be(connection id)).
    QString kmcConfirmLabel;
    /// The M2M Service Bootstrap's identities, PANA and Diameter values (docs/bootstrap.md).
    BootstrapProfile bootstrap;

    [[nodiscard]] const DerivationSpec &spec(DerivationId id) const {
        return derivations[static_cast<std::size_t>(id)];
    }

    /// The formula as text with this profile's values, e.g.
    /// m2m_kdf(EMSK, "ETSI-M2M-Kmr", UTF-8(SP-ID) || 0x00 || M2M-Node-ID, 32).
    [[nodiscard]] QString formula(DerivationId id, const QString &keyName) const;

    /// The profile as JSON in the file format (every value, so it can be written to a run record).
    [[nodiscard]] QJsonObject toJson() const;
    /// SHA-256 (hex) of the compact JSON: two runs used the same profile iff it matches.
    [[nodiscard]] QString fingerprint() const;

    /// The embedded default profile (parsed once; an error means a broken build).
    static Result<Profile> builtin();
    /// The default profile with the lab's file laid over it.
    static Result<Profile> load(const QString &path);
    /// `base` with the JSON document `json` laid over it; `sourceName` names it in errors.
    static Result<Profile> overlay(const Profile &base, const QByteArray &json,
                                   const QString &sourceName);
};

} // namespace m2mbench::crypto
