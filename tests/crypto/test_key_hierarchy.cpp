// SPDX-License-Identifier: Apache-2.0
// The M2M key hierarchy: each derivation against (a) the formula of PROFILE.md recomputed in
// this file with HMAC(), and (b) the golden value of tests/data/crypto/profile_vectors.json
// written by an independent Python script; plus records, the tree and lifetimes.
#include "core/common/clock.h"
#include "core/crypto/key_hierarchy.h"
#include "core/crypto/key_recorder.h"
#include "core/trace/trace.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

namespace m2mbench::crypto::test {
namespace {

/// Fixed inputs and golden outputs shared with the CPS tests.
class ProfileVectors : public ::testing::Test {
protected:
    void SetUp() override {
        const QJsonObject root = loadDataFile(QStringLiteral("profile_vectors.json"));
        ASSERT_FALSE(root.contains(QLatin1String("loadError")))
            << root.value(QLatin1String("loadError")).toString().toStdString();
        m_inputs = root.value(QLatin1String("inputs")).toObject();
        m_outputs = root.value(QLatin1String("outputs")).toObject();
        auto p = Profile::builtin();
        ASSERT_TRUE(p);
        profile = *p;
    }
    QByteArray in(const char *name) const {
        return hex(m_inputs.value(QLatin1String(name)).toString());
    }
    QString text(const char *name) const { return m_inputs.value(QLatin1String(name)).toString(); }
    quint32 number(const char *name) const {
        return static_cast<quint32>(m_inputs.value(QLatin1String(name)).toInt());
    }
    QByteArray golden(const char *kind) const {
        return hex(m_outputs.value(QLatin1String(kind)).toString());
    }
    NamedKey key(const char *name) const {
        return NamedKey{QString::fromLatin1(name), secret(in(name)), {}};
    }

