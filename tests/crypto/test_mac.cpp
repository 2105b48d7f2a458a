// SPDX-License-Identifier: Apache-2.0
// The HMAC and digest facade the protocols use (core/crypto/mac.h): the published vectors of
// RFC 2202 (HMAC-MD5, HMAC-SHA-1), RFC 4231 (HMAC-SHA-256) and RFC 1321 (MD5), and an empty key
// against OpenSSL's one-shot HMAC(), the route the product does not take.
#include "core/crypto/mac.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <gtest/gtest.h>

namespace m2mbench::crypto::test {
namespace {

QByteArray mac(Digest digest, const QByteArray &key, const QByteArray &data) {
    auto out = hmacBytes(digest, key, data);
    EXPECT_TRUE(out) << (out ? "" : out.error().message.toStdString());
    return out.value_or(QByteArray("FAILED"));
}

TEST(Mac, HmacMd5MatchesRfc2202) {
    EXPECT_EQ(mac(Digest::Md5, QByteArray(16, '\x0b'), "Hi There"),
              hex("9294727a3638bb1c13f48ef8158bfc9d"));
    EXPECT_EQ(mac(Digest::Md5, "Jefe", "what do ya want for nothing?"),
              hex("750c783e6ab0b503eaa86e310a5db738"));
}

TEST(Mac, HmacSha1MatchesRfc2202) {
    EXPECT_EQ(mac(Digest::Sha1, QByteArray(20, '\x0b'), "Hi There"),
              hex("b617318655057264e28bc0b6fb378c8ef146be00"));
    EXPECT_EQ(mac(Digest::Sha1, "Jefe", "what do ya want for nothing?"),
              hex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
}

TEST(Mac, HmacSha256MatchesRfc4231AndTheSecureBytesForm) {
    const QByteArray expected =
        hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

    auto secretForm = hmac(Digest::Sha256, secret("Jefe"), "what do ya want for nothing?");

    EXPECT_EQ(mac(Digest::Sha256, "Jefe", "what do ya want for nothing?"), expected);
    ASSERT_TRUE(secretForm);
    EXPECT_EQ(secretForm->exposeBytes(), expected);
}

TEST(Mac, AnEmptyKeyAndEmptyDataWorkLikeOpenSslsOneShotHmac) {
    unsigned char ref[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    static const unsigned char none = 0;
    const QByteArray data("RADIUS without a shared secret");
    ASSERT_NE(HMAC(EVP_md5(), &none, 0, reinterpret_cast<const unsigned char *>(data.constData()),
                   static_cast<size_t>(data.size()), ref, &length),
              nullptr);

    EXPECT_EQ(mac(Digest::Md5, QByteArray(), data),
              QByteArray(reinterpret_cast<const char *>(ref), static_cast<qsizetype>(length)));
    EXPECT_EQ(mac(Digest::Sha1, "key", QByteArray()).size(), 20);
    EXPECT_EQ(digestLength(Digest::Md5), 16);
    EXPECT_EQ(digestLength(Digest::Sha256), 32);
    EXPECT_EQ(digestName(Digest::Sha1), QStringLiteral("SHA1"));
}

TEST(Mac, Md5MatchesRfc1321) {
    EXPECT_EQ(hash(Digest::Md5, QByteArray()).value_or(QByteArray()),
              hex("d41d8cd98f00b204e9800998ecf8427e"));
    EXPECT_EQ(hash(Digest::Md5, "abc").value_or(QByteArray()),
              hex("900150983cd24fb0d6963f7d28e17f72"));
    EXPECT_EQ(hash(Digest::Sha256, "abc").value_or(QByteArray()),
              hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

} // namespace
} // namespace m2mbench::crypto::test
