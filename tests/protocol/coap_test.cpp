// SPDX-License-Identifier: Apache-2.0
// The CoAP codec, the mId binding and libcoap in the Qt loop: plain and DTLS-PSK exchanges,
// block-wise both ways, the status mapping with 4.09, and peers that misbehave (unknown critical
// options, a Block2 transfer that never ends, a flood of garbage datagrams, a wrong key).
#include "core/protocol/coap/coap_binding.h"
#include "core/protocol/coap/coap_client.h"
#include "core/protocol/coap/coap_describe.h"
#include "core/protocol/coap/coap_message.h"
#include "core/protocol/coap/coap_server.h"
#include "core/trace/key_log.h"
#include "core/trace/trace.h"
#include "tests/support/printers.h"
#include "tests/support/wait.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QUdpSocket>

using namespace m2mbench;
using namespace m2mbench::coap;
using m2mbench::test::waitUntil;
using Outcome = http::Exchange::Outcome;

namespace {

const QByteArray kIdentity = "00112233445566778899aabbccddeeff:1";

SecureBytes key(char fill) {
    return SecureBytes::fromByteArray(QByteArray(32, fill));
}

/// An echo-like handler: GET answers a body of `size` octets, POST answers what it got.
Server::Handler handler(int size = 100) {
    return [size](const Message &req, const PeerInfo &) {
        Message rsp;
        rsp.code = req.code == kGet ? code(2, 5) : code(2, 1);
        rsp.addUintOption(option::kContentFormat, kFormatApplicationXml);
        rsp.payload = req.code == kGet ? QByteArray(size, 'x') : req.payload;
        return rsp;
    };
}

std::optional<Exchange> roundTrip(Client &client, const Message &request, int timeoutMs = 5000) {
    std::optional<Exchange> result;
    client.send(request, timeoutMs, [&](const Exchange &ex) { result = ex; });
    waitUntil([&] { return result.has_value(); }, timeoutMs + 3000);
    return result;
}

Message get(const QString &path) {
    Message m;
    m.code = kGet;
    m.setUriPath(path);
    return m;
}

ServerPsk psk(trace::Trace *trace = nullptr) {
    ServerPsk p;
    p.resolve = [](const QByteArray &identity) {
        return identity == kIdentity ? tls::PskLookup{key('k'), {}}
                                     : tls::PskLookup{{}, QStringLiteral("unknown node")};
    };
    p.keyLogTrace = trace;
    p.lifeline = QStringLiteral("NSCL");
    return p;
}

} // namespace

TEST(CoapMessage, EncodesAndDecodesEveryPart) {
    Message m;
    m.type = Type::Confirmable;
    m.code = kPost;
    m.messageId = 0x1234;
    m.token = "\x01\x02\x03";
    m.setUriPath(QStringLiteral("/m2m/scls"));
    m.addOption(option::kUriQuery, "RequestingEntity=gscl-01");
    m.addUintOption(option::kContentFormat, kFormatApplicationXml);
    m.addOption(2049, QByteArray(300, 'z')); // extended delta and length
    m.payload = "<m2m:scl/>";

    const auto decoded = Message::decode(m.encode());

    ASSERT_TRUE(decoded) << decoded.error().message.toStdString();
    EXPECT_EQ(*decoded, m);
    EXPECT_EQ(decoded->uriPath(), QStringLiteral("/m2m/scls"));
}

TEST(CoapMessage, RefusesMalformedDatagramsWithAnOffset) {
    EXPECT_FALSE(Message::decode("\x40"));
    EXPECT_FALSE(Message::decode(QByteArray("\x80\x01\x00\x01", 4)));         // version 2
    EXPECT_FALSE(Message::decode(QByteArray("\x49\x01\x00\x01", 4)));         // TKL 9
    EXPECT_FALSE(Message::decode(QByteArray("\x40\x01\x00\x01\xff", 5)));     // marker, no payload
    EXPECT_FALSE(Message::decode(QByteArray("\x40\x01\x00\x01\xf1\x00", 6))); // delta 15
    const auto truncated = Message::decode(QByteArray("\x40\x01\x00\x01\xb5\x61", 6));
    ASSERT_FALSE(truncated);
    EXPECT_TRUE(truncated.error().message.contains(QLatin1String("offset 4")));
}

