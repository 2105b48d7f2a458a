// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/calculator_internal.h"

#include "core/crypto/cps_keys.h"
#include "core/crypto/envelope.h"
#include "core/crypto/kdf.h"
#include "core/crypto/key_hierarchy.h"

namespace m2mbench::crypto::calc {

namespace {

// Input names shared by several kinds.
constexpr QLatin1String kNodeId("M2M-Node-ID");
constexpr QLatin1String kSpId("SP-ID");
constexpr QLatin1String kEntityId("entity-ID");
constexpr QLatin1String kHolderId("holder-ID");

int kmrLength(const Profile &p) {
    return p.spec(DerivationId::Kmr).length;
}
int kmcLength(const Profile &p) {
    return p.spec(DerivationId::Kmc).length;
}
int kasLength(const Profile &p) {
    return p.spec(DerivationId::Kas).length;
}
int wrappedKasLength(const Profile &p) {
    return p.spec(DerivationId::Kas).length + 8;
}
int dhPublicLength(const Profile &p) {
    return dhPublicKeyLength(p.dhGroup);
}
int nonceLength(const Profile &p) {
    return p.cpsNonceLength;
}

InputSpec secret(const QString &name, int exact, int min, const QString &help) {
    return InputSpec{name, ValueType::Secret, exact, min, nullptr, false, help};
}
InputSpec profileSecret(const QString &name, int (*length)(const Profile &), const QString &help) {
    return InputSpec{name, ValueType::Secret, 0, 1, length, false, help};
}
InputSpec octets(const QString &name, int exact, const QString &help) {
    return InputSpec{name, ValueType::Octets, exact, 1, nullptr, false, help};
}
InputSpec text(const QString &name, const QString &help) {
    return InputSpec{name, ValueType::Text, 0, 1, nullptr, false, help};
}
InputSpec number(const QString &name, const QString &help) {
    return InputSpec{name, ValueType::Uint32, 0, 0, nullptr, false, help};
}
InputSpec optional(InputSpec spec) {
    spec.optional = true;
    return spec;
}

Result<NamedKey> runM2mKdf(const Profile &, const Inputs &in, KeyRecorder &keys) {
    const QString label = in.text(QStringLiteral("label"));
    const QByteArray context = in.octets(QStringLiteral("context"));
    const quint32 length = in.number(QStringLiteral("L"));
    if (length < 1 || length > static_cast<quint32>(kMaxKdfOutput)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("input L: %1 is outside 1..%2").arg(length).arg(kMaxKdfOutput));
    }
    auto output = m2mKdf(in.secret(QStringLiteral("K")), label, context, static_cast<int>(length));
    if (!output) {
        return fail(output.error());
    }
    trace::KeyDerivation record;
    record.name = QStringLiteral("m2m_kdf");
    record.formulaId = QStringLiteral("m2m_kdf");
    record.formula = QStringLiteral("m2m_kdf(K, \"%1\", context, %2)").arg(label).arg(length);
    record.label = label;
    record.inputs = {secretInput(QStringLiteral("K"), in.secret(QStringLiteral("K"))),
                     octetsInput(QStringLiteral("context"), context)};
    record.output = std::move(*output);
    return keys.record(std::move(record));
}

Result<NamedKey> runEapTls(const Profile &, const Inputs &in, KeyRecorder &keys) {
    auto material = keys.record(deriveEapTlsKeyMaterial(
        in.secret(QStringLiteral("master_secret")), in.octets(QStringLiteral("client_random")),
        in.octets(QStringLiteral("server_random"))));
    if (!material) {
        return material;
    }
    for (const auto &[name, offset] :
         {std::pair{QStringLiteral("MSK"), 0}, std::pair{QStringLiteral("EMSK"), 64}}) {
        if (auto part = keys.record(sliceKey(*material, name, offset, 64)); !part) {
            return part;
        }
    }
    return material;
}

Result<NamedKey> runKmrEap(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(
        deriveKmrFromEmsk(p, in.key(QStringLiteral("EMSK")), in.text(kSpId), in.octets(kNodeId)));
}

Result<NamedKey> runKmrMsk(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(
        deriveKmrFromMsk(p, in.key(QStringLiteral("MSK")), in.text(kSpId), in.octets(kNodeId)));
}

Result<NamedKey> runKsNaf(const Profile &, const Inputs &in, KeyRecorder &keys) {
    return keys.record(
        deriveKsExtNaf(in.key(QStringLiteral("Ks")), in.octets(QStringLiteral("RAND")),
                       in.text(QStringLiteral("IMPI")), in.octets(QStringLiteral("NAF-Id"))));
}

Result<NamedKey> runKmrGba(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(
        deriveKmrFromGba(p, in.key(QStringLiteral("Ks")), in.octets(QStringLiteral("RAND")),
                         in.text(QStringLiteral("IMPI")), in.text(QStringLiteral("MSBF-FQDN"))));
}

Result<NamedKey> runKmc(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(deriveKmc(p, in.key(QStringLiteral("Kmr")), in.octets(kNodeId),
                                 in.number(QStringLiteral("Kmc-index")),
                                 in.octets(QStringLiteral("client_random")),
                                 in.octets(QStringLiteral("server_random"))));
}

Result<NamedKey> runKmcEap(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(deriveKmcFromMsk(p, in.key(QStringLiteral("MSK")), in.octets(kNodeId),
                                        in.number(QStringLiteral("Kmc-index"))));
}

Result<NamedKey> runKma(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(
        deriveKma(p, in.key(QStringLiteral("Kmc")), in.text(QStringLiteral("App-ID"))));
}

Result<NamedKey> runKarEap(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(
        deriveKarFromEmsk(p, in.key(QStringLiteral("EMSK_cps")), in.text(kEntityId)));
}

/// Z either given, or computed from our private key and the peer's public key.
Result<NamedKey> sharedSecret(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    const bool haveZ = in.has(QStringLiteral("Z"));
    const bool havePair =
        in.has(QStringLiteral("private")) && in.has(QStringLiteral("peer-public"));
    if (haveZ == havePair) {
        return fail(Error::Kind::Config,
                    QStringLiteral("input Z: give either Z, or both private and peer-public "
                                   "(not both ways, not neither)"));
    }
    if (haveZ) {
        return in.key(QStringLiteral("Z"));
    }
    return keys.record(deriveDhSharedSecret(p.dhGroup, in.key(QStringLiteral("private")),
                                            in.octets(QStringLiteral("peer-public"))));
}

Result<NamedKey> runDh(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(deriveDhSharedSecret(p.dhGroup, in.key(QStringLiteral("private")),
                                            in.octets(QStringLiteral("peer-public"))));
}

Result<NamedKey> runKarDh(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    auto z = sharedSecret(p, in, keys);
    if (!z) {
        return z;
    }
    return keys.record(
        deriveKarFromDh(p, *z, in.text(kEntityId), in.text(QStringLiteral("CPS-ID"))));
}

Result<NamedKey> runKarIbake(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(
        deriveKarFromIbake(p, in.key(QStringLiteral("IBAKE-key")), in.text(kEntityId)));
}

Result<NamedKey> runKas(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(deriveKas(p, in.key(QStringLiteral("Kar")), in.text(kEntityId),
                                 in.number(QStringLiteral("n")),
                                 in.octets(QStringLiteral("N_cps"))));
}

Result<NamedKey> runKek(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(deriveKek(p, in.key(QStringLiteral("R")), in.text(kHolderId)));
}

Result<NamedKey> runKasWrap(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    auto kek = keys.record(deriveKek(p, in.key(QStringLiteral("Kar")), in.text(kHolderId)));
    if (!kek) {
        return kek;
    }
    return keys.record(wrapKas(*kek, in.key(QStringLiteral("Kas"))));
}

Result<NamedKey> runKasUnwrap(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    auto kek = keys.record(deriveKek(p, in.key(QStringLiteral("Kar")), in.text(kHolderId)));
    if (!kek) {
        return kek;
    }
    return keys.record(unwrapKas(*kek, in.octets(QStringLiteral("wrapped-Kas"))));
}

Result<NamedKey> runKasApp(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    return keys.record(
        deriveKasApp(p, in.key(QStringLiteral("Kas")), in.number(QStringLiteral("i"))));
}

Result<NamedKey> runEnvelopeSeal(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    const quint32 n = in.number(QStringLiteral("n"));
    const quint32 i = in.number(QStringLiteral("i"));
    auto kAs = keys.record(deriveKasApp(p, in.key(QStringLiteral("Kas")), i));
    if (!kAs) {
        return kAs;
    }
    const QByteArray nonce = in.octets(QStringLiteral("nonce"));
    const SecureBytes plaintext = in.secret(QStringLiteral("plaintext"));
    auto sealed = sealEnvelope(p, kAs->value, in.text(kEntityId), n, i, nonce, plaintext);
    if (!sealed) {
        return fail(sealed.error());
    }
    trace::KeyDerivation record;
    record.name = QStringLiteral("envelope");
    record.formulaId = QStringLiteral("cps_envelope");
    record.formula = QStringLiteral("0x01 || uint32_be(n) || uint32_be(i) || nonce || "
                                    "AES-256-GCM(kAs, nonce, AAD = %1, plaintext)")
                         .arg(p.envelopeAad.join(u" || "));
    record.inputs = {secretInput(kAs->name, kAs->value),
                     textInput(kEntityId, in.text(kEntityId)),
                     uint32Input(QStringLiteral("n"), n),
                     uint32Input(QStringLiteral("i"), i),
                     octetsInput(QStringLiteral("nonce"), nonce),
                     secretInput(QStringLiteral("plaintext"), plaintext)};
    record.output = SecureBytes::fromByteArray(*sealed);
    record.outputSecret = false;
    record.parents << kAs->recordId;
    return keys.record(std::move(record));
}

Result<NamedKey> runEnvelopeOpen(const Profile &p, const Inputs &in, KeyRecorder &keys) {
    const QByteArray envelope = in.octets(QStringLiteral("envelope"));
    auto parsed = parseEnvelope(envelope);
    if (!parsed) {
        return fail(Error::Kind::Config,
                    QStringLiteral("input envelope: %1").arg(parsed.error().message));
    }
    auto kAs = keys.record(deriveKasApp(p, in.key(QStringLiteral("Kas")), parsed->i));
    if (!kAs) {
        return kAs;
    }
    auto plain = openEnvelope(p, kAs->value, in.text(kEntityId), envelope);
    if (!plain) {
        return fail(plain.error());
    }
    trace::KeyDerivation record;
    record.name = QStringLiteral("plaintext");
    record.formulaId = QStringLiteral("cps_envelope_open");
    record.formula = QStringLiteral("AES-256-GCM-open(kAs(i), nonce, AAD = %1, ciphertext || tag)")
                         .arg(p.envelopeAad.join(u" || "));
    record.inputs = {secretInput(kAs->name, kAs->value), textInput(kEntityId, in.text(kEntityId)),
                     octetsInput(QStringLiteral("envelope"), envelope)};
    record.output = std::move(*plain);
    record.parents << kAs->recordId;
    return keys.record(std::move(record));
}

/// Input specs shared by several kinds.
struct CommonInputs {
    InputSpec nodeId = octets(kNodeId, 16, QStringLiteral("M2M-Node-ID, 16 octets"));
    InputSpec spId = text(kSpId, QStringLiteral("service provider id"));
    InputSpec entityId = text(kEntityId, QStringLiteral("application entity id"));
    InputSpec holderId = text(kHolderId, QStringLiteral("id of the key holder"));
    InputSpec ks = secret(QStringLiteral("Ks"), 32, 1, QStringLiteral("GBA Ks = CK || IK"));
    InputSpec rand = octets(QStringLiteral("RAND"), 16, QStringLiteral("GBA RAND"));
    InputSpec impi = text(QStringLiteral("IMPI"), QStringLiteral("IMS private identity"));
    InputSpec kmcIndex = number(QStringLiteral("Kmc-index"), QStringLiteral("Kmc index"));
    InputSpec cr =
        octets(QStringLiteral("client_random"), 32, QStringLiteral("TLS client hello random"));
    InputSpec sr =
        octets(QStringLiteral("server_random"), 32, QStringLiteral("TLS server hello random"));
    InputSpec msk = secret(QStringLiteral("MSK"), 0, 64, QStringLiteral("EAP MSK"));
    InputSpec kar = secret(QStringLiteral("Kar"), 0, 1, QStringLiteral("root key with the CPS"));
    InputSpec kas =
        profileSecret(QStringLiteral("Kas"), kasLength, QStringLiteral("Kas of an epoch"));
    InputSpec dhPrivate =
        secret(QStringLiteral("private"), 0, 1, QStringLiteral("own DH private key"));
    InputSpec dhPeer{
        QStringLiteral("peer-public"),         ValueType::Octets, 0, 1, dhPublicLength, false,
        QStringLiteral("peer's DH public key")};
};

/// The M2M key hierarchy kinds (and the generic ones).
QList<KindSpec> hierarchyKinds(const CommonInputs &c) {
    return {
        {QStringLiteral("m2m-kdf"),
         QStringLiteral("m2m_kdf(K, label, context, L) with any values"),
         {secret(QStringLiteral("K"), 0, 1, QStringLiteral("key")),
          text(QStringLiteral("label"), QStringLiteral("ASCII label")),
          optional(octets(QStringLiteral("context"), 0,
                          QStringLiteral("context octets (default empty)"))),
          number(QStringLiteral("L"), QStringLiteral("output octets, 1..8160"))},
         runM2mKdf},
        {QStringLiteral("eap-tls"),
         QStringLiteral("RFC 5216 Key_Material, MSK and EMSK from a TLS 1.2 master secret"),
         {secret(QStringLiteral("master_secret"), 48, 1,
                 QStringLiteral("TLS master secret (e.g. from an NSS key log)")),
          c.cr, c.sr},
         runEapTls},
        {QStringLiteral("kmr-eap"),
         QStringLiteral("Kmr from the EMSK (the bench is the EAP server)"),
         {secret(QStringLiteral("EMSK"), 0, 64, QStringLiteral("EAP EMSK")), c.spId, c.nodeId},
         runKmrEap},
        {QStringLiteral("kmr-msk"),
         QStringLiteral("Kmr from the MSK (EAP through an external AAA)"),
         {c.msk, c.spId, c.nodeId},
         runKmrMsk},
        {QStringLiteral("ks-naf"),
         QStringLiteral("Ks_(ext)_NAF of TS 33.220 Annex B for any NAF_Id"),
         {c.ks, c.rand, c.impi,
          octets(QStringLiteral("NAF-Id"), 0, QStringLiteral("NAF_Id octets (hex, or text:...)"))},
         runKsNaf},
        {QStringLiteral("kmr-gba"),
         QStringLiteral("Kmr by GBA: Ks_(ext)_NAF with NAF_Id = MSBF FQDN || Ua protocol id"),
         {c.ks, c.rand, c.impi, text(QStringLiteral("MSBF-FQDN"), QStringLiteral("MSBF FQDN"))},
         runKmrGba},
        {QStringLiteral("kmc"),
         QStringLiteral("Kmc from Kmr and the TLS-PSK connection inputs"),
         {profileSecret(QStringLiteral("Kmr"), kmrLength, QStringLiteral("Kmr")), c.nodeId,
          c.kmcIndex, c.cr, c.sr},
         runKmc},
        {QStringLiteral("kmc-eap"),
         QStringLiteral("Kmc from the MSK of an EAP (PANA) service connection"),
         {c.msk, c.nodeId, c.kmcIndex},
         runKmcEap},
        {QStringLiteral("kma"),
         QStringLiteral("Kma from Kmc and the App-ID"),
         {profileSecret(QStringLiteral("Kmc"), kmcLength, QStringLiteral("Kmc")),
          text(QStringLiteral("App-ID"), QStringLiteral("application id"))},
         runKma},
    };
}

/// The CPS kinds.
QList<KindSpec> cpsKinds(const CommonInputs &c) {
    return {
        {QStringLiteral("kar-eap"),
         QStringLiteral("Kar from the EMSK of EAP-TLS with the CPS (8.X.4)"),
         {secret(QStringLiteral("EMSK_cps"), 0, 64, QStringLiteral("EMSK of the run with the CPS")),
          c.entityId},
         runKarEap},
        {QStringLiteral("dh"),
         QStringLiteral("Z, the shared secret of the profile's DH group"),
         {c.dhPrivate, c.dhPeer},
         runDh},
        {QStringLiteral("kar-dh"),
         QStringLiteral("Kar from Z, given or computed from private and peer-public (8.X.3)"),
         {optional(secret(QStringLiteral("Z"), 0, 1, QStringLiteral("DH shared secret"))),
          optional(c.dhPrivate), optional(c.dhPeer), c.entityId,
          text(QStringLiteral("CPS-ID"), QStringLiteral("CPS id"))},
         runKarDh},
        {QStringLiteral("kar-ibake"),
         QStringLiteral("Kar from the EAP-IBAKE session key (8.X.5)"),
         {secret(QStringLiteral("IBAKE-key"), 0, 1, QStringLiteral("IBAKE session key")),
          c.entityId},
         runKarIbake},
        {QStringLiteral("kas"),
         QStringLiteral("Kas of epoch n from Kar and the CPS nonce"),
         {c.kar, c.entityId, number(QStringLiteral("n"), QStringLiteral("epoch")),
          InputSpec{QStringLiteral("N_cps"), ValueType::Octets, 0, 1, nonceLength, false,
                    QStringLiteral("CPS nonce")}},
         runKas},
        {QStringLiteral("kek"),
         QStringLiteral("KEK for a holder of root key R"),
         {secret(QStringLiteral("R"), 0, 1, QStringLiteral("holder's root key (its Kar)")),
          c.holderId},
         runKek},
        {QStringLiteral("kas-wrap"),
         QStringLiteral("Kas wrapped (RFC 3394) under KEK(Kar, holder-ID)"),
         {c.kar, c.holderId, c.kas},
         runKasWrap},
        {QStringLiteral("kas-unwrap"),
         QStringLiteral("Kas out of a wrapped Kas, with KEK(Kar, holder-ID)"),
         {c.kar, c.holderId,
          InputSpec{QStringLiteral("wrapped-Kas"), ValueType::Octets, 0, 1, wrappedKasLength, false,
                    QStringLiteral("wrapped Kas")}},
         runKasUnwrap},
        {QStringLiteral("kas-app"),
         QStringLiteral("kAs(i), the data key, from Kas"),
         {c.kas, number(QStringLiteral("i"), QStringLiteral("key index"))},
         runKasApp},
        {QStringLiteral("envelope-seal"),
         QStringLiteral("a data envelope sealed under kAs(i)"),
         {c.kas, c.entityId, number(QStringLiteral("n"), QStringLiteral("epoch")),
          number(QStringLiteral("i"), QStringLiteral("key index")),
          octets(QStringLiteral("nonce"), 12, QStringLiteral("GCM nonce")),
          InputSpec{QStringLiteral("plaintext"), ValueType::Secret, 0, 1, nullptr, false,
                    QStringLiteral("data (hex, or text:...)")}},
         runEnvelopeSeal},
        {QStringLiteral("envelope-open"),
         QStringLiteral("the plaintext of a data envelope"),
         {c.kas, c.entityId,
          octets(QStringLiteral("envelope"), 0, QStringLiteral("the envelope octets"))},
         runEnvelopeOpen},
    };
}

QList<KindSpec> buildKinds() {
    const CommonInputs common;
    return hierarchyKinds(common) + cpsKinds(common);
}

} // namespace

const QList<KindSpec> &kinds() {
    static const QList<KindSpec> table = buildKinds();
    return table;
}

const KindSpec *findKind(const QString &name) {
    for (const auto &kind : kinds()) {
        if (kind.name == name) {
            return &kind;
        }
    }
    return nullptr;
}

} // namespace m2mbench::crypto::calc
