// SPDX-License-Identifier: Apache-2.0
// The profile as data: the embedded default, a lab's overrides and precise errors.
#include "core/crypto/profile.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace m2mbench::crypto::test {
namespace {

Profile builtinOrDie() {
    auto profile = Profile::builtin();
    EXPECT_TRUE(profile) << profile.error().message.toStdString();
    return profile ? *profile : Profile{};
}

QString overlayError(const char *json) {
    auto profile = Profile::overlay(builtinOrDie(), QByteArray(json), QStringLiteral("lab.json"));
    return profile ? QStringLiteral("(no error)") : profile.error().message;
}

TEST(Profile, TheEmbeddedDefaultHasThePROFILEmdValues) {
    const Profile p = builtinOrDie();

    EXPECT_EQ(p.name, QStringLiteral("m2mbench-default"));
    EXPECT_EQ(p.source, QStringLiteral(":/m2mbench/profiles/default.json"));
    EXPECT_EQ(p.spec(DerivationId::Kmr).label, QStringLiteral("ETSI-M2M-Kmr"));
    EXPECT_EQ(p.spec(DerivationId::Kmr).context,
              QStringList({QStringLiteral("SP-ID"), QStringLiteral("0x00"),
                           QStringLiteral("M2M-Node-ID")}));
    EXPECT_EQ(p.spec(DerivationId::Kmc).context.size(), 4);
    EXPECT_EQ(p.spec(DerivationId::KasApp).label, QStringLiteral("ETSI-M2M-kAs"));
    EXPECT_EQ(p.spec(DerivationId::Kek).label, QStringLiteral("ETSI-M2M-KEK"));
    for (const auto &info : derivationInfos()) {
        EXPECT_EQ(p.spec(info.id).length, 32) << info.jsonKey.toStdString();
    }
    EXPECT_EQ(p.uaProtocolId, hex("ff00000001"));
    EXPECT_EQ(p.dhGroup, DhGroup::X25519);
    EXPECT_EQ(p.cpsNonceLength, 16);
    EXPECT_EQ(p.envelopeAad,
              QStringList({QStringLiteral("entity-ID"), QStringLiteral("n"), QStringLiteral("i")}));
    EXPECT_EQ(p.kmcConfirmLabel, QStringLiteral("ETSI-M2M-Kmc-confirm"));
}

TEST(Profile, TheKmcConfirmLabelIsProfileData) {
    auto lab = Profile::overlay(builtinOrDie(),
                                R"({"serviceConnection": {"kmcConfirmLabel": "LAB-Kmc-ok"}})",
                                QStringLiteral("lab.json"));

    ASSERT_TRUE(lab) << lab.error().message.toStdString();
    EXPECT_EQ(lab->kmcConfirmLabel, QStringLiteral("LAB-Kmc-ok"));
    EXPECT_EQ(lab->spec(DerivationId::Kmc).label, QStringLiteral("ETSI-M2M-Kmc"));
    EXPECT_NE(lab->fingerprint(), builtinOrDie().fingerprint());
    EXPECT_EQ(lab->toJson()
                  .value(QLatin1String("serviceConnection"))
                  .toObject()
                  .value(QLatin1String("kmcConfirmLabel"))
                  .toString(),
              QStringLiteral("LAB-Kmc-ok"));
    EXPECT_TRUE(overlayError(R"({"serviceConnection": {"kmcConfirmLabel": ""}})")
                    .contains(QStringLiteral("serviceConnection.kmcConfirmLabel: a label must be "
                                             "non-empty printable ASCII")));
    EXPECT_TRUE(overlayError(R"({"serviceConnection": {"kmcConfirmLabel": 7}})")
                    .contains(QStringLiteral("expected a string, got a number")));
    EXPECT_TRUE(overlayError(R"({"serviceConnection": {"kmcLabel": "x"}})")
                    .contains(QStringLiteral("serviceConnection.kmcLabel: unknown key")));
}

TEST(Profile, TheEmbeddedCopyIsTheFileInResources) {
    QFile embedded(QStringLiteral(":/m2mbench/profiles/default.json"));
    QFile source(m2mbench::test::sourceDir() + QStringLiteral("/resources/profiles/default.json"));

    ASSERT_TRUE(embedded.open(QIODevice::ReadOnly));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    EXPECT_EQ(embedded.readAll(), source.readAll());
}

TEST(Profile, FormulaTextShowsTheProfilesLabelOrderAndLength) {
    const Profile p = builtinOrDie();

    EXPECT_EQ(p.formula(DerivationId::Kmr, QStringLiteral("EMSK")),
              QStringLiteral("m2m_kdf(EMSK, \"ETSI-M2M-Kmr\", UTF-8(SP-ID) || 0x00 || "
                             "M2M-Node-ID, 32)"));
    EXPECT_EQ(p.formula(DerivationId::Kas, QStringLiteral("Kar")),
              QStringLiteral("m2m_kdf(Kar, \"ETSI-M2M-Kas\", UTF-8(entity-ID) || uint32_be(n) || "
                             "N_cps, 32)"));
}

TEST(Profile, FormulaTextFollowsAProfileChangedInPlace) {
    Profile p = builtinOrDie();
    const QString before = p.formula(DerivationId::Kma, QStringLiteral("Kmc"));

    p.derivations[static_cast<std::size_t>(DerivationId::Kma)].label = QStringLiteral("LAB-Kma");
    const QString changed = p.formula(DerivationId::Kma, QStringLiteral("Kmc"));
    p.derivations[static_cast<std::size_t>(DerivationId::Kma)].length = 16;
    const QString shorter = p.formula(DerivationId::Kma, QStringLiteral("Kmc"));
    const QString otherKey = p.formula(DerivationId::Kma, QStringLiteral("Kmc'"));

    EXPECT_EQ(before, QStringLiteral("m2m_kdf(Kmc, \"ETSI-M2M-Kma\", UTF-8(App-ID), 32)"));
    EXPECT_EQ(changed, QStringLiteral("m2m_kdf(Kmc, \"LAB-Kma\", UTF-8(App-ID), 32)"));
    EXPECT_EQ(shorter, QStringLiteral("m2m_kdf(Kmc, \"LAB-Kma\", UTF-8(App-ID), 16)"));
    EXPECT_EQ(otherKey, QStringLiteral("m2m_kdf(Kmc', \"LAB-Kma\", UTF-8(App-ID), 16)"));
    EXPECT_EQ(builtinOrDie().formula(DerivationId::Kma, QStringLiteral("Kmc")), before);
}

TEST(Profile, ALabFileOverridesOnlyWhatItNames) {
    const char *json = R"({"name": "lab-x", "derivations": {"kmc": {"label": "LAB-Kmc",
        "context": ["Kmc-index", "M2M-Node-ID", "client_random", "server_random"]}},
        "cps": {"dhGroup": "ffdhe3072"}})";

    auto p = Profile::overlay(builtinOrDie(), QByteArray(json), QStringLiteral("lab.json"));

    ASSERT_TRUE(p) << p.error().message.toStdString();
    EXPECT_EQ(p->name, QStringLiteral("lab-x"));
    EXPECT_EQ(p->spec(DerivationId::Kmc).label, QStringLiteral("LAB-Kmc"));
    EXPECT_EQ(p->spec(DerivationId::Kmc).context.first(), QStringLiteral("Kmc-index"));
    EXPECT_EQ(p->spec(DerivationId::Kmc).length, 32);
    EXPECT_EQ(p->spec(DerivationId::Kma).label, QStringLiteral("ETSI-M2M-Kma"));
    EXPECT_EQ(p->dhGroup, DhGroup::Ffdhe3072);
    EXPECT_NE(p->fingerprint(), builtinOrDie().fingerprint());
}

