// SPDX-License-Identifier: Apache-2.0
// RADIUS with EAP: the codec, the authenticators against Qt's independent MD5 and HMAC, and
// MS-MPPE key encryption both ways.
#include "core/protocol/eap/eap_packet.h"
#include "core/protocol/eap/wire.h"
#include "core/protocol/radius/radius_packet.h"
#include "tests/support/printers.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::radius;

namespace {

const QByteArray kSecret("testing123");
const QByteArray kRequestAuth = QByteArray::fromHex("0123456789abcdef0123456789abcdef");

} // namespace

TEST(RadiusCodec, SplitsLongEapMessagesAndJoinsThemBack) {
    Packet p;
    p.identifier = 9;
    const QByteArray eap = eap::Packet::request(3, eap::Type::Tls, QByteArray(600, 'z')).encode();
    p.add(Attr::UserName, "device");
    p.addEapMessage(eap);

    auto back = parsePacket(p.encode());

    ASSERT_TRUE(back) << back.error().message.toStdString();
    int pieces = 0;
    for (const Attribute &a : back->attributes) {
        pieces += a.type == Attr::EapMessage ? 1 : 0;
        EXPECT_LE(a.value.size(), 253);
    }
    EXPECT_EQ(pieces, 3);
    EXPECT_EQ(back->eapMessage(), eap);
    EXPECT_EQ(back->find(Attr::UserName)->value, QByteArray("device"));
}

TEST(RadiusCodec, RejectsTruncatedOversizedAndBrokenAttributes) {
    Packet p;
    p.add(Attr::UserName, "x");
    const QByteArray good = p.encode();

    EXPECT_FALSE(parsePacket(good.left(19)));
    EXPECT_FALSE(parsePacket(good.left(good.size() - 1)));
    QByteArray huge = good;
    wire::setU16(huge, 2, 5000);
    EXPECT_FALSE(parsePacket(huge + QByteArray(5000, '\0')));
    QByteArray zeroLength = good;
    zeroLength[kHeaderLength + 1] = 0;
    EXPECT_FALSE(parsePacket(zeroLength));
    QByteArray pastEnd = good;
    pastEnd[kHeaderLength + 1] = 50;
    EXPECT_FALSE(parsePacket(pastEnd));
    EXPECT_TRUE(parsePacket(good + QByteArray(7, '\0'))) << "octets past Length are padding";
}

TEST(RadiusAuthenticators, MatchAnIndependentMd5AndHmac) {
    Packet request;
    request.identifier = 1;
    request.addEapMessage(eap::Packet::response(1, eap::Type::Identity, "dev").encode());
    auto requestBytes = finalizeRequest(request, kSecret, kRequestAuth);
    ASSERT_TRUE(requestBytes);
    QByteArray zeroed = *requestBytes;
    zeroed.replace(requestBytes->size() - 16, 16, QByteArray(16, '\0'));
    EXPECT_EQ(requestBytes->right(16),
              QMessageAuthenticationCode::hash(zeroed, kSecret, QCryptographicHash::Md5));
    EXPECT_EQ(verifyMessageAuthenticator(*requestBytes, *parsePacket(*requestBytes), kSecret,
                                         kRequestAuth),
              Check::Valid);

    Packet challenge;
    challenge.code = Code::AccessChallenge;
    challenge.identifier = 1;
    challenge.add(Attr::State, "s1");
    auto responseBytes = finalizeResponse(challenge, kSecret, kRequestAuth);
    ASSERT_TRUE(responseBytes);
    QByteArray forMd5 = *responseBytes;
    forMd5.replace(4, 16, kRequestAuth);
    EXPECT_EQ(responseBytes->mid(4, 16),
              QCryptographicHash::hash(forMd5 + kSecret, QCryptographicHash::Md5));
    EXPECT_EQ(verifyResponseAuthenticator(*responseBytes, kSecret, kRequestAuth), Check::Valid);
    EXPECT_EQ(verifyMessageAuthenticator(*responseBytes, *parsePacket(*responseBytes), kSecret,
                                         kRequestAuth),
              Check::Valid);
    EXPECT_EQ(verifyResponseAuthenticator(*responseBytes, "wrong", kRequestAuth), Check::Invalid);
    QByteArray tampered = *responseBytes;
    tampered[tampered.size() - 20] = 'X';
    EXPECT_EQ(verifyMessageAuthenticator(tampered, *parsePacket(tampered), kSecret, kRequestAuth),
              Check::Invalid);
}

TEST(RadiusMppe, KeysRoundTripAndFollowRfc2548) {
    const SecureBytes msk = SecureBytes::fromByteArray(
        QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                            "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"));
    auto attributes = mppeAttributes(msk, kSecret, kRequestAuth, "\x12\x34");
    ASSERT_TRUE(attributes);
    Packet accept;
    accept.code = Code::AccessAccept;
    accept.attributes = *attributes;

    auto back = mskFromAccept(accept, kSecret, kRequestAuth);

    ASSERT_TRUE(back) << back.error().message.toStdString();
    EXPECT_TRUE(back->equals(msk));
    // By hand, the first block of MS-MPPE-Recv-Key: MD5(secret | request auth | salt) XOR
    // (32 | MSK[0..14]).
    const QByteArray value = accept.findVendor(kMicrosoftVendorId, kMsMppeRecvKey)->vendorValue();
    ASSERT_EQ(value.size(), 2 + 48);
    const QByteArray b1 =
        QCryptographicHash::hash(kSecret + kRequestAuth + value.left(2), QCryptographicHash::Md5);
    EXPECT_EQ(static_cast<quint8>(value[2] ^ b1[0]), 32);
    EXPECT_EQ(static_cast<quint8>(value[3] ^ b1[1]), 0x00);
    EXPECT_EQ(static_cast<quint8>(value[4] ^ b1[2]), 0x01);
    EXPECT_FALSE(mskFromAccept(accept, "other secret", kRequestAuth).has_value() &&
                 mskFromAccept(accept, "other secret", kRequestAuth)->equals(msk));
}
