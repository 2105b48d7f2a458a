// SPDX-License-Identifier: Apache-2.0
// Subscriptions of the reference NSCL and the notifications a change queues
// (core/nodes/nscl/nscl_subscriptions.h).
#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/xml.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::nodes;
using mid::Method;
using mid::StatusCode;

namespace {

class NsclSubscriptionsTest : public ::testing::Test {
protected:
    void SetUp() override {
        NsclConfig config;
        if (const QString dir = test::xsdDir(); !dir.isEmpty()) {
            config.validator = mid::XsdValidator::open(dir).value();
        }
        m_service = std::make_unique<NsclService>(config, m_clock);
        ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/containers"),
                       "<m2m:container xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"c\"/>")
                      .status,
                  StatusCode::Created);
    }

    mid::Response call(Method m, const QString &target, const QByteArray &body = {}) {
        mid::Request r;
        r.method = m;
        r.target = target;
        r.requestingEntity = QStringLiteral("gscl-1");
        r.body = body;
        r.contentType =
            body.startsWith('<') ? QStringLiteral("application/xml") : QStringLiteral("text/plain");
        return m_service->handle(r);
    }

    mid::Response subscribe(const QString &resource, const QString &id,
                            const QByteArray &extra = {}) {
        return call(Method::Create, resource + QStringLiteral("/subscriptions"),
                    "<m2m:subscription xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"" +
                        id.toUtf8() + "\">" + extra + "<m2m:contact>http://127.0.0.1:9/" +
                        id.toUtf8() + "</m2m:contact></m2m:subscription>");
    }

    ManualClock m_clock;
    std::unique_ptr<NsclService> m_service;
};

} // namespace

TEST_F(NsclSubscriptionsTest, ACreateQueuesOneValidNotifyPerSubscription) {
    ASSERT_EQ(
        subscribe(QStringLiteral("/m2m/containers/c/contentInstances"), QStringLiteral("a")).status,
        StatusCode::Created);
    ASSERT_EQ(
        subscribe(QStringLiteral("/m2m/containers/c/contentInstances"), QStringLiteral("b")).status,
        StatusCode::Created);
    EXPECT_TRUE(m_service->takeNotifications().isEmpty()); // subscribing notifies nobody

    ASSERT_EQ(
        call(Method::Create, QStringLiteral("/m2m/containers/c/contentInstances"), "21.5").status,
        StatusCode::Created);

    const auto sent = m_service->takeNotifications();
    ASSERT_EQ(sent.size(), 2);
    EXPECT_EQ(sent[0].contact, QStringLiteral("http://127.0.0.1:9/a"));
    EXPECT_EQ(sent[0].request.method, Method::Notify);
    EXPECT_EQ(sent[0].request.target, QStringLiteral("/a"));
    if (m_service->config().validator) {
        const auto valid = m_service->config().validator->validate(sent[0].request.body);
        EXPECT_TRUE(valid) << (valid ? "" : valid.error().message.toStdString());
    }
    const auto doc = mid::parseXml(sent[1].request.body);
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->childText(u"subscriptionReference"),
              QStringLiteral("/m2m/containers/c/contentInstances/subscriptions/b"));
    const QByteArray shown = QByteArray::fromBase64(doc->childText(u"representation").toLatin1());
    EXPECT_TRUE(shown.contains("contentInstances")) << shown.toStdString();
}

TEST_F(NsclSubscriptionsTest, SubscriptionsEndWithTheirResourceAndTheirExpiry) {
    ASSERT_EQ(subscribe(QStringLiteral("/m2m/containers/c"), QStringLiteral("mine")).status,
              StatusCode::Created);
    ASSERT_EQ(subscribe(QStringLiteral("/m2m/containers"), QStringLiteral("all"),
                        "<m2m:expirationTime>" +
                            mid::formatDateTime(m_clock.now().addSecs(10)).toUtf8() +
                            "</m2m:expirationTime>")
                  .status,
              StatusCode::Created);

    ASSERT_EQ(call(Method::Delete, QStringLiteral("/m2m/containers/c")).status, StatusCode::Ok);
    EXPECT_TRUE(m_service->subscriptionIds(QStringLiteral("/m2m/containers/c")).isEmpty());
    const auto sent = m_service->takeNotifications();
    ASSERT_EQ(sent.size(), 1); // the collection's subscriber, not the deleted one's
    EXPECT_EQ(sent[0].contact, QStringLiteral("http://127.0.0.1:9/all"));

    m_clock.advanceMs(11000);
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/containers/subscriptions/all")).status,
              StatusCode::NotFound);
    EXPECT_EQ(call(Method::Create, QStringLiteral("/m2m/nothing/subscriptions"),
                   "<m2m:subscription xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:contact>"
                   "http://127.0.0.1:9/x</m2m:contact></m2m:subscription>")
                  .status,
              StatusCode::NotFound);
}
