// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_node.h"
#include "core/protocol/http/http_client.h"
#include "tests/support/printers.h"
#include "tests/support/wait.h"

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
