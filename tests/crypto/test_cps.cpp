// SPDX-License-Identifier: Apache-2.0
// The CPS keys (Kar, Kas, KEK, kAs), the Kas delivery rules and the data envelope, each
// derivation against an independent computation and the Python-made golden values.
#include "core/crypto/cps_keys.h"
#include "core/crypto/cps_policy.h"
#include "core/crypto/envelope.h"
#include "core/crypto/key_recorder.h"
#include "core/crypto/key_wrap.h"
#include "core/crypto/random.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <openssl/evp.h>

#include <gtest/gtest.h>

namespace m2mbench::crypto::test {
namespace {

class CpsVectors : public ::testing::Test {
protected:
    void SetUp() override {
        const QJsonObject root = loadDataFile(QStringLiteral("profile_vectors.json"));
        ASSERT_FALSE(root.contains(QLatin1String("loadError")));
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
    NamedKey key(const char *name, const QByteArray &value) const {
        return NamedKey{QString::fromLatin1(name), secret(value), {}};
    }
    QByteArray entity() const { return text("entity-ID").toUtf8(); }

    Profile profile;

private:
    QJsonObject m_inputs;
    QJsonObject m_outputs;
};

TEST_F(CpsVectors, KarFromEmskFollowsTheProfileFormula) {
    auto kar = deriveKarFromEmsk(profile, key("EMSK_cps", in("EMSK_cps")), text("entity-ID"));

    ASSERT_TRUE(kar);
    EXPECT_EQ(kar->output.exposeBytes(), refM2mKdf(in("EMSK_cps"), "ETSI-M2M-Kar", entity(), 32));
    EXPECT_EQ(kar->output.exposeBytes(), golden("kar-eap"));
}

TEST_F(CpsVectors, KarFromDhUsesTheX25519SharedSecret) {
    KeyRecorder keys;
    // Z of RFC 7748 section 6.1 (Alice's private key, Bob's public key).
    const QByteArray z = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    const QByteArray context = entity() + QByteArray(1, '\0') + text("CPS-ID").toUtf8();

    auto zKey = keys.record(
        deriveDhSharedSecret(profile.dhGroup, key("private", in("private")), in("peer-public")));
    ASSERT_TRUE(zKey);
    auto kar = keys.record(deriveKarFromDh(profile, *zKey, text("entity-ID"), text("CPS-ID")));

    ASSERT_TRUE(kar);
    EXPECT_EQ(zKey->value.exposeBytes(), z);
    EXPECT_EQ(kar->value.exposeBytes(), refM2mKdf(z, "ETSI-M2M-Kar", context, 32));
    EXPECT_EQ(kar->value.exposeBytes(), golden("kar-dh"));
    EXPECT_EQ(keys.find(kar->recordId)->parents, QStringList{zKey->recordId});
}

TEST_F(CpsVectors, KarFromIbakeFollowsTheProfileFormula) {
    auto kar = deriveKarFromIbake(profile, key("IBAKE-key", in("IBAKE-key")), text("entity-ID"));

    ASSERT_TRUE(kar);
    EXPECT_EQ(kar->output.exposeBytes(), refM2mKdf(in("IBAKE-key"), "ETSI-M2M-Kar", entity(), 32));
    EXPECT_EQ(kar->output.exposeBytes(), golden("kar-ibake"));
}

TEST_F(CpsVectors, KasKekAndKasAppFollowTheProfileFormulas) {
    const QByteArray kar = golden("kar-eap");
    const QByteArray kasExpected =
        refM2mKdf(kar, "ETSI-M2M-Kas", entity() + be32(number("n")) + in("N_cps"), 32);

    auto kas = deriveKas(profile, key("Kar", kar), text("entity-ID"), number("n"), in("N_cps"));
    auto kek = deriveKek(profile, key("R", kar), text("holder-ID"));
    auto kAs = deriveKasApp(profile, key("Kas", kasExpected), number("i"));

    ASSERT_TRUE(kas && kek && kAs);
    EXPECT_EQ(kas->output.exposeBytes(), kasExpected);
    EXPECT_EQ(kas->output.exposeBytes(), golden("kas"));
    EXPECT_EQ(kek->output.exposeBytes(),
              refM2mKdf(kar, "ETSI-M2M-KEK", text("holder-ID").toUtf8(), 32));
    EXPECT_EQ(kek->output.exposeBytes(), golden("kek"));
    EXPECT_EQ(kAs->output.exposeBytes(),
              refM2mKdf(kasExpected, "ETSI-M2M-kAs", be32(number("i")), 32));
    EXPECT_EQ(kAs->output.exposeBytes(), golden("kas-app"));
}

TEST_F(CpsVectors, KasIsWrappedWithRfc3394UnderTheKek) {
    auto wrapped = wrapKas(key("KEK", golden("kek")), key("Kas", golden("kas")));
    auto back = unwrapKas(key("KEK", golden("kek")), golden("kas-wrap"));

    ASSERT_TRUE(wrapped && back);
    EXPECT_FALSE(wrapped->outputSecret);
    EXPECT_EQ(wrapped->output.exposeBytes(), golden("kas-wrap"));
    EXPECT_EQ(back->output.exposeBytes(), golden("kas"));
}

TEST_F(CpsVectors, UnwrapWithTheWrongKekFailsCleanly) {
    QByteArray wrongKek = golden("kek");
    wrongKek[0] = static_cast<char>(wrongKek[0] ^ 0x01);

    auto kas = unwrapKas(key("KEK", wrongKek), golden("kas-wrap"));
    auto raw = aesKeyUnwrap(secret(wrongKek), golden("kas-wrap"));

    ASSERT_FALSE(kas);
    EXPECT_TRUE(kas.error().message.contains(QStringLiteral("integrity check failed")));
    EXPECT_EQ(kas.error().kind, Error::Kind::Crypto);
    EXPECT_FALSE(raw);
}

TEST_F(CpsVectors, RejectsWrongLengthsAndEmptyInputs) {
    const NamedKey kar = key("Kar", golden("kar-eap"));

    EXPECT_FALSE(deriveKas(profile, kar, text("entity-ID"), 1, in("N_cps").left(15)));
    EXPECT_FALSE(deriveKas(profile, kar, QString(), 1, in("N_cps")));
    EXPECT_FALSE(deriveKas(profile, key("Kar", {}), text("entity-ID"), 1, in("N_cps")));
    EXPECT_FALSE(deriveKek(profile, kar, QString()));
    EXPECT_FALSE(
        deriveKarFromEmsk(profile, key("EMSK_cps", in("EMSK_cps").left(32)), text("entity-ID")));
    EXPECT_FALSE(deriveKarFromDh(profile, key("Z", {}), text("entity-ID"), text("CPS-ID")));
    EXPECT_FALSE(deriveKarFromDh(profile, key("Z", in("private")), text("entity-ID"), QString()));
    EXPECT_FALSE(deriveKarFromIbake(profile, key("IBAKE-key", {}), text("entity-ID")));
    EXPECT_FALSE(wrapKas(key("KEK", golden("kek").left(20)), key("Kas", golden("kas"))));
    EXPECT_FALSE(wrapKas(key("KEK", golden("kek")), key("Kas", golden("kas").left(12))));
    EXPECT_FALSE(unwrapKas(key("KEK", golden("kek")), golden("kas-wrap").left(39)));
}

TEST_F(CpsVectors, RecordsFormATreeFromKarThroughKasEpochsToKasApp) {
    KeyRecorder keys;
    const NamedKey emsk = keys.recordGiven(QStringLiteral("EMSK_cps"), secret(in("EMSK_cps")),
                                           QStringLiteral("EAP-TLS with the CPS"));
    auto kar = keys.record(deriveKarFromEmsk(profile, emsk, text("entity-ID")));
    ASSERT_TRUE(kar) << kar.error().message.toStdString();
    // Two epochs of the same Kar, two application keys of the second, and its delivery.
    auto kas0 = keys.record(deriveKas(profile, *kar, text("entity-ID"), 0, in("N_cps")));
    auto kas1 = keys.record(deriveKas(profile, *kar, text("entity-ID"), 1, in("N_cps")));
    ASSERT_TRUE(kas0 && kas1);
    auto kAs0 = keys.record(deriveKasApp(profile, *kas1, 0));
    auto kAs7 = keys.record(deriveKasApp(profile, *kas1, 7));
    auto kek = keys.record(deriveKek(profile, *kar, text("entity-ID")));
    ASSERT_TRUE(kAs0 && kAs7 && kek);
    auto wrapped = keys.record(wrapKas(*kek, *kas1));
    ASSERT_TRUE(wrapped);

    const auto parentsOf = [&](const NamedKey &k) { return keys.find(k.recordId)->parents; };
    EXPECT_EQ(parentsOf(*kar), QStringList{emsk.recordId});
    EXPECT_EQ(parentsOf(*kas0), QStringList{kar->recordId});
    EXPECT_EQ(parentsOf(*kas1), QStringList{kar->recordId});
    EXPECT_EQ(parentsOf(*kAs0), QStringList{kas1->recordId});
    EXPECT_EQ(parentsOf(*kAs7), QStringList{kas1->recordId});
    EXPECT_EQ(parentsOf(*kek), QStringList{kar->recordId});
    EXPECT_EQ(parentsOf(*wrapped), (QStringList{kek->recordId, kas1->recordId}));
    // Each epoch and each index is a record of its own, with its own value.
    EXPECT_NE(kas0->recordId, kas1->recordId);
    EXPECT_FALSE(kas0->value.equals(kas1->value));
    EXPECT_FALSE(kAs0->value.equals(kAs7->value));
    // The tree seen from the top: one root, Kar's children are both epochs and the KEK.
    ASSERT_EQ(keys.roots().size(), 1);
    EXPECT_EQ(keys.roots().first()->id, emsk.recordId);
    QStringList karChildren;
    for (const auto &child : keys.children(kar->recordId)) {
        karChildren << child->id;
    }
    EXPECT_EQ(karChildren, (QStringList{kas0->recordId, kas1->recordId, kek->recordId}));
    EXPECT_EQ(keys.children(kas0->recordId).size(), 0);
    EXPECT_EQ(keys.children(kas1->recordId).size(), 3); // kAs(0), kAs(7), wrapped-Kas
    // The records carry what the tree is made of: names, inputs and the epoch/index values.
    const auto kasRecord = keys.find(kas1->recordId);
    EXPECT_EQ(kasRecord->name, QStringLiteral("Kas"));
    ASSERT_EQ(kasRecord->inputs.size(), 4);
    EXPECT_EQ(kasRecord->inputs.at(0).name, QStringLiteral("Kar"));
    EXPECT_EQ(kasRecord->inputs.at(2).name, QStringLiteral("n"));
    EXPECT_EQ(kasRecord->inputs.at(2).value.exposeBytes(), be32(1));
    const auto kAsRecord = keys.find(kAs7->recordId);
    EXPECT_EQ(kAsRecord->name, QStringLiteral("kAs"));
    ASSERT_EQ(kAsRecord->inputs.size(), 2);
    EXPECT_EQ(kAsRecord->inputs.at(0).name, QStringLiteral("Kas"));
    EXPECT_EQ(kAsRecord->inputs.at(1).value.exposeBytes(), be32(7));
    EXPECT_EQ(kAs7->value.exposeBytes(),
              refM2mKdf(kas1->value.exposeBytes(), "ETSI-M2M-kAs", be32(7), 32));
}

// ---- delivery, expiry and revocation --------------------------------------------------------

class CpsPolicy : public CpsVectors {
protected:
    void SetUp() override {
        CpsVectors::SetUp();
        emitter = CpsEnrolment{text("entity-ID"), key("Kar", golden("kar-eap")), {}};
        subscriber = CpsEnrolment{text("holder-ID"), key("Kar", golden("kar-ibake")), {}};
        SeededRandomSource random(9);
        auto epoch = startKasEpoch(profile, emitter, 0, random, t0);
        ASSERT_TRUE(epoch) << epoch.error().message.toStdString();
        current = *epoch;
    }

