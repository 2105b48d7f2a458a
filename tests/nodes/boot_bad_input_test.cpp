// SPDX-License-Identifier: Apache-2.0
// Hostile peers of the MAS (Diameter) and of the MSBF's RADIUS front end: garbage, oversized
// lengths, requests before the capabilities exchange, missing or wrong Message-Authenticators,
// retransmissions. Each is refused with a reason; nothing hangs.
#include "core/nodes/msbf/radius_front_end.h"
#include "core/protocol/eap/eap_packet.h"
#include "core/protocol/eap/wire.h"
#include "tests/nodes/boot_bed.h"
#include "tests/support/printers.h"

#include <QNetworkDatagram>
#include <QTcpSocket>
#include <QUdpSocket>

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::nodes;
using test::BootBed;

namespace {

/// Connects to the MAS, sends `bytes`, returns what came back until the MAS closed (bounded).
QByteArray sendToMas(quint16 port, const QByteArray &bytes, bool *closed) {
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    EXPECT_TRUE(s.waitForConnected(3000));
    s.write(bytes);
    s.waitForBytesWritten(1000);
    QByteArray got;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 3000 && s.state() == QAbstractSocket::ConnectedState) {
        s.waitForReadyRead(100);
        got += s.readAll();
    }
    *closed = s.state() != QAbstractSocket::ConnectedState;
    return got + s.readAll();
}

diameter::Message cer() {
    diameter::Message m;
    m.command = diameter::Command::CapabilitiesExchange;
    m.hopByHop = 1;
    m.avps = {diameter::Avp::text(diameter::AvpCode::OriginHost, QStringLiteral("nscl.test")),
              diameter::Avp::text(diameter::AvpCode::OriginRealm, QStringLiteral("m2mbench.test")),
              diameter::Avp::u32(diameter::AvpCode::AuthApplicationId, 0x4d324d00)};
    return m;
}

} // namespace

TEST(MasBadInput, GarbageOversizedAndPrematureMessagesCloseTheConnection) {
    BootBed bed;
    bed.startMas();
    QByteArray huge(20, '\0');
    huge[0] = 1;
    wire::setU24(huge, 1, 0x7ffff0);
    diameter::Message dwr;
    dwr.command = diameter::Command::DeviceWatchdog;
    dwr.avps = {diameter::Avp::text(diameter::AvpCode::OriginHost, QStringLiteral("x"))};

    for (const QByteArray &bytes : {QByteArray("GET / HTTP/1.1\r\n\r\n"), huge, dwr.encode()}) {
        bool closed = false;
        const QByteArray answer = sendToMas(bed.masPort, bytes, &closed);
        EXPECT_TRUE(closed) << "the MAS kept a hostile connection open";
        EXPECT_TRUE(answer.isEmpty());
    }
}

TEST(MasBadInput, AProvisionWithoutItsAvpsIsAnsweredMissingAvp) {
    BootBed bed;
    bed.startMas();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, bed.masPort);
    ASSERT_TRUE(s.waitForConnected(3000));
    s.write(cer().encode());
    diameter::Message provision;
    provision.command = test::bootProfile().bootstrap.keyProvisionCommand;
    provision.applicationId = test::bootProfile().bootstrap.masApplicationId;
    provision.hopByHop = 2;
    provision.avps = {
        diameter::Avp::text(diameter::AvpCode::OriginHost, QStringLiteral("nscl.test"))};
    s.write(provision.encode());
    // Read the CEA, then the answer to the provision.
    QByteArray got;
    std::optional<diameter::Message> answer;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 3000 && !answer) {
        s.waitForReadyRead(100);
        got += s.readAll();
        auto ceaLength = diameter::messageLength(got.left(4));
        if (!ceaLength || got.size() < qsizetype(*ceaLength) + 4) {
            continue;
        }
        auto length = diameter::messageLength(got.mid(*ceaLength, 4));
        if (length && got.size() >= qsizetype(*ceaLength + *length)) {
            auto parsed = diameter::parseMessage(got.mid(*ceaLength, *length));
            if (parsed) {
                answer = *parsed;
            }
        }
    }

    ASSERT_TRUE(answer) << "no answer to the provision";
    EXPECT_EQ(answer->u32(diameter::AvpCode::ResultCode), diameter::ResultCode::MissingAvp);
    EXPECT_TRUE(
        answer->text(diameter::AvpCode::ErrorMessage).contains(QLatin1String("M2M-Node-ID")));
}

