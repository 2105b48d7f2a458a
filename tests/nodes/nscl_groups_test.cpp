// SPDX-License-Identifier: Apache-2.0
// Groups of the reference NSCL and the membersContent fan-out (core/nodes/nscl/nscl_groups.h).
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

class NsclGroupsTest : public ::testing::Test {
protected:
    void SetUp() override {
        NsclConfig config;
        if (const QString dir = test::xsdDir(); !dir.isEmpty()) {
            config.validator = mid::XsdValidator::open(dir).value();
        }
        m_service = std::make_unique<NsclService>(config, m_clock);
    }

    mid::Response call(Method m, const QString &target, const QByteArray &body = {},
                       const QString &type = QStringLiteral("application/xml")) {
        mid::Request r;
        r.method = m;
        r.target = target;
        r.requestingEntity = QStringLiteral("gscl-1");
        r.body = body;
        r.contentType = body.isEmpty() ? QString() : type;
        mid::Response rsp = m_service->handle(r);
        if (m_service->config().validator && rsp.contentType.contains(QLatin1String("xml")) &&
            !rsp.body.isEmpty()) {
            const auto valid = m_service->config().validator->validate(rsp.body);
            EXPECT_TRUE(valid) << (valid ? "" : valid.error().message.toStdString()) << "\n"
                               << rsp.body.toStdString();
        }
        return rsp;
    }

    void container(const QString &id) {
        ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/containers"),
                       "<m2m:container xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"" +
                           id.toUtf8() + "\"/>")
                      .status,
                  StatusCode::Created);
    }

    mid::Response group(const QString &id, const QStringList &members,
                        const QByteArray &type = {}) {
        QByteArray refs;
        for (const QString &m : members) {
            refs += "<reference>" + m.toUtf8() + "</reference>";
        }
        return call(
            Method::Create, QStringLiteral("/m2m/groups"),
            "<m2m:group xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"" + id.toUtf8() + "\">" +
                (type.isEmpty() ? QByteArray() : "<m2m:memberType>" + type + "</m2m:memberType>") +
                "<m2m:members>" + refs + "</m2m:members></m2m:group>");
    }

    /// statusCode of each member in a <membersContentResponses>, by member.
    static QMap<QString, QString> statuses(const mid::Response &r) {
        QMap<QString, QString> out;
        auto doc = mid::parseXml(r.body);
        if (doc) {
            for (const mid::XmlNode *s : doc->childrenNamed(u"status")) {
                out.insert(s->attribute(u"id"), s->childText(u"statusCode"));
            }
        }
        return out;
    }

    ManualClock m_clock;
    std::unique_ptr<NsclService> m_service;
};

} // namespace

TEST_F(NsclGroupsTest, FansOutToEachMemberAndSaysWhatEachAnswered) {
    container(QStringLiteral("a"));
    container(QStringLiteral("b"));
    ASSERT_EQ(
        group(QStringLiteral("g"), {QStringLiteral("/m2m/containers/a"),
                                    QStringLiteral("http://nscl.example:8080/m2m/containers/b"),
                                    QStringLiteral("http://elsewhere.example/other/containers/c"),
                                    QStringLiteral("/m2m/groups/g/membersContent")})
            .status,
        StatusCode::Created);

    const auto rsp =
        call(Method::Create, QStringLiteral("/m2m/groups/g/membersContent/contentInstances"),
             "hello", QStringLiteral("text/plain"));

    EXPECT_EQ(rsp.status, StatusCode::Ok);
    const auto s = statuses(rsp);
    EXPECT_EQ(s.value(QStringLiteral("/m2m/containers/a")), QStringLiteral("STATUS_CREATED"));
    EXPECT_EQ(s.value(QStringLiteral("http://nscl.example:8080/m2m/containers/b")),
              QStringLiteral("STATUS_CREATED"));
    // A member of another SCL is not reached, and a group's fan-out is not followed into
    // another fan-out (here its own: no loop).
    EXPECT_EQ(s.value(QStringLiteral("http://elsewhere.example/other/containers/c")),
              QStringLiteral("STATUS_NOT_IMPLEMENTED"));
    EXPECT_EQ(s.value(QStringLiteral("/m2m/groups/g/membersContent")),
              QStringLiteral("STATUS_BAD_REQUEST"));
}

TEST_F(NsclGroupsTest, ChecksMembersAgainstTheMemberType) {
    container(QStringLiteral("a"));
    EXPECT_EQ(
        group(QStringLiteral("g1"), {QStringLiteral("/m2m/containers/a")}, "CONTAINER").status,
        StatusCode::Created);
    EXPECT_EQ(group(QStringLiteral("g2"), {QStringLiteral("/m2m/containers/a")}, "SCL").status,
              StatusCode::BadRequest);
    EXPECT_EQ(
        group(QStringLiteral("g3"), {QStringLiteral("/m2m/containers/nope")}, "CONTAINER").status,
        StatusCode::BadRequest);
    // A remote member cannot be checked and is taken as given.
    EXPECT_EQ(group(QStringLiteral("g4"), {QStringLiteral("http://other.example/x/scls/s")}, "SCL")
                  .status,
              StatusCode::Created);
    EXPECT_EQ(
        group(QStringLiteral("g5"), {QStringLiteral("/m2m")}, "SERVER_CAPABILITY_LAYER").status,
        StatusCode::Created);
    EXPECT_EQ(m_service->groupIds(QStringLiteral("/m2m")),
              (QStringList{QStringLiteral("g1"), QStringLiteral("g4"), QStringLiteral("g5")}));
}

TEST_F(NsclGroupsTest, GroupsGoWithTheirHost) {
    ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/scls"),
                   "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"s1\"/>")
                  .status,
              StatusCode::Created);
    ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/scls/s1/groups"),
                   "<m2m:group xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"g\"/>")
                  .status,
              StatusCode::Created);
    EXPECT_EQ(m_service->groupIds(QStringLiteral("/m2m/scls/s1")),
              QStringList{QStringLiteral("g")});

    ASSERT_EQ(call(Method::Delete, QStringLiteral("/m2m/scls/s1")).status, StatusCode::Ok);
    EXPECT_TRUE(m_service->groupIds(QStringLiteral("/m2m/scls/s1")).isEmpty());
}