TEST(CoapMessage, BlockOptionsRoundTrip) {
    const Block b{1000, true, 6};

    const auto back = Block::decode(b.encode());

    ASSERT_TRUE(back);
    EXPECT_EQ(back->num, 1000u);
    EXPECT_TRUE(back->more);
    EXPECT_EQ(back->size(), 1024);
    EXPECT_FALSE(Block::decode(QByteArray("\x07", 1))); // szx 7
}

TEST(CoapDescribe, TextFormRoundTripsForTheDebugger) {
    mid::Request r;
    r.method = mid::Method::Create;
    r.target = QStringLiteral("/m2m/scls");
    r.requestingEntity = QStringLiteral("gscl-01");
    r.body = "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"gscl-01\"/>";
    const Message m = toCoapRequest(r);

    const auto back = requestFromText(requestToText(m));

    ASSERT_TRUE(back) << back.error().message.toStdString();
    EXPECT_EQ(back->options, m.options);
    EXPECT_EQ(back->payload, m.payload);
    EXPECT_TRUE(
        summarize(m).startsWith(QLatin1String("CON POST /m2m/scls?RequestingEntity=gscl-01")));
}

TEST(CoapBinding, CarriesRequestingEntityInUriQueryAndMapsStatuses) {
    mid::Request r;
    r.method = mid::Method::Retrieve;
    r.target = QStringLiteral("/m2m");
    r.requestingEntity = QStringLiteral("gscl-01");

    const auto back = fromCoapRequest(toCoapRequest(r));

    ASSERT_TRUE(back);
    EXPECT_EQ(back->requestingEntity, QStringLiteral("gscl-01"));
    EXPECT_TRUE(back->query.isEmpty());
    EXPECT_EQ(coapCodeFor(mid::StatusCode::Ok, mid::Method::Retrieve), code(2, 5));
    EXPECT_EQ(coapCodeFor(mid::StatusCode::Ok, mid::Method::Update), code(2, 4));
    EXPECT_EQ(coapCodeFor(mid::StatusCode::Ok, mid::Method::Delete), code(2, 2));
    EXPECT_EQ(coapCodeFor(mid::StatusCode::Conflict, mid::Method::Create), code(4, 9));
    EXPECT_EQ(statusFromCoap(code(4, 9)), mid::StatusCode::Conflict);
    EXPECT_FALSE(statusFromCoap(code(4, 2)).has_value());
}

TEST(CoapBinding, ContentFormatsFollowTheRegistry) {
    // RFC 7252 clause 12.3: text/plain;charset=utf-8 is 0, application/xml 41, octet-stream 42,
    // application/json 50. A media type with no Content-Format travels as octet-stream.
    const QList<std::pair<QString, quint32>> cases = {
        {QStringLiteral("text/plain"), 0},
        {QStringLiteral("text/plain; charset=utf-8"), 0},
        {QStringLiteral("application/xml"), 41},
        {QString(), 41},
        {QStringLiteral("application/vnd.etsi.m2m+xml"), 41},
        {QStringLiteral("application/json"), 50},
        {QStringLiteral("application/cbor"), 60},
        {QStringLiteral("image/x-unknown"), 42},
    };
    for (const auto &[type, format] : cases) {
        mid::Request r;
        r.method = mid::Method::Create;
        r.target = QStringLiteral("/m2m/containers/c/contentInstances");
        r.body = "21.5";
        r.contentType = type;
        const Message m = toCoapRequest(r);
        EXPECT_EQ(m.uintOption(option::kContentFormat), format) << type.toStdString();
        mid::Response rsp;
        rsp.status = mid::StatusCode::Ok;
        rsp.body = "21.5";
        rsp.contentType = type;
        EXPECT_EQ(toCoapResponse(rsp, mid::Method::Retrieve).uintOption(option::kContentFormat),
                  format)
            << type.toStdString();
    }
    Message m;
    m.code = code(2, 5);
    m.payload = "{}";
    m.addUintOption(option::kContentFormat, 50);
    EXPECT_EQ(fromCoapResponse(m).primitive.contentType, QStringLiteral("application/json"));
    Message text;
    text.code = code(2, 5);
    text.payload = "x";
    text.addUintOption(option::kContentFormat, 0);
    EXPECT_EQ(fromCoapResponse(text).primitive.contentType,
              QStringLiteral("text/plain;charset=utf-8"));
    Message odd;
    odd.code = code(2, 5);
    odd.payload = "x";
    odd.addUintOption(option::kContentFormat, 11542);
    EXPECT_EQ(fromCoapResponse(odd).primitive.contentType, QStringLiteral("coap/11542"));
}