class RadiusFrontEndBadInput : public ::testing::Test {
protected:
    void SetUp() override {
        bed.sut.invoke([this] {
            MsbfConfig c;
            c.profile = test::bootProfile();
            c.credential = test::BootPki::get().msbf;
            c.caPem = test::BootPki::get().ca.certificatePem;
            c.devices = {test::bootDevice()};
            c.port = 0;
            msbf = new MsbfNode(c);
            port = *msbf->listenRadius(QHostAddress::LocalHost, 0, "secret");
        });
        client.bind(QHostAddress::LocalHost, 0);
    }
    void TearDown() override {
        bed.sut.invoke([this] { delete msbf; });
    }

    /// Sends a datagram, returns the answer or empty after the wait.
    QByteArray exchange(const QByteArray &bytes, int waitMs = 800) {
        client.writeDatagram(bytes, QHostAddress::LocalHost, port);
        if (!client.waitForReadyRead(waitMs)) {
            return {};
        }
        return client.receiveDatagram().data();
    }

    radius::Packet identityRequest() const {
        radius::Packet p;
        p.identifier = 3;
        p.add(radius::Attr::UserName, test::BootPki::get().identity.toUtf8());
        p.addEapMessage(
            eap::Packet::response(0, eap::Type::Identity, test::BootPki::get().identity.toUtf8())
                .encode());
        return p;
    }

    BootBed bed;
    MsbfNode *msbf = nullptr;
    quint16 port = 0;
    QUdpSocket client;
};

TEST_F(RadiusFrontEndBadInput, RequestsWithoutAValidMessageAuthenticatorAreDiscarded) {
    radius::Packet unsigned_ = identityRequest();
    radius::Packet wrongSecret = identityRequest();
    auto wrong = radius::finalizeRequest(wrongSecret, "not the secret", QByteArray(16, '\x07'));

    EXPECT_TRUE(exchange(unsigned_.encode()).isEmpty());
    EXPECT_TRUE(exchange(*wrong).isEmpty());
    EXPECT_TRUE(exchange(QByteArray(3, 'x')).isEmpty());
}

TEST_F(RadiusFrontEndBadInput, ARetransmittedRequestGetsTheCachedChallenge) {
    radius::Packet p = identityRequest();
    auto bytes = radius::finalizeRequest(p, "secret", QByteArray(16, '\x09'));

    const QByteArray first = exchange(*bytes);
    const QByteArray second = exchange(*bytes);

    ASSERT_FALSE(first.isEmpty());
    EXPECT_EQ(first, second);
    auto challenge = radius::parsePacket(first);
    ASSERT_TRUE(challenge);
    EXPECT_EQ(challenge->code, radius::Code::AccessChallenge);
    EXPECT_EQ(radius::verifyResponseAuthenticator(first, "secret", QByteArray(16, '\x09')),
              radius::Check::Valid);
    EXPECT_EQ(
        radius::verifyMessageAuthenticator(first, *challenge, "secret", QByteArray(16, '\x09')),
        radius::Check::Valid);
}

TEST_F(RadiusFrontEndBadInput, AnUnknownIdentityIsRejected) {
    radius::Packet p;
    p.identifier = 4;
    p.addEapMessage(eap::Packet::response(0, eap::Type::Identity, "stranger@nowhere").encode());
    auto bytes = radius::finalizeRequest(p, "secret", QByteArray(16, '\x0a'));

    const QByteArray answer = exchange(*bytes);

    auto reject = radius::parsePacket(answer);
    ASSERT_TRUE(reject);
    EXPECT_EQ(reject->code, radius::Code::AccessReject);
    EXPECT_EQ(eap::parsePacket(reject->eapMessage())->code, eap::Code::Failure);
}
