// SPDX-License-Identifier: Apache-2.0
// Access rights of the reference NSCL: who holds a permission, and the decision the NSCL takes on
// every request (core/nodes/nscl/nscl_access.h, docs/nscl-access-rights.md).
#include "core/nodes/nscl/nscl_access.h"
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

PermissionHolders holders(const QStringList &refs, const QStringList &scls = {},
                          const QStringList &apps = {}, const QStringList &domains = {},
                          bool all = false) {
    PermissionHolders h;
    h.holderRefs = refs;
    h.sclIDs = scls;
    h.applicationIDs = apps;
    h.domains = domains;
    h.all = all;
    return h;
}

QByteArray accessRight(const QString &id, const QByteArray &permissions, const QByteArray &self) {
    return "<m2m:accessRight xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"" + id.toUtf8() +
           "\"><m2m:permissions>" + permissions + "</m2m:permissions><m2m:selfPermissions>" + self +
           "</m2m:selfPermissions></m2m:accessRight>";
}

QByteArray permission(const QByteArray &flags, const QByteArray &holder) {
    QByteArray f;
    for (const QByteArray &flag : flags.split(',')) {
        f += "<m2m:flag>" + flag + "</m2m:flag>";
    }
    return "<m2m:permission><m2m:permissionFlags>" + f +
           "</m2m:permissionFlags><m2m:permissionHolders><m2m:holderRefs><m2m:holderRef>" + holder +
           "</m2m:holderRef></m2m:holderRefs></m2m:permissionHolders></m2m:permission>";
}

class NsclAccessTest : public ::testing::Test {
protected:
    void start(NsclConfig config = {}) {
        if (const QString dir = test::xsdDir(); !dir.isEmpty()) {
            config.validator = mid::XsdValidator::open(dir).value();
        }
        m_service = std::make_unique<NsclService>(config, m_clock);
    }
    void SetUp() override { start(); }

    mid::Response call(Method m, const QString &target, const QString &entity,
                       const QByteArray &body = {}) {
        mid::Request r;
        r.method = m;
        r.target = target;
        r.requestingEntity = entity;
        r.body = body;
        r.contentType = body.isEmpty() ? QString() : QStringLiteral("application/xml");
        mid::Response rsp = m_service->handle(r);
        if (m_service->config().validator && !rsp.body.isEmpty()) {
            const auto valid = m_service->config().validator->validate(rsp.body);
            EXPECT_TRUE(valid) << (valid ? "" : valid.error().message.toStdString());
        }
        return rsp;
    }

    static QString additionalInfo(const mid::Response &r) {
        auto doc = mid::parseXml(r.body);
        return doc ? doc->childText(u"additionalInfo") : QString();
    }

    /// A container of the <sclBase> protected by /m2m/accessRights/ar: owner everything, reader
    /// READ only.
    void protectContainer() {
        ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/accessRights"), owner,
                       accessRight(QStringLiteral("ar"),
                                   permission("READ,WRITE,DELETE,CREATE", "owner") +
                                       permission("READ", "reader"),
                                   permission("READ,WRITE,DELETE", "owner")))
                      .status,
                  StatusCode::Created);
        ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/containers"), owner,
                       "<m2m:container xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"c\">"
                       "<m2m:accessRightID>/m2m/accessRights/ar</m2m:accessRightID>"
                       "</m2m:container>")
                      .status,
                  StatusCode::Created);
    }

    const QString owner = QStringLiteral("owner");
    ManualClock m_clock;
    std::unique_ptr<NsclService> m_service;
};

} // namespace