    const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    CpsEnrolment emitter;
    CpsEnrolment subscriber;
    KasEpoch current;
};

TEST_F(CpsPolicy, AnEpochGetsAFreshNonceAndTheProfilesLifetime) {
    const QByteArray expected =
        refM2mKdf(golden("kar-eap"), "ETSI-M2M-Kas", entity() + be32(0) + current.nCps, 32);

    EXPECT_EQ(current.nCps.size(), 16);
    EXPECT_EQ(current.expiry, t0.addSecs(profile.kasLifetimeSeconds));
    EXPECT_EQ(current.kas.value.exposeBytes(), expected);
    EXPECT_FALSE(needsNewEpoch(&current, t0.addSecs(10)));
    EXPECT_TRUE(needsNewEpoch(&current, current.expiry));
    EXPECT_TRUE(needsNewEpoch(nullptr, t0));
    EXPECT_EQ(nextEpochNumber(&current), 1u);
}

TEST_F(CpsPolicy, HolderAndSubscriberEachUnwrapTheSameKasWithTheirOwnKar) {
    KeyRecorder keys;

    auto toHolder = deliverKas(profile, emitter, emitter, current, t0, &keys);
    auto toSubscriber = deliverKas(profile, emitter, subscriber, current, t0, &keys);
    ASSERT_TRUE(toHolder && toSubscriber);
    auto holderKas = receiveKas(profile, emitter, *toHolder);
    auto subscriberKas = receiveKas(profile, subscriber, *toSubscriber);
    auto stolen = receiveKas(profile, subscriber, *toHolder);

    ASSERT_TRUE(holderKas && subscriberKas);
    EXPECT_TRUE(holderKas->value.equals(current.kas.value));
    EXPECT_TRUE(subscriberKas->value.equals(current.kas.value));
    EXPECT_NE(toHolder->wrappedKas, toSubscriber->wrappedKas);
    EXPECT_EQ(toSubscriber->n, 0u);
    EXPECT_EQ(toSubscriber->nCps, current.nCps);
    EXPECT_FALSE(stolen) << "a subscriber must not unwrap what was wrapped for another holder";
    EXPECT_EQ(keys.records().size(), 4); // KEK + wrap, twice
}

TEST_F(CpsPolicy, ARevokedHolderGetsNothing) {
    subscriber.revokedAt = t0.addSecs(60);

    auto before = deliverKas(profile, emitter, subscriber, current, t0.addSecs(59));
    auto after = deliverKas(profile, emitter, subscriber, current, t0.addSecs(60));

    EXPECT_TRUE(before);
    ASSERT_FALSE(after);
    EXPECT_TRUE(after.error().message.contains(QStringLiteral("holder is revoked")));
    EXPECT_EQ(kasRefusal(emitter, subscriber, current, t0.addSecs(61)), KasRefusal::HolderRevoked);
}

TEST_F(CpsPolicy, WhatARevokedHolderAlreadyHasStaysUsableUntilExpiry) {
    auto delivery = deliverKas(profile, emitter, subscriber, current, t0);
    ASSERT_TRUE(delivery);
    subscriber.revokedAt = t0.addSecs(60);

    EXPECT_TRUE(isUsable(*delivery, t0.addSecs(120)));
    EXPECT_FALSE(isUsable(*delivery, current.expiry));
}

TEST_F(CpsPolicy, ARevokedEmitterGetsNoNewEpochAndItsKasIsNotHandedOut) {
    emitter.revokedAt = t0.addSecs(10);
    SeededRandomSource random(10);

    auto epoch = startKasEpoch(profile, emitter, 1, random, t0.addSecs(20));
    auto delivery = deliverKas(profile, emitter, subscriber, current, t0.addSecs(20));

    EXPECT_FALSE(epoch);
    ASSERT_FALSE(delivery);
    EXPECT_TRUE(delivery.error().message.contains(QStringLiteral("emitter is revoked")));
}

TEST_F(CpsPolicy, AnExpiredEpochIsNotDelivered) {
    auto delivery = deliverKas(profile, emitter, subscriber, current, current.expiry);

    ASSERT_FALSE(delivery);
    EXPECT_EQ(kasRefusal(emitter, subscriber, current, current.expiry), KasRefusal::EpochExpired);
}

// ---- the data envelope ----------------------------------------------------------------------

/// AES-256-GCM written out with EVP calls in the test, for the independent envelope route.
QByteArray testGcmSeal(const QByteArray &key, const QByteArray &nonce, const QByteArray &aad,
                       const QByteArray &plain) {
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    QByteArray out(plain.size() + 16, '\0');
    int len = 0;
    auto u = [](const QByteArray &b) {
        return reinterpret_cast<const unsigned char *>(b.constData());
    };
    auto *o = reinterpret_cast<unsigned char *>(out.data());
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, u(key), u(nonce));
    EVP_EncryptUpdate(ctx, nullptr, &len, u(aad), static_cast<int>(aad.size()));
    EVP_EncryptUpdate(ctx, o, &len, u(plain), static_cast<int>(plain.size()));
    EVP_EncryptFinal_ex(ctx, o + len, &len);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, o + plain.size());
    EVP_CIPHER_CTX_free(ctx);
    return out;
}

TEST_F(CpsVectors, EnvelopeHasTheDocumentedLayoutAndAad) {
    const QByteArray kAs = golden("kas-app");
    const quint32 n = number("n");
    const quint32 i = number("i");
    const QByteArray plain = text("plaintext").toUtf8();
    const QByteArray aad = entity() + be32(n) + be32(i);
    const QByteArray expected = QByteArray(1, '\x01') + be32(n) + be32(i) + in("nonce") +
                                testGcmSeal(kAs, in("nonce"), aad, plain);

    auto envelope =
        sealEnvelope(profile, secret(kAs), text("entity-ID"), n, i, in("nonce"), secret(plain));

    ASSERT_TRUE(envelope) << envelope.error().message.toStdString();
    EXPECT_EQ(*envelope, expected);
    EXPECT_EQ(*envelope, golden("envelope-seal"));
}

TEST_F(CpsVectors, EnvelopeOpensWithKasAndTheRightEntity) {
    auto plain = openEnvelopeWithKas(profile, key("Kas", golden("kas")), text("entity-ID"),
                                     golden("envelope-seal"), number("n"));

    ASSERT_TRUE(plain) << plain.error().message.toStdString();
    EXPECT_EQ(plain->exposeBytes(), text("plaintext").toUtf8());
}

TEST_F(CpsVectors, ATamperedEnvelopeGivesAnErrorAndNoPlaintext) {
    const QByteArray good = golden("envelope-seal");
    const SecureBytes kAs = secret(golden("kas-app"));
    for (qsizetype at : {qsizetype(0), qsizetype(4), qsizetype(8), qsizetype(12),
                         qsizetype(kEnvelopeHeaderLength), good.size() - 1}) {
        QByteArray bad = good;
        bad[at] = static_cast<char>(bad[at] ^ 0x20);

        auto plain = openEnvelope(profile, kAs, text("entity-ID"), bad);

        EXPECT_FALSE(plain) << "flipped octet " << at;
    }
    EXPECT_FALSE(openEnvelope(profile, kAs, text("entity-ID"), good.left(kEnvelopeMinLength - 1)));
}

TEST_F(CpsVectors, AnEnvelopeDoesNotOpenForAnotherEntityOrEpoch) {
    const QByteArray good = golden("envelope-seal");

    auto otherEntity = openEnvelope(profile, secret(golden("kas-app")),
                                    QStringLiteral("urn:m2m:entity:other"), good);
    auto otherEpoch = openEnvelopeWithKas(profile, key("Kas", golden("kas")), text("entity-ID"),
                                          good, number("n") + 1);

    ASSERT_FALSE(otherEntity);
    EXPECT_TRUE(otherEntity.error().message.contains(QStringLiteral("authentication failed")));
    ASSERT_FALSE(otherEpoch);
    EXPECT_TRUE(otherEpoch.error().message.contains(QStringLiteral("epoch")));
}

TEST_F(CpsVectors, TheEnvelopeAadFollowsTheProfile) {
    auto lab = Profile::overlay(profile, R"({"cps": {"envelopeAad": ["n", "i", "entity-ID"]}})",
                                QStringLiteral("lab"));
    ASSERT_TRUE(lab);

    auto aad = envelopeAad(*lab, text("entity-ID"), 3, 5);

    ASSERT_TRUE(aad);
    EXPECT_EQ(*aad, be32(3) + be32(5) + entity());
}

TEST_F(CpsVectors, SealingWithARandomSourceUsesAFreshNonce) {
    OsRandomSource &random = OsRandomSource::instance();
    const SecureBytes kAs = secret(golden("kas-app"));

    auto a = sealEnvelope(profile, kAs, text("entity-ID"), 1, 2, random, secret("x"));
    auto b = sealEnvelope(profile, kAs, text("entity-ID"), 1, 2, random, secret("x"));

    ASSERT_TRUE(a && b);
    EXPECT_NE(a->mid(9, 12), b->mid(9, 12));
    auto parsed = parseEnvelope(*a);
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->n, 1u);
    EXPECT_EQ(parsed->i, 2u);
}

} // namespace
} // namespace m2mbench::crypto::test