    Profile profile;

private:
    QJsonObject m_inputs;
    QJsonObject m_outputs;
};

TEST_F(ProfileVectors, KmrFromEmskFollowsTheProfileFormula) {
    const QByteArray expected =
        refM2mKdf(in("EMSK"), "ETSI-M2M-Kmr",
                  text("SP-ID").toUtf8() + QByteArray(1, '\0') + in("M2M-Node-ID"), 32);

    auto kmr = deriveKmrFromEmsk(profile, key("EMSK"), text("SP-ID"), in("M2M-Node-ID"));

    ASSERT_TRUE(kmr) << kmr.error().message.toStdString();
    EXPECT_EQ(kmr->output.exposeBytes(), expected);
    EXPECT_EQ(kmr->output.exposeBytes(), golden("kmr-eap"));
}

TEST_F(ProfileVectors, KmrFromMskFollowsTheProfileFormula) {
    const QByteArray expected =
        refM2mKdf(in("MSK"), "ETSI-M2M-Kmr",
                  text("SP-ID").toUtf8() + QByteArray(1, '\0') + in("M2M-Node-ID"), 32);

    auto kmr = deriveKmrFromMsk(profile, key("MSK"), text("SP-ID"), in("M2M-Node-ID"));

    ASSERT_TRUE(kmr);
    EXPECT_EQ(kmr->output.exposeBytes(), expected);
    EXPECT_EQ(kmr->output.exposeBytes(), golden("kmr-msk"));
}

TEST_F(ProfileVectors, KmrByGbaIsKsExtNafWithTheUaProtocolId) {
    const QByteArray nafId = text("MSBF-FQDN").toUtf8() + hex("ff00000001");
    const QByteArray expected = refTs33220(
        in("Ks"), 0x01, {QByteArrayLiteral("gba-me"), in("RAND"), text("IMPI").toUtf8(), nafId});

    auto kmr = deriveKmrFromGba(profile, key("Ks"), in("RAND"), text("IMPI"), text("MSBF-FQDN"));

    ASSERT_TRUE(kmr) << kmr.error().message.toStdString();
    EXPECT_EQ(kmr->name, QStringLiteral("Kmr"));
    EXPECT_EQ(kmr->output.exposeBytes(), expected);
    EXPECT_EQ(kmr->output.exposeBytes(), golden("kmr-gba"));
}

TEST_F(ProfileVectors, KmcFollowsTheProfileFormula) {
    const QByteArray kmr = golden("kmr-eap");
    const QByteArray context =
        in("M2M-Node-ID") + be32(number("Kmc-index")) + in("client_random") + in("server_random");

    auto kmc =
        deriveKmc(profile, NamedKey{QStringLiteral("Kmr"), secret(kmr), {}}, in("M2M-Node-ID"),
                  number("Kmc-index"), in("client_random"), in("server_random"));

    ASSERT_TRUE(kmc) << kmc.error().message.toStdString();
    EXPECT_EQ(kmc->output.exposeBytes(), refM2mKdf(kmr, "ETSI-M2M-Kmc", context, 32));
    EXPECT_EQ(kmc->output.exposeBytes(), golden("kmc"));
}

TEST_F(ProfileVectors, KmcFromMskFollowsTheProfileFormula) {
    const QByteArray context = in("M2M-Node-ID") + be32(number("Kmc-index"));

    auto kmc = deriveKmcFromMsk(profile, key("MSK"), in("M2M-Node-ID"), number("Kmc-index"));

    ASSERT_TRUE(kmc);
    EXPECT_EQ(kmc->output.exposeBytes(), refM2mKdf(in("MSK"), "ETSI-M2M-Kmc", context, 32));
    EXPECT_EQ(kmc->output.exposeBytes(), golden("kmc-eap"));
}

TEST_F(ProfileVectors, KmaFollowsTheProfileFormula) {
    const QByteArray kmc = golden("kmc");

    auto kma = deriveKma(profile, NamedKey{QStringLiteral("Kmc"), secret(kmc), {}}, text("App-ID"));

    ASSERT_TRUE(kma);
    EXPECT_EQ(kma->output.exposeBytes(),
              refM2mKdf(kmc, "ETSI-M2M-Kma", text("App-ID").toUtf8(), 32));
    EXPECT_EQ(kma->output.exposeBytes(), golden("kma"));
}

TEST_F(ProfileVectors, ALabProfileChangesTheDerivationAccordingly) {
    auto lab = Profile::overlay(profile,
                                R"({"derivations": {"kma": {"label": "LAB-Kma",
                                    "context": ["0x01", "App-ID"], "length": 16}}})",
                                QStringLiteral("lab"));
    ASSERT_TRUE(lab);
    const QByteArray kmc = golden("kmc");

    auto kma = deriveKma(*lab, NamedKey{QStringLiteral("Kmc"), secret(kmc), {}}, text("App-ID"));

    ASSERT_TRUE(kma);
    EXPECT_EQ(kma->output.exposeBytes(),
              refM2mKdf(kmc, "LAB-Kma", hex("01") + text("App-ID").toUtf8(), 16));
    EXPECT_EQ(kma->formula, QStringLiteral("m2m_kdf(Kmc, \"LAB-Kma\", 0x01 || UTF-8(App-ID), 16)"));
}

TEST_F(ProfileVectors, RejectsWrongLengthsAndEmptyInputs) {
    const QByteArray nodeId = in("M2M-Node-ID");
    const NamedKey shortEmsk{QStringLiteral("EMSK"), secret(in("EMSK").left(63)), {}};
    const NamedKey kmr{QStringLiteral("Kmr"), secret(golden("kmr-eap")), {}};

    auto a = deriveKmrFromEmsk(profile, shortEmsk, text("SP-ID"), nodeId);
    auto b = deriveKmrFromEmsk(profile, key("EMSK"), text("SP-ID"), nodeId.left(15));
    auto c = deriveKmrFromEmsk(profile, key("EMSK"), QString(), nodeId);
    auto d = deriveKmc(profile, kmr, nodeId, 1, in("client_random").left(31), in("server_random"));
    auto e = deriveKmc(profile, NamedKey{QStringLiteral("Kmr"), {}, {}}, nodeId, 1,
                       in("client_random"), in("server_random"));
    auto f = deriveKma(profile, NamedKey{QStringLiteral("Kmc"), secret(golden("kmc")), {}}, {});

    ASSERT_FALSE(a);
    EXPECT_TRUE(a.error().message.contains(QStringLiteral("EMSK must be at least 64 octets")));
    ASSERT_FALSE(b);
    EXPECT_TRUE(
        b.error().message.contains(QStringLiteral("M2M-Node-ID must be 16 octets, not 15")));
    EXPECT_FALSE(c);
    ASSERT_FALSE(d);
    EXPECT_TRUE(d.error().message.contains(QStringLiteral("client_random")));
    EXPECT_FALSE(e);
    EXPECT_FALSE(f);
}

