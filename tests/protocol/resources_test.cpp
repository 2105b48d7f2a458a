// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/mid/resources.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QTimeZone>

using namespace m2mbench;
using namespace m2mbench::mid;

namespace {

Result<Scl> decode(const QByteArray &xml) {
    auto doc = parseXml(xml);
    if (!doc) {
        return fail(doc.error());
    }
    return decodeScl(*doc);
}

const QByteArray kOpen = "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"g\">";

} // namespace

TEST(SclCodec, RoundTripsEveryField) {
    Scl scl;
    scl.sclId = QStringLiteral("gscl-1");
    scl.pocs = {QStringLiteral("http://a/m2m"), QStringLiteral("coap://b")};
    scl.remTriggerAddr = QStringLiteral("tel:+100");
    scl.onlineStatus = QStringLiteral("OFFLINE");
    scl.serverCapability = true;
    scl.link = QStringLiteral("/m2m/scls/gscl-1");
    scl.schedule = {QStringLiteral("* * 1-5")};
    scl.expirationTime =
        QDateTime::fromString(QStringLiteral("2030-01-02T03:04:05.678Z"), Qt::ISODateWithMs);
    scl.accessRightID = QStringLiteral("/m2m/accessRights/ar");
    scl.searchStrings = QStringList{QStringLiteral("x"), QStringLiteral("y")};
    scl.mgmtProtocolType = QStringLiteral("OMA DM");

    const auto back = decode(encodeScl(scl));

    ASSERT_TRUE(back) << back.error().message.toStdString();
    EXPECT_EQ(back->sclId, scl.sclId);
    EXPECT_EQ(back->pocs, scl.pocs);
    EXPECT_EQ(back->remTriggerAddr, scl.remTriggerAddr);
    EXPECT_EQ(back->onlineStatus, scl.onlineStatus);
    EXPECT_EQ(back->serverCapability, true);
    EXPECT_EQ(back->schedule, scl.schedule);
    EXPECT_EQ(back->expirationTime, scl.expirationTime);
    EXPECT_EQ(back->searchStrings, scl.searchStrings);
    EXPECT_EQ(back->mgmtProtocolType, scl.mgmtProtocolType);
}

TEST(SclCodec, RejectsWrongRootNamespaceAndElements) {
    EXPECT_FALSE(decode("<m2m:application xmlns:m2m=\"http://uri.etsi.org/m2m\"/>"));
    EXPECT_FALSE(decode("<scl xmlns=\"http://example.com/other\" sclId=\"g\"/>"));
    EXPECT_FALSE(decode(kOpen + "<m2m:colour>red</m2m:colour></m2m:scl>"));
    EXPECT_FALSE(decode(kOpen + "<onlineStatus>ONLINE</onlineStatus></m2m:scl>"));
    EXPECT_FALSE(decode("<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" colour=\"red\"/>"));
}

TEST(SclCodec, RejectsValuesOfTheWrongType) {
    const auto status = decode(kOpen + "<m2m:onlineStatus>MAYBE</m2m:onlineStatus></m2m:scl>");
    const auto time = decode(kOpen + "<m2m:expirationTime>tomorrow</m2m:expirationTime></m2m:scl>");
    const auto flag = decode(kOpen + "<m2m:serverCapability>yes</m2m:serverCapability></m2m:scl>");

    ASSERT_FALSE(status);
    EXPECT_TRUE(status.error().message.contains(QLatin1String("MAYBE")));
    ASSERT_FALSE(time);
    EXPECT_TRUE(time.error().message.contains(QLatin1String("dateTime")));
    EXPECT_FALSE(flag);
}

TEST(DateTime, ParsesZonesAndTakesBareTimesAsUtc) {
    EXPECT_EQ(parseDateTime(QStringLiteral("2030-01-01T01:00:00+01:00"))->toString(Qt::ISODate),
              QStringLiteral("2030-01-01T00:00:00Z"));
    EXPECT_EQ(parseDateTime(QStringLiteral("2030-01-01T00:00:00"))->toString(Qt::ISODate),
              QStringLiteral("2030-01-01T00:00:00Z"));
    EXPECT_FALSE(parseDateTime(QStringLiteral("01/01/2030")));
}

TEST(DateTime, FormatsLikeQtIsoWithMilliseconds) {
    for (const qint64 ms : {0LL, 1700000000123LL, 1893456000999LL, -1LL, 253402300799000LL}) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);

        EXPECT_EQ(formatDateTime(t), t.toString(Qt::ISODateWithMs)) << ms;
    }
}

TEST(ErrorInfoCodec, RoundTripsAndRejectsUnknownCodes) {
    const QByteArray xml = encodeErrorInfo({StatusCode::NotFound, QStringLiteral("gone")});
    const auto doc = parseXml(xml);

    ASSERT_TRUE(doc);
    const auto info = decodeErrorInfo(*doc);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->statusCode, StatusCode::NotFound);
    EXPECT_EQ(info->additionalInfo, QStringLiteral("gone"));
    const auto bad =
        parseXml("<m2m:errorInfo xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:statusCode>"
                 "STATUS_TEAPOT</m2m:statusCode></m2m:errorInfo>");
    EXPECT_FALSE(decodeErrorInfo(*bad));
}
