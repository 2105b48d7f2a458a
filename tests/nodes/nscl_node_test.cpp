// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_node.h"
#include "core/protocol/http/http_client.h"
#include "tests/support/printers.h"
#include "tests/support/wait.h"

#include <QElapsedTimer>

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::nodes;
using m2mbench::test::waitUntil;

namespace {

http::Exchange send(quint16 port, const QByteArray &method, const QByteArray &target,
                    const QByteArray &body = {}, const QByteArray &extraHeader = {}) {
    http::Client client(QStringLiteral("127.0.0.1"), port);
    http::Request req;
    req.method = method;
    req.target = target;
    req.headers.add("Host", "127.0.0.1");
    if (!extraHeader.isEmpty()) {
        const auto colon = extraHeader.indexOf(':');
        req.headers.add(extraHeader.left(colon), extraHeader.mid(colon + 2));
    }
    req.body = body;
    std::optional<http::Exchange> result;
    client.send(req, 3000, [&](const http::Exchange &ex) { result = ex; });
    waitUntil([&] { return result.has_value(); }, 5000);
    return result.value_or(http::Exchange());
}

} // namespace

TEST(NsclNode, ServesTheHttpBindingOnLoopback) {
    NsclNode node;
    const quint16 port = node.listenHttp(QHostAddress::LocalHost, 0).value();

    const auto created = send(port, "POST", "/m2m/scls",
                              "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"g\"/>",
                              "Content-Type: application/xml");
    const auto dup = send(port, "POST", "/m2m/scls",
                          "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"g\"/>");
    const auto base = send(port, "GET", "/m2m");

    ASSERT_EQ(created.outcome, http::Exchange::Outcome::Ok);
    EXPECT_EQ(created.response.status, 201);
    EXPECT_EQ(created.response.headers.value("Location"), QByteArray("/m2m/scls/g"));
    EXPECT_EQ(dup.response.status, 409);
    EXPECT_TRUE(dup.response.body.contains("STATUS_CONFLICT"));
    EXPECT_EQ(base.response.status, 200);
    EXPECT_EQ(node.requestCount(), 3u);
}

TEST(NsclNode, MapsUnknownMethodsAndBadCredentials) {
    NsclNode node;
    const quint16 port = node.listenHttp(QHostAddress::LocalHost, 0).value();

    const auto patch = send(port, "PATCH", "/m2m");
    const auto badAuth = send(port, "GET", "/m2m", {}, "Authorization: Basic ###");

    EXPECT_EQ(patch.response.status, 405);
    EXPECT_EQ(badAuth.response.status, 400);
    EXPECT_TRUE(badAuth.response.body.contains("errorInfo"));
}

TEST(NsclNode, UsesTheInteropProfileForDeletedAndExpired) {
    http::BindingProfile profile;
    profile.status.expired = 500;
    NsclConfig config;
    NsclNode node(config, profile);

    const http::Response rsp =
        http::toHttpResponse(errorResponse(mid::StatusCode::Expired, QStringLiteral("x")), profile);

    EXPECT_EQ(rsp.status, 500);
}

TEST(NsclNode, ReportsAPortAlreadyInUse) {
    NsclNode first;
    const quint16 port = first.listenHttp(QHostAddress::LocalHost, 0).value();
    NsclNode second;

    const auto again = second.listenHttp(QHostAddress::LocalHost, port);

    ASSERT_FALSE(again);
    EXPECT_TRUE(again.error().message.contains(QString::number(port)));
}

TEST(NsclNode, HoldsALongPollUntilANotificationArrivesAndTimesOutAnEmptyOne) {
    NsclConfig config;
    config.longPollTimeoutMs = 1500;
    NsclNode node(config);
    const quint16 port = node.listenHttp(QHostAddress::LocalHost, 0).value();
    const QByteArray xml = "Content-Type: application/xml";
    ASSERT_EQ(send(port, "POST", "/m2m/applications",
                   "<m2m:application xmlns:m2m=\"http://uri.etsi.org/m2m\" appId=\"na\"/>", xml)
                  .response.status,
              201);
    const auto channel = send(port, "POST", "/m2m/applications/na/notificationChannels",
                              "<m2m:notificationChannel xmlns:m2m=\"http://uri.etsi.org/m2m\" "
                              "m2m:id=\"lp\"><m2m:channelType>LONG_POLLING</m2m:channelType>"
                              "</m2m:notificationChannel>",
                              xml);
    ASSERT_EQ(channel.response.status, 201) << channel.response.body.toStdString();
    const QByteArray contact =
        QStringLiteral("http://127.0.0.1:%1/m2m/applications/na/notificationChannels/lp/contactURI")
            .arg(port)
            .toUtf8();
    EXPECT_TRUE(channel.response.body.contains(contact)) << channel.response.body.toStdString();
    ASSERT_EQ(send(port, "POST", "/m2m/applications/na/containers",
                   "<m2m:container xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"c\"/>", xml)
                  .response.status,
              201);
    ASSERT_EQ(send(port, "POST", "/m2m/applications/na/containers/c/contentInstances/subscriptions",
                   "<m2m:subscription xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:contact>" +
                       contact + "</m2m:contact></m2m:subscription>",
                   xml)
                  .response.status,
              201);

    // A poll waits; a second request pipelined on the same connection waits behind it; the
    // content instance another client creates wakes the poll, then the second is answered.
    http::Client poller(QStringLiteral("127.0.0.1"), port);
    http::Request poll;
    poll.method = "GET";
    poll.target = "/m2m/applications/na/notificationChannels/lp/longPollingURI";
    poll.headers.add("Host", "127.0.0.1");
    std::optional<http::Exchange> polled;
    std::optional<http::Exchange> behind;
    poller.send(poll, 5000, [&](const http::Exchange &ex) { polled = ex; });
    http::Request base = poll;
    base.target = "/m2m";
    poller.send(base, 5000, [&](const http::Exchange &ex) { behind = ex; });
    waitUntil([&] { return node.heldPolls() == 1; }, 2000);
    ASSERT_EQ(node.heldPolls(), 1);
    EXPECT_FALSE(polled.has_value());
    ASSERT_EQ(send(port, "POST", "/m2m/applications/na/containers/c/contentInstances", "21.5",
                   "Content-Type: text/plain")
                  .response.status,
              201);
    waitUntil([&] { return polled.has_value() && behind.has_value(); }, 3000);
    ASSERT_TRUE(polled.has_value());
    EXPECT_EQ(polled->response.status, 200);
    EXPECT_TRUE(polled->response.body.contains("notify")) << polled->response.body.toStdString();
    ASSERT_TRUE(behind.has_value());
    EXPECT_EQ(behind->response.status, 200);
    EXPECT_EQ(node.heldPolls(), 0);

    // Nothing waits: the poll is held for the configured time, then STATUS_REQUEST_TIMEOUT.
    QElapsedTimer t;
    t.start();
    std::optional<http::Exchange> empty;
    poller.send(poll, 5000, [&](const http::Exchange &ex) { empty = ex; });
    waitUntil([&] { return empty.has_value(); }, 4000);
    ASSERT_TRUE(empty.has_value());
    EXPECT_EQ(empty->response.status, 408);
    EXPECT_GE(t.elapsed(), 1400);
    EXPECT_TRUE(empty->response.body.contains("STATUS_REQUEST_TIMEOUT"));
}
