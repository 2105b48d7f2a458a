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

namespace {

QByteArray filterOf(const QByteArray &criteria) {
    return "<m2m:filterCriteria xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:type=\"m2m:ContentInstanceFilterCriteriaType\">" +
           criteria + "</m2m:filterCriteria>";
}

} // namespace

TEST_F(NsclSubscriptionsTest, FilterCriteriaSelectWhichNewInstancesAreNotifiedAndWhatTheyShow) {
    const QString instances = QStringLiteral("/m2m/containers/c/contentInstances");
    ASSERT_EQ(
        subscribe(instances, QStringLiteral("small"), filterOf("<sizeUntil>4</sizeUntil>")).status,
        StatusCode::Created);
    ASSERT_EQ(subscribe(instances, QStringLiteral("all")).status, StatusCode::Created);

    ASSERT_EQ(call(Method::Create, instances, "a long reading").status, StatusCode::Created);
    const auto first = m_service->takeNotifications();
    ASSERT_EQ(first.size(), 1); // the unfiltered subscriber only
    EXPECT_EQ(first[0].contact, QStringLiteral("http://127.0.0.1:9/all"));

    const mid::Response small = call(Method::Create, instances, "21");
    ASSERT_EQ(small.status, StatusCode::Created);
    const auto second = m_service->takeNotifications();
    ASSERT_EQ(second.size(), 2);
    for (const auto &n : second) {
        const auto notify = mid::parseXml(n.request.body);
        ASSERT_TRUE(notify);
        const auto shown =
            mid::parseXml(QByteArray::fromBase64(notify->childText(u"representation").toLatin1()));
        ASSERT_TRUE(shown);
        const auto listed =
            shown->child(u"contentInstanceCollection")->childrenNamed(u"contentInstance");
        // The filtered subscriber sees the instances its criteria select, the other one all.
        EXPECT_EQ(listed.size(), n.contact.endsWith(u"/small") ? 1 : 2) << n.contact.toStdString();
        if (m_service->config().validator) {
            EXPECT_TRUE(m_service->config().validator->validate(n.request.body));
        }
    }
    // A deletion is notified to every subscriber: the instance is gone, there is nothing to match.
    ASSERT_EQ(call(Method::Delete, small.location).status, StatusCode::Ok);
    EXPECT_EQ(m_service->takeNotifications().size(), 2);
}

TEST_F(NsclSubscriptionsTest, FilterCriteriaTheNsclCannotApplyAreRefused) {
    const QString instances = QStringLiteral("/m2m/containers/c/contentInstances");
    EXPECT_EQ(
        subscribe(instances, QStringLiteral("x"), filterOf("<sizeFrom>many</sizeFrom>")).status,
        StatusCode::BadRequest);
    EXPECT_EQ(subscribe(instances, QStringLiteral("y"), filterOf("<colour>red</colour>")).status,
              StatusCode::BadRequest);
    // A criterion of the schema that this NSCL does not apply, and criteria on a resource that
    // is not a <contentInstances>, are refused as such rather than silently ignored.
    const mid::Response creator =
        subscribe(instances, QStringLiteral("z"), filterOf("<creator>http://x/y</creator>"));
    EXPECT_EQ(creator.status, StatusCode::NotImplemented);
    const mid::Response onContainer = call(
        Method::Create, QStringLiteral("/m2m/containers/c/subscriptions"),
        "<m2m:subscription xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"w\"><m2m:filterCriteria>"
        "<ifModifiedSince>2026-01-01T00:00:00Z</ifModifiedSince></m2m:filterCriteria>"
        "<m2m:contact>http://127.0.0.1:9/w</m2m:contact></m2m:subscription>");
    EXPECT_EQ(onContainer.status, StatusCode::NotImplemented);
    EXPECT_TRUE(m_service->subscriptionIds(instances).isEmpty());
}

TEST(NsclChannelContacts, ANotificationForADeletedChannelIsDroppedNotSentToTheNsclItself) {
    ManualClock clock;
    NsclConfig config;
    config.authority = QStringLiteral("http://127.0.0.1:8080");
    NsclService service(config, clock);
    const auto call = [&service](Method m, const QString &target, const QByteArray &body = {}) {
        mid::Request r;
        r.method = m;
        r.target = target;
        r.requestingEntity = QStringLiteral("app-1");
        r.body = body;
        r.contentType = QStringLiteral("application/xml");
        return service.handle(r);
    };
    const QByteArray ns = "xmlns:m2m=\"http://uri.etsi.org/m2m\"";
    ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/applications"),
                   "<m2m:application " + ns + " appId=\"app-1\"/>")
                  .status,
              StatusCode::Created);
    const QString app = QStringLiteral("/m2m/applications/app-1");
    ASSERT_EQ(call(Method::Create, app + QStringLiteral("/notificationChannels"),
                   "<m2m:notificationChannel " + ns +
                       " m2m:id=\"lp\"><m2m:channelType>LONG_POLLING</m2m:channelType>"
                       "</m2m:notificationChannel>")
                  .status,
              StatusCode::Created);
    ASSERT_EQ(call(Method::Create, app + QStringLiteral("/containers"),
                   "<m2m:container " + ns + " m2m:id=\"c\"/>")
                  .status,
              StatusCode::Created);
    const QString instances = app + QStringLiteral("/containers/c/contentInstances");
    const QByteArray contact =
        "http://127.0.0.1:8080/m2m/applications/app-1/notificationChannels/lp/contactURI";
    ASSERT_EQ(call(Method::Create, instances + QStringLiteral("/subscriptions"),
                   "<m2m:subscription " + ns + " m2m:id=\"s\"><m2m:contact>" + contact +
                       "</m2m:contact></m2m:subscription>")
                  .status,
              StatusCode::Created);
    ASSERT_EQ(call(Method::Create, instances, "one").status, StatusCode::Created);
    EXPECT_TRUE(service.takeNotifications().isEmpty()); // it waits in the channel
    EXPECT_TRUE(service.takeNotification(app + QStringLiteral("/notificationChannels/lp")));

    ASSERT_EQ(call(Method::Delete, app + QStringLiteral("/notificationChannels/lp")).status,
              StatusCode::Ok);
    ASSERT_EQ(call(Method::Create, instances, "two").status, StatusCode::Created);
    EXPECT_TRUE(service.takeNotifications().isEmpty()); // nowhere to go, and not to itself
}