TEST(CoapBinding, ExpiredAndDeletedFollowTheInteropSetting) {
    mid::HttpStatusProfile http;
    http.expired = 500;
    const BindingProfile profile{StatusProfile::fromHttp(http)};
    mid::Response rsp;
    rsp.status = mid::StatusCode::Expired;
    rsp.body = "<m2m:errorInfo xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:statusCode>"
               "STATUS_EXPIRED</m2m:statusCode></m2m:errorInfo>";

    const Message m = toCoapResponse(rsp, mid::Method::Retrieve, profile);
    const auto decoded = fromCoapResponse(m, profile);

    EXPECT_EQ(m.code, code(5, 0));
    EXPECT_EQ(decoded.status, mid::StatusCode::Expired);
}

TEST(CoapTransport, PlainExchangeWithBlock2AndBlock1) {
    Server server(handler(5000));
    const auto port = server.listen(QHostAddress::LocalHost, 0);
    ASSERT_TRUE(port) << port.error().message.toStdString();
    Client client(QStringLiteral("127.0.0.1"), *port);
    int datagrams = 0;
    QObject::connect(&client, &Client::datagram, [&](bool, const Message &) { ++datagrams; });

    const auto big = roundTrip(client, get(QStringLiteral("/m2m")));
    Message post;
    post.code = kPost;
    post.setUriPath(QStringLiteral("/m2m/scls"));
    post.payload = QByteArray(3000, 'p');
    const auto up = roundTrip(client, post);

    ASSERT_TRUE(big && up);
    EXPECT_EQ(big->outcome, Outcome::Ok) << big->detail.toStdString();
    EXPECT_EQ(big->response.payload.size(), 5000);
    EXPECT_EQ(big->blocksReceived, 5);
    EXPECT_EQ(up->outcome, Outcome::Ok) << up->detail.toStdString();
    EXPECT_EQ(up->response.code, code(2, 1));
    EXPECT_EQ(up->blocksSent, 5); // 3 Block1 blocks up, then 2 requests for Block2 blocks down
    EXPECT_EQ(up->response.payload.size(), 3000); // echoed, served in Block2 blocks
    EXPECT_GT(datagrams, 10);
}

TEST(CoapTransport, DtlsPskExchangeLogsTheSecretAndTheCipher) {
    trace::Trace trace;
    trace::KeyLogWriter log(QString(), false);
    trace.addObserver(&log);
    Server server(handler());
    ASSERT_TRUE(server.setPsk(psk(&trace)));
    const auto port = server.listenSecure(QHostAddress::LocalHost, 0);
    ASSERT_TRUE(port);
    ClientSecurity security{true, kIdentity, key('k'), &trace, QStringLiteral("D/GSCL")};
    Client client(QStringLiteral("127.0.0.1"), *port, security);

    const auto ex = roundTrip(client, get(QStringLiteral("/m2m")));

    ASSERT_TRUE(ex);
    EXPECT_EQ(ex->outcome, Outcome::Ok) << ex->detail.toStdString();
    EXPECT_EQ(client.cipher(), QStringLiteral("PSK-AES128-CCM8"));
    EXPECT_EQ(log.lineCount(), 2); // client and server each report the same session
    trace.removeObserver(&log);
}