TEST(AccessRightHolders, MatchEachKindOfHolderAndNothingElse) {
    EXPECT_TRUE(holdsPermission(holders({QStringLiteral("gscl-1")}), QStringLiteral("gscl-1")));
    EXPECT_FALSE(holdsPermission(holders({QStringLiteral("gscl-1")}), QStringLiteral("gscl-10")));
    EXPECT_TRUE(holdsPermission(holders({QStringLiteral("gscl-1")}), QStringLiteral("gscl-10"),
                                /*prefixHolderRefs=*/true)); // the fault's defect
    EXPECT_FALSE(holdsPermission(holders({QStringLiteral("gscl-1")}), QString()));

    const auto scls = holders({}, {QStringLiteral("gscl-1")});
    EXPECT_TRUE(holdsPermission(scls, QStringLiteral("gscl-1")));
    EXPECT_TRUE(holdsPermission(scls, QStringLiteral("http://nscl.example/m2m/scls/gscl-1")));
    EXPECT_FALSE(holdsPermission(scls, QStringLiteral("http://n/m2m/scls/gscl-1/applications/a")));

    const auto apps = holders({}, {}, {QStringLiteral("app-1")});
    EXPECT_TRUE(holdsPermission(apps, QStringLiteral("/m2m/applications/app-1")));
    EXPECT_FALSE(holdsPermission(apps, QStringLiteral("/m2m/applications/app-12")));

    const auto domains = holders({}, {}, {}, {QStringLiteral("lab.example.org")});
    EXPECT_TRUE(holdsPermission(domains, QStringLiteral("http://lab.example.org/m2m")));
    EXPECT_TRUE(holdsPermission(domains, QStringLiteral("coap://gw.LAB.example.org/m2m")));
    EXPECT_FALSE(holdsPermission(domains, QStringLiteral("http://evillab.example.org/m2m")));
    EXPECT_FALSE(holdsPermission(domains, QStringLiteral("http://lab.example.org.evil.net/")));
    EXPECT_FALSE(holdsPermission(domains, QStringLiteral("lab.example.org"))); // not a URI

    EXPECT_TRUE(holdsPermission(holders({}, {}, {}, {}, true), QString()));
}

TEST(AccessRightHolders, AccessRightIdIsAPathOrAUrl) {
    EXPECT_EQ(accessRightPath(QStringLiteral("/m2m/accessRights/a")),
              QStringLiteral("/m2m/accessRights/a"));
    EXPECT_EQ(accessRightPath(QStringLiteral("http://nscl:8080/m2m/accessRights/a")),
              QStringLiteral("/m2m/accessRights/a"));
    EXPECT_EQ(accessRightPath(QStringLiteral("accessRights/a")), QString());
}

TEST_F(NsclAccessTest, RefusesWhatTheAccessRightDoesNotGrantAndSaysWhy) {
    protectContainer();

    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/containers/c"), QStringLiteral("reader"))
                  .status,
              StatusCode::Ok);
    const auto denied =
        call(Method::Delete, QStringLiteral("/m2m/containers/c"), QStringLiteral("reader"));
    EXPECT_EQ(denied.status, StatusCode::PermissionDenied);
    EXPECT_EQ(additionalInfo(denied),
              QStringLiteral("'reader' has no DELETE permission on /m2m/containers/c "
                             "(accessRight /m2m/accessRights/ar)"));
    const auto anonymous = call(Method::Retrieve, QStringLiteral("/m2m/containers/c"), QString());
    EXPECT_EQ(anonymous.status, StatusCode::PermissionDenied);
    EXPECT_TRUE(additionalInfo(anonymous).startsWith(QLatin1String("an anonymous requester")));
    // Below the container, by inheritance; and the accessRight itself by its selfPermissions.
    EXPECT_EQ(call(Method::Create, QStringLiteral("/m2m/containers/c/contentInstances"),
                   QStringLiteral("reader"), "x")
                  .status,
              StatusCode::PermissionDenied);
    EXPECT_EQ(
        call(Method::Retrieve, QStringLiteral("/m2m/accessRights/ar"), QStringLiteral("reader"))
            .status,
        StatusCode::PermissionDenied);
    EXPECT_EQ(call(Method::Delete, QStringLiteral("/m2m/containers/c"), owner).status,
              StatusCode::Ok);
}