TEST(Profile, AnUnknownKeyIsNamedWithItsPath) {
    EXPECT_EQ(overlayError(R"({"derivations": {"kmc": {"lenght": 32}}})"),
              QStringLiteral("profile lab.json: derivations.kmc.lenght: unknown key (known here: "
                             "label, context, length)"));
    EXPECT_TRUE(overlayError(R"({"colour": "blue"})")
                    .startsWith(QStringLiteral("profile lab.json: colour: unknown key")));
    EXPECT_TRUE(overlayError(R"({"derivations": {"kxx": {}}})")
                    .contains(QStringLiteral("derivations.kxx: unknown key")));
}

TEST(Profile, AWrongTypeIsNamedWithWhatWasExpected) {
    EXPECT_EQ(overlayError(R"({"derivations": {"kmc": {"length": "32"}}})"),
              QStringLiteral("profile lab.json: derivations.kmc.length: expected an integer, got "
                             "a string"));
    EXPECT_EQ(overlayError(R"({"derivations": {"kma": {"label": 5}}})"),
              QStringLiteral("profile lab.json: derivations.kma.label: expected a string, got a "
                             "number"));
    EXPECT_EQ(overlayError(R"({"gba": []})"),
              QStringLiteral("profile lab.json: gba: expected an object, got an array"));
    EXPECT_EQ(overlayError(R"({"derivations": {"kma": {"context": "App-ID"}}})"),
              QStringLiteral("profile lab.json: derivations.kma.context: expected an array of "
                             "strings, got a string"));
    EXPECT_EQ(overlayError(R"({"derivations": {"kma": {"length": 32.5}}})"),
              QStringLiteral("profile lab.json: derivations.kma.length: expected an integer from "
                             "1 to 8160, got 32.5"));
}