TEST(CoapTransport, DtlsWithAWrongKeyFailsWithAReason) {
    Server server(handler());
    ASSERT_TRUE(server.setPsk(psk()));
    const auto port = server.listenSecure(QHostAddress::LocalHost, 0);
    ASSERT_TRUE(port);
    QStringList events;
    QObject::connect(&server, &Server::securityEvent, [&](const QString &l) { events.append(l); });
    ClientSecurity security{true, "00112233445566778899aabbccddeeff:9", key('k'), nullptr, {}};
    ClientLimits limits;
    limits.ackTimeoutMs = coap::kMinAckTimeoutMs;
    limits.maxRetransmit = 1;
    Client client(QStringLiteral("127.0.0.1"), *port, security, limits);

    const auto ex = roundTrip(client, get(QStringLiteral("/m2m")), 4000);

    ASSERT_TRUE(ex);
    EXPECT_NE(ex->outcome, Outcome::Ok);
    EXPECT_TRUE(events.join(u'\n').contains(QLatin1String("unknown node")))
        << events.join(u'\n').toStdString();
}

TEST(CoapTransport, UnknownCriticalOptionIsAnswered402AndTheServerGoesOn) {
    Server server(handler());
    const auto port = server.listen(QHostAddress::LocalHost, 0);
    ASSERT_TRUE(port);
    QUdpSocket raw;
    Message bad = get(QStringLiteral("/m2m"));
    bad.messageId = 7;
    bad.token = "t";
    bad.addOption(2049, "x"); // critical (odd), unknown

    raw.writeDatagram(bad.encode(), QHostAddress::LocalHost, *port);
    ASSERT_TRUE(waitUntil([&] { return raw.hasPendingDatagrams(); }, 3000));
    QByteArray answer(raw.pendingDatagramSize(), '\0');
    raw.readDatagram(answer.data(), answer.size());
    const auto reply = Message::decode(answer);
    Client client(QStringLiteral("127.0.0.1"), *port);
    const auto after = roundTrip(client, get(QStringLiteral("/m2m")));

    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->code, code(4, 2));
    ASSERT_TRUE(after);
    EXPECT_EQ(after->outcome, Outcome::Ok);
}

TEST(CoapTransport, ABlock1TransferThatNeverEndsIsRefusedAtTheLimit) {
    ServerLimits limits;
    limits.blocks.maxBody = 8 * 1024;
    Server server(handler(), limits);
    const auto port = server.listen(QHostAddress::LocalHost, 0);
    ASSERT_TRUE(port);
    Client client(QStringLiteral("127.0.0.1"), *port);
    Message post;
    post.code = kPost;
    post.setUriPath(QStringLiteral("/m2m/scls"));
    post.payload = QByteArray(20 * 1024, 'p');

    const auto ex = roundTrip(client, post);

    ASSERT_TRUE(ex);
    EXPECT_EQ(ex->outcome, Outcome::Ok);
    EXPECT_EQ(ex->response.code, code(4, 13));
    EXPECT_EQ(ex->response.uintOption(option::kSize1), 8u * 1024);
    EXPECT_EQ(server.blockTransfers(), 0);
}

TEST(CoapTransport, ABlock2TransferThatNeverEndsGivesTooLarge) {
    // A peer that answers every block with "more to come".
    QUdpSocket peer;
    ASSERT_TRUE(peer.bind(QHostAddress::LocalHost, 0));
    QObject::connect(&peer, &QUdpSocket::readyRead, [&] {
        while (peer.hasPendingDatagrams()) {
            QByteArray d(peer.pendingDatagramSize(), '\0');
            QHostAddress from;
            quint16 fromPort = 0;
            peer.readDatagram(d.data(), d.size(), &from, &fromPort);
            const auto req = Message::decode(d);
            if (!req) {
                continue;
            }
            Message rsp;
            rsp.type = Type::Acknowledgement;
            rsp.code = code(2, 5);
            rsp.messageId = req->messageId;
            rsp.token = req->token;
            const auto b = req->block(option::kBlock2);
            rsp.setBlock(option::kBlock2, Block{b ? b->num : 0, true, 6});
            rsp.payload = QByteArray(1024, 'e');
            peer.writeDatagram(rsp.encode(), from, fromPort);
        }
    });
    ClientLimits limits;
    limits.maxBody = 64 * 1024;
    Client client(QStringLiteral("127.0.0.1"), peer.localPort(), {}, limits);

    const auto ex = roundTrip(client, get(QStringLiteral("/m2m")));

    ASSERT_TRUE(ex);
    EXPECT_EQ(ex->outcome, Outcome::TooLarge);
    EXPECT_TRUE(ex->detail.contains(QLatin1String("without ending"))) << ex->detail.toStdString();
}