TEST_F(NsclAccessTest, ADanglingAccessRightIdClosesTheResource) {
    protectContainer();
    ASSERT_EQ(call(Method::Delete, QStringLiteral("/m2m/accessRights/ar"), owner).status,
              StatusCode::Ok);

    const auto denied = call(Method::Retrieve, QStringLiteral("/m2m/containers/c"), owner);
    EXPECT_EQ(denied.status, StatusCode::PermissionDenied);
    EXPECT_TRUE(additionalInfo(denied).contains(QLatin1String("names no <accessRight>")));
}

TEST_F(NsclAccessTest, AccessRightsExpireAndGoWithTheirHost) {
    ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/scls"), owner,
                   "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"g1\"/>")
                  .status,
              StatusCode::Created);
    const QByteArray expiring =
        "<m2m:accessRight xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"soon\">"
        "<m2m:expirationTime>" +
        mid::formatDateTime(m_clock.now().addSecs(60)).toUtf8() +
        "</m2m:expirationTime><m2m:selfPermissions/></m2m:accessRight>";
    ASSERT_EQ(
        call(Method::Create, QStringLiteral("/m2m/scls/g1/accessRights"), owner, expiring).status,
        StatusCode::Created);
    ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/scls/g1/accessRights"), owner,
                   accessRight(QStringLiteral("kept"), {}, {}))
                  .status,
              StatusCode::Created);
    EXPECT_EQ(m_service->accessRightIds(QStringLiteral("/m2m/scls/g1")),
              (QStringList{QStringLiteral("kept"), QStringLiteral("soon")}));

    m_clock.advanceMs(61000);
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/scls"), owner).status, StatusCode::Ok);
    EXPECT_EQ(m_service->accessRightIds(QStringLiteral("/m2m/scls/g1")),
              QStringList{QStringLiteral("kept")});

    ASSERT_EQ(call(Method::Delete, QStringLiteral("/m2m/scls/g1"), owner).status, StatusCode::Ok);
    EXPECT_TRUE(m_service->accessRightIds(QStringLiteral("/m2m/scls/g1")).isEmpty());
}

TEST_F(NsclAccessTest, ALabCanCloseWhatNoAccessRightProtects) {
    NsclConfig closed;
    closed.allowWithoutAccessRight = false;
    start(closed);

    const auto denied = call(Method::Retrieve, QStringLiteral("/m2m"), owner);
    EXPECT_EQ(denied.status, StatusCode::PermissionDenied);
    EXPECT_TRUE(additionalInfo(denied).contains(QLatin1String("protected by no accessRightID")));
    // Paths outside the NSCL are not found, whatever the policy.
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/elsewhere"), owner).status,
              StatusCode::NotFound);
}

TEST_F(NsclAccessTest, TheCollectionTakesAnAccessRightIdAndNothingElse) {
    const QByteArray ns = "xmlns:m2m=\"http://uri.etsi.org/m2m\"";
    const auto set = call(Method::Update, QStringLiteral("/m2m/accessRights"), owner,
                          "<m2m:accessRights " + ns +
                              "><m2m:accessRightID>/m2m/accessRights/x</m2m:accessRightID>"
                              "</m2m:accessRights>");
    EXPECT_EQ(set.status, StatusCode::Ok);
    EXPECT_TRUE(set.body.contains("/m2m/accessRights/x")) << set.body.toStdString();
    const auto refused = call(Method::Update, QStringLiteral("/m2m/groups"), owner,
                              "<m2m:groups " + ns +
                                  "><m2m:creationTime>2020-01-01T00:00:00Z</m2m:creationTime>"
                                  "</m2m:groups>");
    EXPECT_EQ(refused.status, StatusCode::BadRequest);
    EXPECT_EQ(additionalInfo(refused),
              QStringLiteral("<creationTime> of <groups> cannot be updated"));
}