TEST(Profile, ContextTokensMustBeInputsOfThatDerivationOrHexLiterals) {
    EXPECT_TRUE(overlayError(R"({"derivations": {"kma": {"context": ["SP-ID"]}}})")
                    .contains(QStringLiteral("derivations.kma.context[0]: 'SP-ID' is neither an "
                                             "input of this derivation (App-ID)")));
    EXPECT_TRUE(overlayError(R"({"derivations": {"kma": {"context": ["App-ID", "0xzz"]}}})")
                    .contains(QStringLiteral("context[1]")));
    EXPECT_EQ(overlayError(R"({"derivations": {"kma": {"context": ["0x00ff", "App-ID"]}}})"),
              QStringLiteral("(no error)"));
}

TEST(Profile, LengthsMustSuitTheKeysUse) {
    EXPECT_TRUE(overlayError(R"({"derivations": {"kasApp": {"length": 16}}})")
                    .contains(QStringLiteral("AES-256-GCM")));
    EXPECT_TRUE(overlayError(R"({"derivations": {"kek": {"length": 20}}})")
                    .contains(QStringLiteral("16, 24 or 32")));
    EXPECT_TRUE(overlayError(R"({"derivations": {"kas": {"length": 20}}})")
                    .contains(QStringLiteral("multiple of 8")));
    EXPECT_TRUE(overlayError(R"({"derivations": {"kmr": {"length": 0}}})")
                    .contains(QStringLiteral("derivations.kmr.length")));
}

TEST(Profile, OtherValuesAreChecked) {
    EXPECT_TRUE(overlayError(R"({"cps": {"dhGroup": "modp2048"}})")
                    .contains(QStringLiteral("unknown group 'modp2048'")));
    EXPECT_TRUE(overlayError(R"({"gba": {"uaProtocolId": "ff000001"}})")
                    .contains(QStringLiteral("gba.uaProtocolId: expected 5 octets")));
    EXPECT_TRUE(overlayError(R"({"cps": {"envelopeAad": ["entity-ID", "App-ID"]}})")
                    .contains(QStringLiteral("cps.envelopeAad[1]")));
    EXPECT_TRUE(overlayError(R"({"lifetimes": {"kasSeconds": -5}})")
                    .contains(QStringLiteral("lifetimes.kasSeconds")));
    EXPECT_TRUE(overlayError(R"({"derivations": {"kmr": {"label": "K\u00e9"}}})")
                    .contains(QStringLiteral("printable ASCII")));
}

TEST(Profile, MalformedJsonGivesLineAndColumn) {
    const QString error = overlayError("{\n  \"name\": \"x\",\n  oops\n}");

    EXPECT_TRUE(error.startsWith(QStringLiteral("profile lab.json: line 3, column")))
        << error.toStdString();
    EXPECT_TRUE(overlayError("[1, 2]").contains(QStringLiteral("must be a JSON object")));
}

TEST(Profile, LoadReadsALabFileOverTheDefault) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"derivations": {"kma": {"label": "LAB-Kma"}}})");
    file.close();

    auto p = Profile::load(path);
    auto missing = Profile::load(dir.filePath(QStringLiteral("absent.json")));

    ASSERT_TRUE(p) << p.error().message.toStdString();
    EXPECT_EQ(p->source, path);
    EXPECT_EQ(p->spec(DerivationId::Kma).label, QStringLiteral("LAB-Kma"));
    EXPECT_EQ(p->spec(DerivationId::Kmr).label, QStringLiteral("ETSI-M2M-Kmr"));
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error().message.startsWith(QStringLiteral("cannot read profile file")));
}

TEST(Profile, ToJsonReadsBackToTheSameProfile) {
    const Profile p = builtinOrDie();
    const QByteArray json = QJsonDocument(p.toJson()).toJson();

    auto again = Profile::overlay(Profile{}, json, QStringLiteral("round-trip"));

    ASSERT_TRUE(again) << again.error().message.toStdString();
    EXPECT_EQ(again->fingerprint(), p.fingerprint());
}

} // namespace
} // namespace m2mbench::crypto::test
