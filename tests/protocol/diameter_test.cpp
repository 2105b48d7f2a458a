// SPDX-License-Identifier: Apache-2.0
// The Diameter base protocol codec: header, AVP flags and padding, grouped AVPs, the data types,
// and what a hostile peer might send.
#include "core/protocol/diameter/diameter_message.h"
#include "core/protocol/eap/wire.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::diameter;

namespace {

Message cer() {
    Message m;
    m.command = Command::CapabilitiesExchange;
    m.hopByHop = 0x11111111;
    m.endToEnd = 0x22222222;
    m.avps = {Avp::text(AvpCode::OriginHost, QStringLiteral("mas.m2mbench.test")),
              Avp::text(AvpCode::OriginRealm, QStringLiteral("m2mbench.test")),
              Avp::address(AvpCode::HostIpAddress, QHostAddress(QStringLiteral("127.0.0.1"))),
              Avp::u32(AvpCode::VendorId, 0),
              Avp::grouped(AvpCode::VendorSpecificApplicationId,
                           {Avp::u32(AvpCode::VendorId, 13019),
                            Avp::u32(AvpCode::AuthApplicationId, 1295142144)}),
              Avp::octets(6001, QByteArray(16, '\x42'), 13019)};
    return m;
}

} // namespace

TEST(DiameterCodec, RoundTripsAMessageWithGroupedAndVendorAvps) {
    const QByteArray bytes = cer().encode();

    auto back = parseMessage(bytes);

    ASSERT_TRUE(back) << back.error().message.toStdString();
    EXPECT_EQ(bytes.size() % 4, 0);
    EXPECT_TRUE(back->isRequest());
    EXPECT_EQ(back->command, Command::CapabilitiesExchange);
    EXPECT_EQ(back->text(AvpCode::OriginHost), QStringLiteral("mas.m2mbench.test"));
    EXPECT_EQ(back->find(AvpCode::HostIpAddress)->address(),
              QHostAddress(QStringLiteral("127.0.0.1")));
    auto inner = back->find(AvpCode::VendorSpecificApplicationId)->grouped();
    ASSERT_TRUE(inner);
    ASSERT_EQ(inner->size(), 2);
    EXPECT_EQ((*inner)[1].u32(), 1295142144u);
    EXPECT_EQ(back->find(6001, 13019)->data, QByteArray(16, '\x42'));
    EXPECT_EQ(summarize(*back).left(3), QStringLiteral("CER"));
}

TEST(DiameterCodec, TimeIsSecondsSince1900) {
    const QDateTime t = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);

    const Avp a = Avp::time(6004, t, 13019);

    EXPECT_EQ(a.u32(), 1700000000u + 2208988800u);
    EXPECT_EQ(a.time(), t);
}

TEST(DiameterCodec, RejectsWhatAHostilePeerSends) {
    const QByteArray good = cer().encode();
    QByteArray v2 = good;
    v2[0] = 2;
    QByteArray longLength = good;
    wire::setU24(longLength, 1, 0x7ffffc);
    QByteArray avpPastEnd = good;
    wire::setU24(avpPastEnd, kHeaderLength + 5, 0xfff0);
    QByteArray avpTooShort = good;
    wire::setU24(avpTooShort, kHeaderLength + 5, 4);

    EXPECT_FALSE(parseMessage(good.left(19)));
    EXPECT_FALSE(parseMessage(good.left(good.size() - 4)));
    EXPECT_FALSE(parseMessage(v2));
    EXPECT_FALSE(messageLength(longLength));
    EXPECT_FALSE(parseMessage(avpPastEnd));
    EXPECT_FALSE(parseMessage(avpTooShort));
    Avp deep = Avp::u32(1, 1);
    for (int i = 0; i < 10; ++i) {
        deep = Avp::grouped(2, {deep});
    }
    QByteArray nested = deep.data;
    EXPECT_FALSE(parseAvps(nested, 0, Limits{64 * 1024, 256, 4}).has_value() && [&] {
        // walk down: every level must parse within the depth limit
        QByteArray d = nested;
        for (int level = 0; level < 10; ++level) {
            auto avps = parseAvps(d, level);
            if (!avps || avps->isEmpty()) {
                return false;
            }
            d = avps->first().data;
        }
        return true;
    }());
}
