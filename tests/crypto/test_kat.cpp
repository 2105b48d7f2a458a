// SPDX-License-Identifier: Apache-2.0
// Known-answer tests straight from the standards, one test per vector; the vectors live in
// tests/data/crypto/ (RFC 4231, RFC 5869, RFC 3394, RFC 5649, RFC 7748, the GCM specification).
#include "core/crypto/aead.h"
#include "core/crypto/dh.h"
#include "core/crypto/kdf.h"
#include "core/crypto/key_wrap.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <QJsonArray>

#include <gtest/gtest.h>

namespace m2mbench::crypto::test {
namespace {

QByteArray field(const Vector &v, const char *key) {
    return hex(v.data.value(QLatin1String(key)).toString());
}

// ---- RFC 4231: HMAC-SHA-256 ------------------------------------------------------------------

class Rfc4231 : public ::testing::TestWithParam<Vector> {};

TEST_P(Rfc4231, HmacSha256MatchesTheRfc) {
    const Vector &v = GetParam();
    ASSERT_TRUE(v.error.isEmpty()) << v.error.toStdString();
    const QByteArray expected = field(v, "mac");
    const int truncate = v.data.value(QLatin1String("truncateTo")).toInt(32);

    auto mac = hmacSha256(secret(field(v, "key")), field(v, "data"));

    ASSERT_TRUE(mac) << mac.error().message.toStdString();
    EXPECT_EQ(mac->left(static_cast<std::size_t>(truncate)).exposeBytes(), expected);
}

INSTANTIATE_TEST_SUITE_P(Vectors, Rfc4231,
                         ::testing::ValuesIn(loadVectors(QStringLiteral("rfc4231_hmac_sha256.json"),
                                                         QStringLiteral("vectors"))),
                         [](const auto &info) { return vectorName(info.param); });

TEST(Rfc4231File, HoldsAllSevenCasesWithTruncatedCaseFive) {
    const auto vectors =
        loadVectors(QStringLiteral("rfc4231_hmac_sha256.json"), QStringLiteral("vectors"));

    ASSERT_EQ(vectors.size(), 7u);
    EXPECT_EQ(vectors[4].data.value(QLatin1String("truncateTo")).toInt(), 16);
    EXPECT_EQ(field(vectors[4], "mac").size(), 16);
}

// ---- RFC 5869: HKDF-SHA-256 ------------------------------------------------------------------

class Rfc5869 : public ::testing::TestWithParam<Vector> {};

TEST_P(Rfc5869, ExtractAndExpandMatchTheRfc) {
    const Vector &v = GetParam();
    ASSERT_TRUE(v.error.isEmpty()) << v.error.toStdString();
    const int length = v.data.value(QLatin1String("length")).toInt();

    auto prk = hkdfExtract(field(v, "salt"), secret(field(v, "ikm")));
    auto okm = hkdf(field(v, "salt"), secret(field(v, "ikm")), field(v, "info"), length);

    ASSERT_TRUE(prk) << prk.error().message.toStdString();
    ASSERT_TRUE(okm) << okm.error().message.toStdString();
    EXPECT_EQ(prk->exposeBytes(), field(v, "prk"));
    EXPECT_EQ(okm->exposeBytes(), field(v, "okm"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, Rfc5869,
                         ::testing::ValuesIn(loadVectors(QStringLiteral("rfc5869_hkdf_sha256.json"),
                                                         QStringLiteral("vectors"))),
                         [](const auto &info) { return vectorName(info.param); });

TEST(Rfc5869File, HoldsTheThreeSha256Cases) {
    EXPECT_EQ(
        loadVectors(QStringLiteral("rfc5869_hkdf_sha256.json"), QStringLiteral("vectors")).size(),
        3u);
}

// ---- RFC 3394 and RFC 5649: AES key wrap -----------------------------------------------------

class Rfc3394 : public ::testing::TestWithParam<Vector> {};

TEST_P(Rfc3394, WrapAndUnwrapMatchTheRfc) {
    const Vector &v = GetParam();
    ASSERT_TRUE(v.error.isEmpty()) << v.error.toStdString();
    const SecureBytes kek = secret(field(v, "kek"));

    auto wrapped = aesKeyWrap(kek, secret(field(v, "keyData")));
    auto unwrapped = aesKeyUnwrap(kek, field(v, "wrapped"));

    ASSERT_TRUE(wrapped) << wrapped.error().message.toStdString();
    ASSERT_TRUE(unwrapped) << unwrapped.error().message.toStdString();
    EXPECT_EQ(*wrapped, field(v, "wrapped"));
    EXPECT_EQ(unwrapped->exposeBytes(), field(v, "keyData"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, Rfc3394,
                         ::testing::ValuesIn(loadVectors(QStringLiteral("rfc3394_key_wrap.json"),
                                                         QStringLiteral("vectors"))),
                         [](const auto &info) { return vectorName(info.param); });

class Rfc5649 : public ::testing::TestWithParam<Vector> {};

TEST_P(Rfc5649, WrapAndUnwrapWithPaddingMatchTheRfc) {
    const Vector &v = GetParam();
    ASSERT_TRUE(v.error.isEmpty()) << v.error.toStdString();
    const SecureBytes kek = secret(field(v, "kek"));

    auto wrapped = aesKeyWrapPad(kek, secret(field(v, "keyData")));
    auto unwrapped = aesKeyUnwrapPad(kek, field(v, "wrapped"));

    ASSERT_TRUE(wrapped) << wrapped.error().message.toStdString();
    ASSERT_TRUE(unwrapped) << unwrapped.error().message.toStdString();
    EXPECT_EQ(*wrapped, field(v, "wrapped"));
    EXPECT_EQ(unwrapped->exposeBytes(), field(v, "keyData"));
}

INSTANTIATE_TEST_SUITE_P(
    Vectors, Rfc5649,
    ::testing::ValuesIn(loadVectors(QStringLiteral("rfc5649_key_wrap_pad.json"),
                                    QStringLiteral("vectors"))),
    [](const auto &info) { return vectorName(info.param); });

TEST(KeyWrapFiles, HoldSixRfc3394AndTwoRfc5649Vectors) {
    EXPECT_EQ(
        loadVectors(QStringLiteral("rfc3394_key_wrap.json"), QStringLiteral("vectors")).size(), 6u);
    EXPECT_EQ(
        loadVectors(QStringLiteral("rfc5649_key_wrap_pad.json"), QStringLiteral("vectors")).size(),
        2u);
}

// ---- RFC 7748: X25519 ------------------------------------------------------------------------

class Rfc7748 : public ::testing::TestWithParam<Vector> {};

TEST_P(Rfc7748, ScalarMultiplicationMatchesTheRfc) {
    const Vector &v = GetParam();
    ASSERT_TRUE(v.error.isEmpty()) << v.error.toStdString();

    auto out = x25519(secret(field(v, "scalar")), field(v, "u"));

    ASSERT_TRUE(out) << out.error().message.toStdString();
    EXPECT_EQ(out->exposeBytes(), field(v, "output"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, Rfc7748,
                         ::testing::ValuesIn(loadVectors(QStringLiteral("rfc7748_x25519.json"),
                                                         QStringLiteral("scalarMult"))),
                         [](const auto &info) { return vectorName(info.param); });

/// k = u = 9; repeat: k' = X25519(k, u), u = k, k = k'. Returns k after `rounds`.
QByteArray iterateX25519(int rounds) {
    QByteArray k = hex(loadDataFile(QStringLiteral("rfc7748_x25519.json"))
                           .value(QLatin1String("iterated"))
                           .toObject()
                           .value(QLatin1String("start"))
                           .toString());
    QByteArray u = k;
    for (int i = 0; i < rounds; ++i) {
        auto next = x25519(secret(k), u);
        if (!next) {
            return QByteArrayLiteral("FAILED");
        }
        u = k;
        k = next->exposeBytes();
    }
    return k;
}

QByteArray iteratedCheckpoint(int rounds) {
    const QJsonArray points = loadDataFile(QStringLiteral("rfc7748_x25519.json"))
                                  .value(QLatin1String("iterated"))
                                  .toObject()
                                  .value(QLatin1String("checkpoints"))
                                  .toArray();
    for (const auto &point : points) {
        if (point.toObject().value(QLatin1String("iterations")).toInt() == rounds) {
            return hex(point.toObject().value(QLatin1String("k")).toString());
        }
    }
    return QByteArrayLiteral("MISSING");
}

TEST(Rfc7748, IteratedOnceMatchesTheRfc) {
    EXPECT_EQ(iterateX25519(1), iteratedCheckpoint(1));
}

TEST(Rfc7748, IteratedOneThousandTimesMatchesTheRfc) {
    EXPECT_EQ(iterateX25519(1000), iteratedCheckpoint(1000));
}

TEST(Rfc7748, AliceAndBobAgreeOnTheRfcSharedSecret) {
    const QJsonObject dh =
        loadDataFile(QStringLiteral("rfc7748_x25519.json")).value(QLatin1String("dh")).toObject();
    auto get = [&](const char *key) { return hex(dh.value(QLatin1String(key)).toString()); };

    auto alicePublic = dhPublicKey(DhGroup::X25519, secret(get("alicePrivate")));
    auto bobPublic = dhPublicKey(DhGroup::X25519, secret(get("bobPrivate")));
    auto aliceShared =
        dhSharedSecret(DhGroup::X25519, secret(get("alicePrivate")), get("bobPublic"));
    auto bobShared = dhSharedSecret(DhGroup::X25519, secret(get("bobPrivate")), get("alicePublic"));

    ASSERT_TRUE(alicePublic && bobPublic && aliceShared && bobShared);
    EXPECT_EQ(*alicePublic, get("alicePublic"));
    EXPECT_EQ(*bobPublic, get("bobPublic"));
    EXPECT_EQ(aliceShared->exposeBytes(), get("shared"));
    EXPECT_EQ(bobShared->exposeBytes(), get("shared"));
}

// ---- AES-256-GCM (GCM specification test cases) ----------------------------------------------

class GcmSpec : public ::testing::TestWithParam<Vector> {};

TEST_P(GcmSpec, SealAndOpenMatchTheSpecification) {
    const Vector &v = GetParam();
    ASSERT_TRUE(v.error.isEmpty()) << v.error.toStdString();
    const SecureBytes key = secret(field(v, "key"));
    const QByteArray sealedExpected = field(v, "ciphertext") + field(v, "tag");

    auto sealed =
        aes256GcmSeal(key, field(v, "nonce"), field(v, "aad"), secret(field(v, "plaintext")));
    auto opened = aes256GcmOpen(key, field(v, "nonce"), field(v, "aad"), sealedExpected);

    ASSERT_TRUE(sealed) << sealed.error().message.toStdString();
    ASSERT_TRUE(opened) << opened.error().message.toStdString();
    EXPECT_EQ(*sealed, sealedExpected);
    EXPECT_EQ(opened->exposeBytes(), field(v, "plaintext"));
}

INSTANTIATE_TEST_SUITE_P(Vectors, GcmSpec,
                         ::testing::ValuesIn(loadVectors(QStringLiteral("gcm_aes256.json"),
                                                         QStringLiteral("vectors"))),
                         [](const auto &info) { return vectorName(info.param); });

} // namespace
} // namespace m2mbench::crypto::test
