// SPDX-License-Identifier: Apache-2.0
// The HTTP client and server over loopback, with each other and with misbehaving peers.
#include "core/protocol/http/http_client.h"
#include "core/protocol/http/http_server.h"
#include "tests/support/fake_sut.h"
#include "tests/support/printers.h"
#include "tests/support/wait.h"

#include <gtest/gtest.h>

#include <QSet>
#include <QTcpSocket>

#include <optional>

using namespace m2mbench;
using namespace m2mbench::http;
using m2mbench::test::FakeSut;
using m2mbench::test::waitUntil;

namespace {

Request get(const QByteArray &target) {
    Request r;
    r.method = "GET";
    r.target = target;
    r.headers.add("Host", "127.0.0.1");
    return r;
}

std::optional<Exchange> exchangeWith(quint16 port, const Request &req, int timeoutMs,
                                     Limits limits = {}) {
    Client client(QStringLiteral("127.0.0.1"), port, limits);
    std::optional<Exchange> result;
    client.send(req, timeoutMs, [&result](const Exchange &ex) { result = ex; });
    waitUntil([&] { return result.has_value(); }, timeoutMs + 3000);
    return result;
}

} // namespace

TEST(HttpTransport, KeepsOneConnectionAliveForSuccessiveRequests) {
    QSet<quint16> peerPorts;
    Server server([&peerPorts](const Request &req, const PeerInfo &peer) {
        peerPorts.insert(peer.port);
        Response r;
        r.body = req.target;
        return r;
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0).value();
    Client client(QStringLiteral("127.0.0.1"), port);
    QList<QByteArray> bodies;

    for (int i = 0; i < 3; ++i) {
        client.send(get("/r" + QByteArray::number(i)), 2000,
                    [&bodies](const Exchange &ex) { bodies.append(ex.response.body); });
    }
    ASSERT_TRUE(waitUntil([&] { return bodies.size() == 3; }));

    EXPECT_EQ(bodies, QList<QByteArray>({"/r0", "/r1", "/r2"}));
    EXPECT_EQ(peerPorts.size(), 1);
}

TEST(HttpTransport, ServerAnswersGarbageWith400AndCloses) {
    Server server([](const Request &, const PeerInfo &) { return Response(); });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0).value();
    QTcpSocket raw;
    raw.connectToHost(QStringLiteral("127.0.0.1"), port);
    ASSERT_TRUE(waitUntil([&] { return raw.state() == QAbstractSocket::ConnectedState; }));
    QByteArray answer;
    QObject::connect(&raw, &QTcpSocket::readyRead, [&] { answer += raw.readAll(); });

    raw.write("\x01\x02 not http\r\n\r\n");

    ASSERT_TRUE(waitUntil([&] { return raw.state() == QAbstractSocket::UnconnectedState; }));
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 400 ")) << answer.constData();
}

TEST(HttpTransport, ServerRefusesAnOversizedBodyWith413) {
    Server::Options options;
    options.limits.maxBody = 1000;
    Server server([](const Request &, const PeerInfo &) { return Response(); }, options);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0).value();
    Request req = get("/m2m");
    req.method = "POST";
    req.body = QByteArray(5000, 'x');

    const auto ex = exchangeWith(port, req, 2000);

    ASSERT_TRUE(ex);
    ASSERT_EQ(ex->outcome, Exchange::Outcome::Ok) << ex->detail.toStdString();
    EXPECT_EQ(ex->response.status, 413);
}

TEST(HttpTransport, ClientReportsRefusedConnections) {
    const auto ex = exchangeWith(FakeSut::refusingPort(), get("/m2m"), 2000);

    ASSERT_TRUE(ex);
    EXPECT_EQ(ex->outcome, Exchange::Outcome::Refused);
    EXPECT_TRUE(ex->detail.contains(QLatin1String("cannot connect"))) << ex->detail.toStdString();
}