QByteArray be64(quint64 value) {
    return be32(static_cast<quint32>(value >> 32)) + be32(static_cast<quint32>(value));
}

TEST_F(ProfileVectors, KmcConfirmationUsesTheProfilesLabel) {
    const SecureBytes kmc = secret(golden("kmc"));
    const quint64 connectionId = 0x1122334455667788ULL;
    auto lab = Profile::overlay(profile, R"({"serviceConnection": {"kmcConfirmLabel": "LAB-C"}})",
                                QStringLiteral("lab.json"));
    ASSERT_TRUE(lab);

    auto byDefault = kmcConfirmation(profile, kmc, connectionId);
    auto byLab = kmcConfirmation(*lab, kmc, connectionId);
    auto otherConnection = kmcConfirmation(profile, kmc, connectionId + 1);

    ASSERT_TRUE(byDefault && byLab && otherConnection);
    EXPECT_EQ(byDefault->exposeBytes(),
              refHmacSha256(golden("kmc"), QByteArray("ETSI-M2M-Kmc-confirm") +
                                               QByteArray(1, '\0') + be64(connectionId)));
    EXPECT_EQ(byLab->exposeBytes(),
              refHmacSha256(golden("kmc"),
                            QByteArray("LAB-C") + QByteArray(1, '\0') + be64(connectionId)));
    EXPECT_FALSE(byLab->equals(*byDefault));
    EXPECT_FALSE(otherConnection->equals(*byDefault));
    EXPECT_FALSE(kmcConfirmation(profile, SecureBytes(), connectionId));
    Profile unlabelled = profile;
    unlabelled.kmcConfirmLabel.clear();
    auto none = kmcConfirmation(unlabelled, kmc, connectionId);
    ASSERT_FALSE(none);
    EXPECT_TRUE(none.error().message.contains(QStringLiteral("kmcConfirmLabel")));
}

TEST_F(ProfileVectors, RecordsFormATreeFromEmskToKma) {
    KeyRecorder keys;
    const NamedKey emsk = keys.recordGiven(QStringLiteral("EMSK"), secret(in("EMSK")),
                                           QStringLiteral("EAP-TLS with the device"));

    auto kmr = keys.record(deriveKmrFromEmsk(profile, emsk, text("SP-ID"), in("M2M-Node-ID")));
    ASSERT_TRUE(kmr);
    auto kmc = keys.record(
        deriveKmc(profile, *kmr, in("M2M-Node-ID"), 7, in("client_random"), in("server_random")));
    ASSERT_TRUE(kmc);
    auto kma = keys.record(deriveKma(profile, *kmc, text("App-ID")));
    ASSERT_TRUE(kma);

    ASSERT_EQ(keys.records().size(), 4);
    EXPECT_EQ(keys.roots().size(), 1);
    EXPECT_EQ(keys.roots().first()->id, emsk.recordId);
    const DerivationPtr kmrRecord = keys.find(kmr->recordId);
    ASSERT_NE(kmrRecord, nullptr);
    EXPECT_EQ(kmrRecord->parents, QStringList{emsk.recordId});
    EXPECT_EQ(kmrRecord->formulaId, QStringLiteral("m2m_kdf"));
    EXPECT_EQ(kmrRecord->label, QStringLiteral("ETSI-M2M-Kmr"));
    ASSERT_EQ(kmrRecord->inputs.size(), 3);
    EXPECT_TRUE(kmrRecord->inputs[0].secret);
    EXPECT_TRUE(kmrRecord->inputs[1].text);
    EXPECT_FALSE(kmrRecord->inputs[2].secret);
    EXPECT_EQ(keys.children(kmr->recordId).size(), 1);
    EXPECT_EQ(keys.find(kma->recordId)->parents, QStringList{kmc->recordId});
    EXPECT_EQ(kma->value.exposeBytes(), golden("kma"));
}