TEST(CoapTransport, AGarbageFloodOnTheDtlsPortLeavesTheServerServing) {
    Server server(handler());
    ASSERT_TRUE(server.setPsk(psk()));
    const auto port = server.listenSecure(QHostAddress::LocalHost, 0);
    ASSERT_TRUE(port);
    std::vector<std::unique_ptr<QUdpSocket>> senders;
    for (int s = 0; s < 8; ++s) {
        senders.push_back(std::make_unique<QUdpSocket>());
        for (int i = 0; i < 500; ++i) {
            QByteArray junk(1 + (i * 37) % 1200, static_cast<char>(i));
            if (i % 3 == 0) {
                junk.replace(0, 3, QByteArray("\x16\xfe\xfd", 3)); // looks like DTLS handshake
            }
            senders.back()->writeDatagram(junk, QHostAddress::LocalHost, *port);
        }
        waitUntil([] { return false; }, 20);
    }
    waitUntil([] { return false; }, 300);
    ClientSecurity security{true, kIdentity, key('k'), nullptr, {}};
    Client client(QStringLiteral("127.0.0.1"), *port, security);

    const auto ex = roundTrip(client, get(QStringLiteral("/m2m")));

    ASSERT_TRUE(ex);
    EXPECT_EQ(ex->outcome, Outcome::Ok) << ex->detail.toStdString();
}

TEST(CoapTransport, AConfirmableRequestIsRetransmittedWhenItsFirstCopyIsLost) {
    // A peer of our own on a raw socket: it "loses" the first copy of the CON, then answers the
    // retransmission with a piggybacked 2.05 (RFC 7252 sections 4.2 and 5.2.1).
    QUdpSocket peer;
    ASSERT_TRUE(peer.bind(QHostAddress::LocalHost, 0));
    QList<Message> seen;
    QList<qint64> seenAtMs;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&peer, &QUdpSocket::readyRead, [&] {
        while (peer.hasPendingDatagrams()) {
            const QNetworkDatagram d = peer.receiveDatagram(2048);
            auto m = Message::decode(d.data());
            if (!m || !m->isRequest()) {
                continue;
            }
            seen.append(*m);
            seenAtMs.append(clock.elapsed());
            if (seen.size() < 2) {
                continue; // lost
            }
            Message ack;
            ack.type = Type::Acknowledgement;
            ack.code = code(2, 5);
            ack.messageId = m->messageId;
            ack.token = m->token;
            ack.addUintOption(option::kContentFormat, kFormatApplicationXml);
            ack.payload = "<late/>";
            peer.writeDatagram(ack.encode(), d.senderAddress(),
                               static_cast<quint16>(d.senderPort()));
        }
    });
    ClientLimits limits;
    limits.ackTimeoutMs = 1000; // the shortest libcoap takes (its default is 2 s)
    limits.maxRetransmit = 3;
    Client client(QStringLiteral("127.0.0.1"), peer.localPort(), {}, limits);

    const auto ex = roundTrip(client, get(QStringLiteral("/m2m")), 5000);

    ASSERT_TRUE(ex);
    EXPECT_EQ(ex->outcome, Outcome::Ok) << ex->detail.toStdString();
    EXPECT_EQ(ex->response.payload, QByteArray("<late/>"));
    ASSERT_EQ(seen.size(), 2);
    EXPECT_EQ(seen[0].type, Type::Confirmable);
    EXPECT_EQ(seen[1].messageId, seen[0].messageId) << "a retransmission keeps its Message ID";
    EXPECT_EQ(seen[1].token, seen[0].token);
    // ACK_TIMEOUT 1 s with ACK_RANDOM_FACTOR 1.5: the copy comes after 1 to 1.5 s, never after
    // the 2 to 3 s of libcoap's default (a little scheduling slack allowed).
    const qint64 gap = seenAtMs[1] - seenAtMs[0];
    EXPECT_GE(gap, 950) << gap;
    EXPECT_LE(gap, 1900) << gap;
}
