// SPDX-License-Identifier: Apache-2.0
// EAP and EAP-TLS framing against malformed and hostile input, and the state machines' rules:
// duplicates, identifiers, forged Success.
#include "core/protocol/eap/eap_peer.h"
#include "core/protocol/eap/eap_server.h"
#include "core/protocol/eap/eap_tls.h"
#include "core/protocol/eap/wire.h"
#include "tests/protocol/boot_pki.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::eap;

namespace {

/// A peer method that needs one round and then allows Success.
class OneRound final : public PeerMethod {
public:
    quint8 type() const override { return 99; }
    QString name() const override { return QStringLiteral("one-round"); }
    PeerStep process(const QByteArray &) override {
        ++rounds;
        m_done = true;
        return {QByteArray("ok"), QStringLiteral("answered")};
    }
    bool isDone() const override { return m_done; }
    bool allowsSuccess() const override { return m_done; }
    bool failed() const override { return false; }
    QString failureReason() const override { return {}; }
    bool isKeyAvailable() const override { return false; }
    SecureBytes getKey() const override { return {}; }
    SecureBytes getEmsk() const override { return {}; }
    int rounds = 0;

private:
    bool m_done = false;
};

} // namespace

TEST(EapCodec, RejectsTruncatedAndInconsistentPackets) {
    const QByteArray good = Packet::request(5, Type::Identity).encode();

    EXPECT_FALSE(parsePacket(QByteArray()));
    EXPECT_FALSE(parsePacket(good.left(3)));
    QByteArray longer = good;
    wire::setU16(longer, 2, 200);
    EXPECT_FALSE(parsePacket(longer));
    QByteArray tiny = good;
    wire::setU16(tiny, 2, 3);
    EXPECT_FALSE(parsePacket(tiny));
    QByteArray badCode = good;
    badCode[0] = 9;
    EXPECT_FALSE(parsePacket(badCode));
    QByteArray noType = QByteArray::fromHex("01050004");
    EXPECT_FALSE(parsePacket(noType));
    auto padded = parsePacket(good + QByteArray(10, 'x'));
    ASSERT_TRUE(padded) << "octets beyond Length are lower-layer padding";
    EXPECT_TRUE(padded->typeData.isEmpty());
}

TEST(EapTlsFraming, ReassemblyIsBoundedAndConsistent) {
    TlsFrame first;
    first.flags = TlsFlag::More;
    first.messageLength = 100;
    first.data = QByteArray(60, 'a');
    TlsFrame rest;
    rest.data = QByteArray(40, 'b');

    TlsReassembler ok(1000);
    EXPECT_EQ(*ok.add(first), TlsReassembler::State::Partial);
    EXPECT_EQ(*ok.add(rest), TlsReassembler::State::Complete);
    EXPECT_EQ(ok.take().size(), 100);

    TlsReassembler small(50);
    EXPECT_FALSE(small.add(first)) << "an announced length over the bound";
    TlsReassembler overflow(1000);
    ASSERT_TRUE(overflow.add(first));
    rest.data = QByteArray(41, 'b');
    EXPECT_FALSE(overflow.add(rest)) << "more than announced";
    TlsReassembler shortLast(1000);
    ASSERT_TRUE(shortLast.add(first));
    rest.data = QByteArray(10, 'b');
    EXPECT_FALSE(shortLast.add(rest)) << "the last fragment ends early";
    TlsFrame emptyMore;
    emptyMore.flags = TlsFlag::More;
    TlsReassembler empty(1000);
    EXPECT_FALSE(empty.add(emptyMore));
    TlsFrame unannounced;
    unannounced.flags = TlsFlag::More;
    unannounced.data = QByteArray(600, 'x');
    TlsReassembler noLength(1000);
    ASSERT_TRUE(noLength.add(unannounced));
    EXPECT_FALSE(noLength.add(unannounced)) << "without L the bound still holds";
    EXPECT_FALSE(parseTlsFrame(QByteArray::fromHex("80aabb"))) << "L set but no 4-octet length";
}

