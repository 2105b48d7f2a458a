// SPDX-License-Identifier: Apache-2.0
// m2m_kdf, the TS 33.220 KDF and HKDF edges, each against an independent computation.
#include "core/crypto/kdf.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

namespace m2mbench::crypto::test {
namespace {

TEST(M2mKdf, OneBlockMatchesTheProfileFormula) {
    const QByteArray key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    const QByteArray context = QByteArrayLiteral("sp.example.com") + QByteArray(1, '\0') +
                               hex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

    auto out = m2mKdf(secret(key), QStringLiteral("ETSI-M2M-Kmr"), context, 32);

    ASSERT_TRUE(out) << out.error().message.toStdString();
    EXPECT_EQ(out->exposeBytes(), refM2mKdf(key, "ETSI-M2M-Kmr", context, 32));
}

TEST(M2mKdf, SeveralBlocksChainEachOutputIntoTheNext) {
    const QByteArray key(20, '\x0b');
    const QByteArray golden = hex(loadDataFile(QStringLiteral("profile_vectors.json"))
                                      .value(QLatin1String("outputs"))
                                      .toObject()
                                      .value(QLatin1String("m2m-kdf-100"))
                                      .toString());

    auto out = m2mKdf(secret(key), QStringLiteral("ETSI-M2M-Test"), hex("0102030405"), 100);

    ASSERT_TRUE(out) << out.error().message.toStdString();
    EXPECT_EQ(out->size(), 100u);
    EXPECT_EQ(out->exposeBytes(), refM2mKdf(key, "ETSI-M2M-Test", hex("0102030405"), 100));
    EXPECT_EQ(out->exposeBytes(), golden);
}

TEST(M2mKdf, LengthIsPartOfTheInputSoAShortOutputIsNotAPrefix) {
    auto l16 = m2mKdf(secretHex("0102"), QStringLiteral("L"), {}, 16);
    auto l32 = m2mKdf(secretHex("0102"), QStringLiteral("L"), {}, 32);

    ASSERT_TRUE(l16 && l32);
    EXPECT_NE(l16->exposeBytes(), l32->left(16).exposeBytes());
}

TEST(M2mKdf, TheLongestOutputIs255Blocks) {
    auto longest = m2mKdf(secretHex("01"), QStringLiteral("x"), {}, kMaxKdfOutput);
    auto tooLong = m2mKdf(secretHex("01"), QStringLiteral("x"), {}, kMaxKdfOutput + 1);

    ASSERT_TRUE(longest);
    EXPECT_EQ(longest->size(), static_cast<std::size_t>(kMaxKdfOutput));
    EXPECT_EQ(longest->mid(kMaxKdfOutput - 32, 32).exposeBytes(),
              refM2mKdf(hex("01"), "x", {}, kMaxKdfOutput).right(32));
    ASSERT_FALSE(tooLong);
    EXPECT_TRUE(tooLong.error().message.contains(QStringLiteral("8160")));
}

TEST(M2mKdf, RejectsAnEmptyKey) {
    auto out = m2mKdf(SecureBytes(), QStringLiteral("ETSI-M2M-Kmr"), hex("00"), 32);

    ASSERT_FALSE(out);
    EXPECT_TRUE(out.error().message.contains(QStringLiteral("key is empty")));
}

TEST(M2mKdf, RejectsZeroLength) {
    EXPECT_FALSE(m2mKdf(secretHex("01"), QStringLiteral("x"), {}, 0));
    EXPECT_FALSE(m2mKdf(secretHex("01"), QStringLiteral("x"), {}, -1));
}

TEST(M2mKdf, RejectsANonAsciiLabel) {
    auto out = m2mKdf(secretHex("01"), QStringLiteral("ETSI-M2M-K\u00e9"), {}, 32);

    ASSERT_FALSE(out);
    EXPECT_TRUE(out.error().message.contains(QStringLiteral("ASCII")));
}

TEST(HmacSha256, AcceptsAnEmptyKeyLikeRfc2104) {
    auto mac = hmacSha256(SecureBytes(), QByteArrayLiteral("abc"));

    ASSERT_TRUE(mac);
    EXPECT_EQ(mac->exposeBytes(), refHmacSha256({}, QByteArrayLiteral("abc")));
}

TEST(Hkdf, RejectsZeroAndOversizedOutputs) {
    auto prk = hkdfExtract({}, secretHex("0b0b0b"));
    ASSERT_TRUE(prk);

    EXPECT_FALSE(hkdfExpand(*prk, {}, 0));
    EXPECT_FALSE(hkdfExpand(*prk, {}, kMaxKdfOutput + 1));
    EXPECT_FALSE(hkdfExpand(SecureBytes(), {}, 32));
}

// ---- TS 33.220 Annex B -----------------------------------------------------------------------

const QByteArray kKs = hex("101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f");
const QByteArray kRand = hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf");
const QString kImpi = QStringLiteral("001010123456789@ims.mnc001.mcc001.3gppnetwork.org");

TEST(Ts33220, GenericKdfMatchesAPlainHmacOverTheEncodedParameters) {
    const QList<QByteArray> params = {QByteArrayLiteral("gba-me"), kRand, QByteArrayLiteral("x")};

    auto out = ts33220Kdf(secret(kKs), 0x01, params);

    ASSERT_TRUE(out);
    EXPECT_EQ(out->exposeBytes(), refTs33220(kKs, 0x01, params));
}

TEST(Ts33220, KsExtNafMatchesAnIndependentComputation) {
    const QByteArray nafId = QByteArrayLiteral("msbf.m2m.example.com") + hex("ff00000001");
    // S = 0x01 || "gba-me" || 0x0006 || RAND || 0x0010 || IMPI || L || NAF_Id || L
    const QByteArray s = QByteArray(1, '\x01') + "gba-me" + hex("0006") + kRand + hex("0010") +
                         kImpi.toUtf8() + be16(static_cast<quint16>(kImpi.toUtf8().size())) +
                         nafId + be16(static_cast<quint16>(nafId.size()));

    auto out = ksExtNaf(secret(kKs), kRand, kImpi, nafId);

    ASSERT_TRUE(out) << out.error().message.toStdString();
    EXPECT_EQ(out->exposeBytes(), refHmacSha256(kKs, s));
}

TEST(Ts33220, NafIdIsTheFqdnFollowedByTheUaProtocolId) {
    auto nafId = gbaNafId(QStringLiteral("msbf.example"), hex("ff00000001"));

    ASSERT_TRUE(nafId);
    EXPECT_EQ(*nafId, QByteArrayLiteral("msbf.example") + hex("ff00000001"));
}

TEST(Ts33220, RejectsWrongLengthsAndEmptyInputs) {
    const QByteArray nafId = QByteArrayLiteral("n") + hex("ff00000001");

    EXPECT_FALSE(ksExtNaf(secret(kKs.left(31)), kRand, kImpi, nafId));
    EXPECT_FALSE(ksExtNaf(secret(kKs), kRand.left(15), kImpi, nafId));
    EXPECT_FALSE(ksExtNaf(secret(kKs), kRand, QString(), nafId));
    EXPECT_FALSE(ksExtNaf(secret(kKs), kRand, kImpi, QByteArray()));
    EXPECT_FALSE(gbaNafId(QStringLiteral("msbf"), hex("ff000001")));
    EXPECT_FALSE(gbaNafId(QString(), hex("ff00000001")));
    EXPECT_FALSE(ts33220Kdf(SecureBytes(), 0x01, {QByteArrayLiteral("p")}));
    EXPECT_FALSE(ts33220Kdf(secret(kKs), 0x01, {}));
    EXPECT_FALSE(ts33220Kdf(secret(kKs), 0x01, {QByteArray(70000, 'x')}));
}

} // namespace
} // namespace m2mbench::crypto::test