TEST(HttpTransport, ClientTimesOutOnASilentPeer) {
    FakeSut sut(FakeSut::Behaviour::Silent);

    const auto ex = exchangeWith(sut.port(), get("/m2m"), 300);

    ASSERT_TRUE(ex);
    EXPECT_EQ(ex->outcome, Exchange::Outcome::Timeout);
    EXPECT_GE(ex->elapsedNs, 280'000'000);
    EXPECT_LT(ex->elapsedNs, 2'000'000'000);
}

TEST(HttpTransport, ClientReportsGarbageAsMalformed) {
    FakeSut sut(FakeSut::Behaviour::Garbage);

    const auto ex = exchangeWith(sut.port(), get("/m2m"), 2000);

    ASSERT_TRUE(ex);
    EXPECT_EQ(ex->outcome, Exchange::Outcome::Malformed);
    EXPECT_FALSE(ex->rawResponse.isEmpty()); // the garbage is kept as evidence
}

TEST(HttpTransport, ClientReportsAPeerThatCloses) {
    FakeSut closing(FakeSut::Behaviour::CloseAtOnce);
    FakeSut half(FakeSut::Behaviour::HalfResponse);

    const auto none = exchangeWith(closing.port(), get("/m2m"), 2000);
    const auto partial = exchangeWith(half.port(), get("/m2m"), 2000);

    ASSERT_TRUE(none && partial);
    EXPECT_EQ(none->outcome, Exchange::Outcome::Closed);
    EXPECT_EQ(partial->outcome, Exchange::Outcome::Closed);
    EXPECT_TRUE(partial->detail.contains(QLatin1String("mid-response")))
        << partial->detail.toStdString();
}

TEST(HttpTransport, ClientRefusesAHugeBodyWithoutReadingIt) {
    FakeSut sut(FakeSut::Behaviour::Huge);
    Limits limits;
    limits.maxBody = 1024 * 1024;

    const auto ex = exchangeWith(sut.port(), get("/m2m"), 5000, limits);

    ASSERT_TRUE(ex);
    EXPECT_EQ(ex->outcome, Exchange::Outcome::TooLarge);
    EXPECT_LT(ex->rawResponse.size(), 2 * 1024 * 1024);
    EXPECT_LT(sut.bytesStreamed(), 50LL * 1024 * 1024);
}

TEST(HttpTransport, ServerAnswersThousandsOfPipelinedRequestsInOrder) {
    Server server([](const Request &req, const PeerInfo &) {
        Response r;
        r.body = req.target;
        return r;
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0).value();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(waitUntil([&] { return socket.state() == QAbstractSocket::ConnectedState; }));
    constexpr int kCount = 5000; // one write: the server must loop, not recurse, through them
    QByteArray burst;
    for (int i = 0; i < kCount; ++i) {
        burst += "GET /" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }
    socket.write(burst);
    QByteArray received;
    waitUntil(
        [&] {
            received += socket.readAll();
            return received.count("HTTP/1.1 200") == kCount;
        },
        20000);
    EXPECT_EQ(received.count("HTTP/1.1 200"), kCount);
    EXPECT_LT(received.indexOf("\r\n\r\n/0"), received.indexOf("\r\n\r\n/1"));
    EXPECT_TRUE(received.endsWith("/" + QByteArray::number(kCount - 1)));
}

TEST(HttpTransport, ServerKeepsPipelinedAnswersInOrderBehindAHeldOne) {
    Server::Reply held;
    Server server(
        Server::AsyncHandler([&held](const Request &req, const PeerInfo &, Server::Reply reply) {
            if (req.target == "/hold") {
                held = std::move(reply); // answered later, from outside the handler
                return;
            }
            Response r;
            r.body = req.target;
            reply(std::move(r));
        }),
        Server::Options(), nullptr);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0).value();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    ASSERT_TRUE(waitUntil([&] { return socket.state() == QAbstractSocket::ConnectedState; }));
    socket.write("GET /hold HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(waitUntil([&] { return static_cast<bool>(held); }));
    QByteArray received;
    waitUntil(
        [&] {
            received += socket.readAll();
            return false;
        },
        300);
    EXPECT_TRUE(received.isEmpty()) << "nothing may be answered before the held request";
    Response late;
    late.body = "/hold";
    held(late);
    held(late); // a second answer to the same request is ignored
    waitUntil(
        [&] {
            received += socket.readAll();
            return received.count("HTTP/1.1 200") == 2;
        },
        3000);
    EXPECT_EQ(received.count("HTTP/1.1 200"), 2);
    EXPECT_LT(received.indexOf("/hold"), received.indexOf("/after"));
}
