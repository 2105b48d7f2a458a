// SPDX-License-Identifier: Apache-2.0
// Diffie-Hellman beyond the RFC 7748 vectors: FFDHE (RFC 7919) checked against a plain modular
// exponentiation over the prime computed from the RFC's formula, and the rejection of bad keys.
#include "core/crypto/dh.h"
#include "core/crypto/random.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <openssl/bn.h>

#include <gtest/gtest.h>

namespace m2mbench::crypto::test {
namespace {

QByteArray ffdhe2048Prime() {
    return hex(loadDataFile(QStringLiteral("rfc7919_ffdhe2048.json"))
                   .value(QLatin1String("p"))
                   .toString());
}

/// base^exponent mod prime with BIGNUM, left-padded to the size of the prime.
QByteArray modExp(const QByteArray &base, const QByteArray &exponent, const QByteArray &prime) {
    auto bn = [](const QByteArray &bytes) {
        return BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()),
                         static_cast<int>(bytes.size()), nullptr);
    };
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *b = bn(base);
    BIGNUM *e = bn(exponent);
    BIGNUM *p = bn(prime);
    BIGNUM *r = BN_new();
    BN_mod_exp(r, b, e, p, ctx);
    QByteArray out(prime.size(), '\0');
    BN_bn2binpad(r, reinterpret_cast<unsigned char *>(out.data()), static_cast<int>(out.size()));
    BN_free(r);
    BN_free(p);
    BN_free(e);
    BN_free(b);
    BN_CTX_free(ctx);
    return out;
}

TEST(Ffdhe, PublicKeyIsTwoToThePrivateModTheRfc7919Prime) {
    const QByteArray p = ffdhe2048Prime();
    ASSERT_EQ(p.size(), 256);
    SeededRandomSource random(1);

    auto pair = dhGenerateKeyPair(DhGroup::Ffdhe2048, random);

    ASSERT_TRUE(pair) << pair.error().message.toStdString();
    EXPECT_EQ(pair->privateKey.size(), 32u);
    EXPECT_EQ(pair->publicKey, modExp(hex("02"), pair->privateKey.exposeBytes(), p));
}

TEST(Ffdhe, BothSidesAgreeOnZAndZKeepsTheSizeOfP) {
    const QByteArray p = ffdhe2048Prime();
    SeededRandomSource random(2);
    auto alice = dhGenerateKeyPair(DhGroup::Ffdhe2048, random);
    auto bob = dhGenerateKeyPair(DhGroup::Ffdhe2048, random);
    ASSERT_TRUE(alice && bob);

    auto zAlice = dhSharedSecret(DhGroup::Ffdhe2048, alice->privateKey, bob->publicKey);
    auto zBob = dhSharedSecret(DhGroup::Ffdhe2048, bob->privateKey, alice->publicKey);

    ASSERT_TRUE(zAlice && zBob);
    EXPECT_EQ(zAlice->size(), 256u);
    EXPECT_TRUE(zAlice->equals(*zBob));
    EXPECT_EQ(zAlice->exposeBytes(), modExp(bob->publicKey, alice->privateKey.exposeBytes(), p));
}

TEST(Ffdhe, ZKeepsItsLeadingZeroOctets) {
    // Seed 22 gives a pair whose Z starts with 0x00 (found by search, see the seed's stream
    // definition in core/crypto/random.h): Z must stay 256 octets, not shrink to 255.
    const QByteArray p = ffdhe2048Prime();
    SeededRandomSource random(22);
    auto alice = dhGenerateKeyPair(DhGroup::Ffdhe2048, random);
    auto bob = dhGenerateKeyPair(DhGroup::Ffdhe2048, random);
    ASSERT_TRUE(alice && bob);

    auto z = dhSharedSecret(DhGroup::Ffdhe2048, alice->privateKey, bob->publicKey);

    ASSERT_TRUE(z);
    EXPECT_EQ(z->size(), 256u);
    EXPECT_EQ(z->data()[0], 0x00);
    EXPECT_EQ(z->exposeBytes(), modExp(bob->publicKey, alice->privateKey.exposeBytes(), p));
}

TEST(Ffdhe, RejectsPeerValuesOutsideTheOpenRange) {
    const QByteArray p = ffdhe2048Prime();
    QByteArray pMinus1 = p;
    pMinus1[pMinus1.size() - 1] = static_cast<char>(pMinus1.back() - 1);
    SeededRandomSource random(3);
    auto own = dhGenerateKeyPair(DhGroup::Ffdhe2048, random);
    ASSERT_TRUE(own);
    QByteArray one(256, '\0');
    one[255] = 1;

    EXPECT_FALSE(dhSharedSecret(DhGroup::Ffdhe2048, own->privateKey, QByteArray(256, '\0')));
    EXPECT_FALSE(dhSharedSecret(DhGroup::Ffdhe2048, own->privateKey, one));
    EXPECT_FALSE(dhSharedSecret(DhGroup::Ffdhe2048, own->privateKey, pMinus1));
    EXPECT_FALSE(dhSharedSecret(DhGroup::Ffdhe2048, own->privateKey, p));
    EXPECT_FALSE(dhSharedSecret(DhGroup::Ffdhe2048, own->privateKey, own->publicKey.left(255)));
}

TEST(Ffdhe, LargerGroupsAgreeToo) {
    SeededRandomSource random(4);
    auto alice = dhGenerateKeyPair(DhGroup::Ffdhe3072, random);
    auto bob = dhGenerateKeyPair(DhGroup::Ffdhe3072, random);
    ASSERT_TRUE(alice && bob);

    auto zAlice = dhSharedSecret(DhGroup::Ffdhe3072, alice->privateKey, bob->publicKey);
    auto zBob = dhSharedSecret(DhGroup::Ffdhe3072, bob->privateKey, alice->publicKey);

    ASSERT_TRUE(zAlice && zBob);
    EXPECT_EQ(zAlice->size(), 384u);
    EXPECT_TRUE(zAlice->equals(*zBob));
}

TEST(X25519, RejectsASmallOrderPeerWhoseResultIsAllZero) {
    auto z = x25519(secretHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"),
                    QByteArray(32, '\0'));

    ASSERT_FALSE(z);
    EXPECT_TRUE(z.error().message.contains(QStringLiteral("all zero")));
}

TEST(X25519, RejectsWrongLengths) {
    EXPECT_FALSE(x25519(SecureBytes(31), QByteArray(32, '\x09')));
    EXPECT_FALSE(x25519(SecureBytes(32), QByteArray(31, '\x09')));
    EXPECT_FALSE(dhPublicKey(DhGroup::X25519, SecureBytes()));
}

TEST(DhKeyPair, ASeededSourceGivesTheSameKeyPairAgain) {
    SeededRandomSource first(42);
    SeededRandomSource second(42);

    auto a = dhGenerateKeyPair(DhGroup::X25519, first);
    auto b = dhGenerateKeyPair(DhGroup::X25519, second);

    ASSERT_TRUE(a && b);
    EXPECT_TRUE(a->privateKey.equals(b->privateKey));
    EXPECT_EQ(a->publicKey, b->publicKey);
}

TEST(DhGroupNames, RoundTripAndUnknownNamesAreRejected) {
    for (const QString &name : dhGroupNames()) {
        const auto group = dhGroupFromName(name);
        ASSERT_TRUE(group.has_value());
        EXPECT_EQ(dhGroupName(*group), name);
    }
    EXPECT_FALSE(dhGroupFromName(QStringLiteral("modp2048")).has_value());
}

} // namespace
} // namespace m2mbench::crypto::test
