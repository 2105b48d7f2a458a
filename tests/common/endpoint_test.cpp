// SPDX-License-Identifier: Apache-2.0
#include "core/common/endpoint.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench;

TEST(Endpoint, ParsesHostAndPort) {
    const auto ep = Endpoint::parse(QStringLiteral("127.0.0.1:8080"));

    ASSERT_TRUE(ep);
    EXPECT_EQ(ep->host, QStringLiteral("127.0.0.1"));
    EXPECT_EQ(ep->port, 8080);
}

TEST(Endpoint, ParsesBracketedIpv6) {
    const auto ep = Endpoint::parse(QStringLiteral("[::1]:5683"));

    ASSERT_TRUE(ep);
    EXPECT_EQ(ep->host, QStringLiteral("::1"));
    EXPECT_EQ(ep->toString(), QStringLiteral("[::1]:5683"));
}

TEST(Endpoint, UsesDefaultPortWhenAllowed) {
    EXPECT_EQ(Endpoint::parse(QStringLiteral("msbf.example"), 716)->port, 716);
    EXPECT_FALSE(Endpoint::parse(QStringLiteral("msbf.example")));
}

TEST(Endpoint, RejectsBadPorts) {
    EXPECT_FALSE(Endpoint::parse(QStringLiteral("127.0.0.1:99999")));
    EXPECT_FALSE(Endpoint::parse(QStringLiteral("127.0.0.1:http")));
    EXPECT_FALSE(Endpoint::parse(QStringLiteral(":80")));
    EXPECT_FALSE(Endpoint::parse(QStringLiteral("[::1")));
}