TEST(EapTlsFraming, FragmenterSetsLOnTheFirstFragmentOnly) {
    TlsFragmenter f(QByteArray(2500, 'x'), 1000);

    const TlsFrame a = f.next();
    const TlsFrame b = f.next();
    const TlsFrame c = f.next();

    EXPECT_EQ(a.messageLength, 2500u);
    EXPECT_TRUE(a.more());
    EXPECT_FALSE(b.messageLength.has_value());
    EXPECT_TRUE(b.more());
    EXPECT_FALSE(c.more());
    EXPECT_EQ(c.data.size(), 500);
    EXPECT_FALSE(f.hasMore());
}

TEST(EapPeer, ARetransmittedRequestGetsTheSameResponseWithoutProcessing) {
    OneRound *method = nullptr;
    EapPeer peer(QStringLiteral("me"), {99}, [&](quint8) {
        auto m = std::make_unique<OneRound>();
        method = m.get();
        return m;
    });
    const QByteArray request = Packet::request(7, 99, "go").encode();

    const auto first = peer.receive(request);
    const auto again = peer.receive(request);

    ASSERT_TRUE(first.response && again.response);
    EXPECT_EQ(*first.response, *again.response);
    EXPECT_EQ(method->rounds, 1);
}

TEST(EapPeer, AForgedSuccessBeforeTheMethodFinishedIsIgnored) {
    EapPeer peer(QStringLiteral("me"), {Type::Tls}, [](quint8) { return nullptr; });
    peer.receive(Packet::request(1, Type::Identity).encode());

    const auto out = peer.receive(Packet::success(1).encode());

    EXPECT_TRUE(out.ignored);
    EXPECT_EQ(peer.status(), EapPeer::Status::Running);
    EXPECT_TRUE(out.note.contains(QLatin1String("no method has run")));
}

TEST(EapPeer, AnUnsupportedMethodIsNakedWithTheDesiredOnes) {
    EapPeer peer(QStringLiteral("me"), {Type::Tls}, [](quint8) { return nullptr; });

    const auto out = peer.receive(Packet::request(2, Type::Md5Challenge, "x").encode());

    ASSERT_TRUE(out.response);
    auto nak = parsePacket(*out.response);
    ASSERT_TRUE(nak);
    EXPECT_EQ(nak->type, Type::Nak);
    EXPECT_EQ(nak->typeData, QByteArray(1, static_cast<char>(Type::Tls)));
}

TEST(EapServer, IgnoresResponsesWithTheWrongIdentifierOrCode) {
    EapServer server(
        [](const QString &) -> Result<std::unique_ptr<ServerMethod>> {
            return fail(Error::Kind::Config, QStringLiteral("nobody"));
        },
        10);
    server.start();

    EXPECT_TRUE(server.receive(Packet::response(11, Type::Identity, "x").encode()).ignored);
    EXPECT_TRUE(server.receive(Packet::request(10, Type::Identity).encode()).ignored);
    EXPECT_TRUE(server.receive(QByteArray("junk")).ignored);
    const auto out = server.receive(Packet::response(10, Type::Identity, "x").encode());
    EXPECT_FALSE(out.ignored);
    EXPECT_EQ(server.status(), EapServer::Status::Failure);
    EXPECT_EQ(parsePacket(out.packet)->code, Code::Failure);
    EXPECT_EQ(parsePacket(out.packet)->identifier, 10)
        << "Failure carries the Response's Identifier";
}

TEST(EapTlsServer, DataInsteadOfAFragmentAckFailsTheMethod) {
    eap::TlsConfig c;
    c.role = TlsRole::Server;
    c.caPem = test::BootPki::get().ca.certificatePem;
    c.credential = test::BootPki::get().msbf;
    EapTlsServer server(*TlsContext::create(c), EapTlsOptions{64});
    server.buildRequest(); // Start
    eap::TlsConfig peerConfig;
    peerConfig.caPem = test::BootPki::get().ca.certificatePem;
    peerConfig.credential = test::BootPki::get().device;
    EapTlsPeer peer(*TlsContext::create(peerConfig), EapTlsOptions{1024});
    TlsFrame start;
    start.flags = TlsFlag::Start;
    const auto hello = peer.process(start.encode());
    ASSERT_TRUE(hello.response);
    server.process(*hello.response); // the server answers with a fragmented flight
    server.buildRequest();

    server.process(hello.response.value()); // data where an ACK belongs

    EXPECT_TRUE(server.isDone());
    EXPECT_FALSE(server.isSuccess());
    EXPECT_TRUE(server.failureReason().contains(QLatin1String("expected an ACK")));
}