TEST_F(ProfileVectors, EachRecordBecomesAKeyDerivationEventWithoutKeyValuesInItsSummary) {
    ManualClock clock;
    trace::Trace trace(clock);
    KeyRecorder keys(&trace, QStringLiteral("dev1."));

    auto kmr =
        keys.record(deriveKmrFromEmsk(profile, key("EMSK"), text("SP-ID"), in("M2M-Node-ID")));
    ASSERT_TRUE(kmr);
    auto kma = keys.record(deriveKma(profile, *kmr, text("App-ID")));
    ASSERT_TRUE(kma);

    ASSERT_EQ(trace.size(), 2u);
    const trace::Event event = trace.at(1);
    EXPECT_EQ(event.kind, trace::EventKind::KeyDerivation);
    ASSERT_NE(event.derivation, nullptr);
    EXPECT_EQ(event.derivation->id, QStringLiteral("dev1.Kmr#1"));
    EXPECT_TRUE(event.summary.startsWith(QStringLiteral("Kmr = m2m_kdf(EMSK")));
    EXPECT_FALSE(event.summary.contains(kmr->value.exposeHex()));
    EXPECT_FALSE(event.summary.contains(QString::fromLatin1(in("EMSK").toHex())));
    EXPECT_EQ(trace.at(2).derivation->parents, QStringList{QStringLiteral("dev1.Kmr#1")});
}

TEST_F(ProfileVectors, EapTlsKeyMaterialSplitsIntoMskAndEmsk) {
    KeyRecorder keys;
    const QByteArray master(48, '\x5a');

    auto material = keys.record(
        deriveEapTlsKeyMaterial(secret(master), in("client_random"), in("server_random")));
    ASSERT_TRUE(material);
    auto emsk = keys.record(sliceKey(*material, QStringLiteral("EMSK"), 64, 64));
    auto beyond = sliceKey(*material, QStringLiteral("X"), 100, 64);

    ASSERT_TRUE(emsk);
    EXPECT_EQ(emsk->value.exposeBytes(), material->value.mid(64, 64).exposeBytes());
    EXPECT_EQ(keys.find(emsk->recordId)->parents, QStringList{material->recordId});
    EXPECT_FALSE(beyond);
}

TEST(KeyLifetime, ExpiresAtTheExpiryInstant) {
    const QDateTime issued = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    const KeyLifetime lifetime = lifetimeFrom(3, issued, 3600);

    EXPECT_EQ(lifetime.index, 3u);
    EXPECT_FALSE(isExpired(lifetime, issued));
    EXPECT_FALSE(isExpired(lifetime, issued.addSecs(3599)));
    EXPECT_TRUE(isExpired(lifetime, issued.addSecs(3600)));
    EXPECT_EQ(secondsLeft(lifetime, issued.addSecs(600)), 3000);
    EXPECT_EQ(secondsLeft(lifetime, issued.addSecs(7200)), 0);
}

TEST(KeyLifetime, AKeyWithoutExpiryNeverExpires) {
    const KeyLifetime preProvisioned{1, QDateTime()};

    EXPECT_FALSE(isExpired(preProvisioned, QDateTime::fromSecsSinceEpoch(4102444800, Qt::UTC)));
    EXPECT_EQ(secondsLeft(preProvisioned, QDateTime::currentDateTimeUtc()), -1);
}

} // namespace
} // namespace m2mbench::crypto::test
