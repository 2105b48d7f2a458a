// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/mid/status_mapping.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

using namespace m2mbench::mid;

TEST(StatusMapping, FollowsTheProfileTable) {
    EXPECT_EQ(httpStatusFor(StatusCode::Ok), 200);
    EXPECT_EQ(httpStatusFor(StatusCode::Created), 201);
    EXPECT_EQ(httpStatusFor(StatusCode::PermissionDenied), 401);
    EXPECT_EQ(httpStatusFor(StatusCode::Conflict), 409);
    EXPECT_EQ(httpStatusFor(StatusCode::UnsupportedMediaType), 415);
    EXPECT_EQ(httpStatusFor(StatusCode::GatewayTimeout), 504);
}

TEST(StatusMapping, DeletedAndExpiredFollowTheInteropProfile) {
    HttpStatusProfile oneImplementation;           // both 410
    HttpStatusProfile otherImplementation{0, 500}; // DELETED unmapped, EXPIRED 500

    EXPECT_EQ(httpStatusFor(StatusCode::Deleted, oneImplementation), 410);
    EXPECT_EQ(httpStatusFor(StatusCode::Expired, oneImplementation), 410);
    EXPECT_EQ(httpStatusFor(StatusCode::Deleted, otherImplementation), 404);
    EXPECT_EQ(httpStatusFor(StatusCode::Expired, otherImplementation), 500);
    EXPECT_EQ(statusFromHttp(410, oneImplementation), StatusCode::Deleted);
    EXPECT_EQ(statusFromHttp(500, otherImplementation), StatusCode::InternalServerError);
}

TEST(StatusMapping, UnknownHttpCodesHaveNoMidMeaning) {
    EXPECT_FALSE(statusFromHttp(418));
    EXPECT_FALSE(statusFromHttp(302));
}

TEST(StatusMapping, ParsesProfileCodes) {
    int code = -1;

    EXPECT_TRUE(HttpStatusProfile::parseCode(QStringLiteral("unmapped"), &code));
    EXPECT_EQ(code, 0);
    EXPECT_TRUE(HttpStatusProfile::parseCode(QStringLiteral("500"), &code));
    EXPECT_EQ(code, 500);
    EXPECT_FALSE(HttpStatusProfile::parseCode(QStringLiteral("200"), &code));
    EXPECT_FALSE(HttpStatusProfile::parseCode(QStringLiteral("gone"), &code));
}

TEST(StatusNames, RoundTripAndKnowTheSchemaList) {
    EXPECT_EQ(statusName(StatusCode::Conflict), QStringLiteral("STATUS_CONFLICT"));
    EXPECT_EQ(statusFromName(u"STATUS_EXPIRED"), StatusCode::Expired);
    EXPECT_FALSE(statusFromName(u"STATUS_TEAPOT"));
    EXPECT_FALSE(statusInSchema(StatusCode::Created));
    EXPECT_TRUE(statusInSchema(StatusCode::Deleted));
}
