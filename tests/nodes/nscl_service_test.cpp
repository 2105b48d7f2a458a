// SPDX-License-Identifier: Apache-2.0
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

const QByteArray kNs = "xmlns:m2m=\"http://uri.etsi.org/m2m\"";

class NsclServiceTest : public ::testing::Test {
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
        r.body = body;
        r.contentType = body.isEmpty() ? QString() : type;
        mid::Response rsp = m_service->handle(r);
        // Every answer, success or error, must be valid against the schemas when we have them.
        if (m_service->config().validator && !rsp.body.isEmpty() &&
            rsp.contentType.contains(QLatin1String("xml"))) {
            const auto valid = m_service->config().validator->validate(rsp.body);
            EXPECT_TRUE(valid) << (valid ? "" : valid.error().message.toStdString()) << "\n"
                               << rsp.body.toStdString();
        }
        return rsp;
    }

    mid::Response registerScl(const QString &id, const QByteArray &extra = {}) {
        return call(Method::Create, QStringLiteral("/m2m/scls"),
                    "<m2m:scl " + kNs + " sclId=\"" + id.toUtf8() + "\">" + extra + "</m2m:scl>");
    }

    static QString additionalInfo(const mid::Response &r) {
        auto doc = mid::parseXml(r.body);
        return doc ? doc->childText(u"additionalInfo") : QString();
    }

    ManualClock m_clock;
    std::unique_ptr<NsclService> m_service;
};

} // namespace

TEST_F(NsclServiceTest, RegistersAnSclAndAnswersCreatedWithLocation) {
    const auto rsp = registerScl(QStringLiteral("gscl-1"),
                                 "<m2m:pocs><reference>http://g/m2m</reference></m2m:pocs>");

    EXPECT_EQ(rsp.status, StatusCode::Created);
    EXPECT_EQ(rsp.location, QStringLiteral("/m2m/scls/gscl-1"));
    const auto doc = mid::parseXml(rsp.body);
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->attribute(u"sclId"), QStringLiteral("gscl-1"));
    EXPECT_EQ(doc->childText(u"onlineStatus"), QStringLiteral("ONLINE"));
    EXPECT_FALSE(doc->childText(u"creationTime").isEmpty());
    EXPECT_FALSE(doc->childText(u"expirationTime").isEmpty());
    EXPECT_EQ(m_service->registeredScls(), QStringList{QStringLiteral("gscl-1")});
}

TEST_F(NsclServiceTest, RefusesADuplicateSclIdWithConflict) {
    registerScl(QStringLiteral("gscl-1"));

    const auto rsp = registerScl(QStringLiteral("gscl-1"));

    EXPECT_EQ(rsp.status, StatusCode::Conflict);
    EXPECT_TRUE(additionalInfo(rsp).contains(QLatin1String("already registered")));
}

TEST_F(NsclServiceTest, RetrievesUpdatesAndDeletes) {
    registerScl(QStringLiteral("g"));
    m_clock.advanceMs(1000);

    const auto upd =
        call(Method::Update, QStringLiteral("/m2m/scls/g"),
             "<m2m:scl " + kNs + "><m2m:onlineStatus>OFFLINE</m2m:onlineStatus></m2m:scl>");
    const auto get = call(Method::Retrieve, QStringLiteral("/m2m/scls/g"));
    const auto del = call(Method::Delete, QStringLiteral("/m2m/scls/g"));
    const auto gone = call(Method::Retrieve, QStringLiteral("/m2m/scls/g"));

    EXPECT_EQ(upd.status, StatusCode::Ok);
    EXPECT_EQ(get.status, StatusCode::Ok);
    const auto doc = mid::parseXml(get.body);
    EXPECT_EQ(doc->childText(u"onlineStatus"), QStringLiteral("OFFLINE"));
    EXPECT_NE(doc->childText(u"creationTime"), doc->childText(u"lastModifiedTime"));
    EXPECT_EQ(del.status, StatusCode::Ok);
    EXPECT_EQ(gone.status, StatusCode::NotFound);
}

TEST_F(NsclServiceTest, ListsRegisteredSclsInTheCollection) {
    registerScl(QStringLiteral("a"));
    registerScl(QStringLiteral("b"));

    const auto rsp = call(Method::Retrieve, QStringLiteral("/m2m/scls/"));

    const auto doc = mid::parseXml(rsp.body);
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->select(u"sclCollection/namedReference/@id"),
              QStringList({QStringLiteral("a"), QStringLiteral("b")}));
}

TEST_F(NsclServiceTest, ForgetsSclsWhoseExpirationTimePassed) {
    registerScl(QStringLiteral("short"),
                "<m2m:expirationTime>" + m_clock.now().addSecs(10).toString(Qt::ISODate).toUtf8() +
                    "</m2m:expirationTime>");

    m_clock.advanceMs(11000);

    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/scls/short")).status,
              StatusCode::NotFound);
}

TEST_F(NsclServiceTest, AnswersBadRegistrationsWithBadRequestAndAReason) {
    struct Case {
        QByteArray body;
        const char *reasonPart;
    };
    const QList<Case> cases = {
        {"<m2m:scl " + kNs + "/>", "sclId"},
        {"<m2m:scl " + kNs + " sclId=\"a/b\"/>", "resource name"},
        {"<m2m:scl " + kNs +
             " sclId=\"x\"><m2m:creationTime>2030-01-01T00:00:00Z</m2m:creationTime></m2m:scl>",
         "creationTime"},
        {"<scl xmlns=\"urn:other\" sclId=\"x\"/>", "namespace"},
        {"<m2m:scl " + kNs + " sclId=\"x\"", "XML"},
        {"", "required"},
        {"<m2m:scl " + kNs +
             " sclId=\"x\"><m2m:expirationTime>2001-01-01T00:00:00Z</m2m:expirationTime></m2m:scl>",
         "past"},
    };
    for (const Case &c : cases) {
        const auto rsp = call(Method::Create, QStringLiteral("/m2m/scls"), c.body);

        EXPECT_EQ(rsp.status, StatusCode::BadRequest) << c.body.toStdString();
        EXPECT_TRUE(additionalInfo(rsp).contains(QLatin1String(c.reasonPart), Qt::CaseInsensitive))
            << additionalInfo(rsp).toStdString();
    }
}

TEST_F(NsclServiceTest, RefusesNonXmlContent) {
    const auto rsp = call(Method::Create, QStringLiteral("/m2m/scls"), "{\"scl\":1}",
                          QStringLiteral("application/json"));

    EXPECT_EQ(rsp.status, StatusCode::UnsupportedMediaType);
}

TEST_F(NsclServiceTest, AnswersMethodNotAllowedAndNotFound) {
    EXPECT_EQ(call(Method::Delete, QStringLiteral("/m2m")).status, StatusCode::MethodNotAllowed);
    EXPECT_EQ(call(Method::Delete, QStringLiteral("/m2m/scls")).status,
              StatusCode::MethodNotAllowed);
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/elsewhere")).status, StatusCode::NotFound);
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/scls/a/b/c")).status,
              StatusCode::NotFound);
}

TEST_F(NsclServiceTest, UpdatesWritableAttributesOfSclBaseOnly) {
    const auto ok = call(Method::Update, QStringLiteral("/m2m"),
                         "<m2m:sclBase " + kNs +
                             "><m2m:searchStrings><m2m:searchString>nscl</m2m:searchString>"
                             "</m2m:searchStrings></m2m:sclBase>");
    const auto readOnly =
        call(Method::Update, QStringLiteral("/m2m"),
             "<m2m:sclBase " + kNs +
                 "><m2m:creationTime>2030-01-01T00:00:00Z</m2m:creationTime></m2m:sclBase>");

    EXPECT_EQ(ok.status, StatusCode::Ok);
    EXPECT_EQ(mid::parseXml(ok.body)->select(u"searchStrings/searchString"),
              QStringList{QStringLiteral("nscl")});
    EXPECT_EQ(readOnly.status, StatusCode::BadRequest);
}

TEST_F(NsclServiceTest, RefusesChangingTheSclId) {
    registerScl(QStringLiteral("g"));

    const auto rsp = call(Method::Update, QStringLiteral("/m2m/scls/g"),
                          "<m2m:scl " + kNs + " sclId=\"other\"/>");

    EXPECT_EQ(rsp.status, StatusCode::BadRequest);
}

// --- <containers> (nscl_containers.cpp): every answer above is also checked against the schemas.

namespace {

QByteArray containerXml(const QString &id, const QByteArray &inner = {}) {
    return "<m2m:container " + kNs + " m2m:id=\"" + id.toUtf8() + "\">" + inner +
           "</m2m:container>";
}

} // namespace

TEST_F(NsclServiceTest, ContainersOfEveryHostComeAndGoWithTheirHost) {
    ASSERT_EQ(registerScl(QStringLiteral("gscl-1")).status, StatusCode::Created);
    const QString hosts[] = {QStringLiteral("/m2m"), QStringLiteral("/m2m/scls/gscl-1")};
    for (const QString &host : hosts) {
        const auto made =
            call(Method::Create, host + QStringLiteral("/containers"), containerXml("c1"));
        EXPECT_EQ(made.status, StatusCode::Created) << host.toStdString();
        EXPECT_EQ(made.location, host + QStringLiteral("/containers/c1"));
        EXPECT_EQ(m_service->containerIds(host), QStringList{QStringLiteral("c1")});
    }
    // An SCL may be named "containers": its own collection is still found.
    ASSERT_EQ(registerScl(QStringLiteral("containers")).status, StatusCode::Created);
    EXPECT_EQ(call(Method::Create, QStringLiteral("/m2m/scls/containers/containers"),
                   containerXml("containers"))
                  .status,
              StatusCode::Created);
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/scls/containers")).status,
              StatusCode::Ok);
    EXPECT_EQ(m_service->containerIds(QStringLiteral("/m2m/scls/containers")),
              QStringList{QStringLiteral("containers")});
    // No <containers> below a host that does not exist.
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/scls/nobody/containers")).status,
              StatusCode::NotFound);
    EXPECT_EQ(call(Method::Delete, QStringLiteral("/m2m/scls/gscl-1")).status, StatusCode::Ok);
    EXPECT_TRUE(m_service->containerIds(QStringLiteral("/m2m/scls/gscl-1")).isEmpty());
    // Registered again, the SCL starts with no container.
    ASSERT_EQ(registerScl(QStringLiteral("gscl-1")).status, StatusCode::Created);
    EXPECT_EQ(call(Method::Retrieve, QStringLiteral("/m2m/scls/gscl-1/containers/c1")).status,
              StatusCode::NotFound);
}

TEST_F(NsclServiceTest, ContentInstancesAgeOutAndStayWithinTheirLimits) {
    ASSERT_EQ(call(Method::Create, QStringLiteral("/m2m/containers"),
                   containerXml("c", "<m2m:maxNrOfInstances>3</m2m:maxNrOfInstances>"
                                     "<m2m:maxByteSize>8</m2m:maxByteSize>"
                                     "<m2m:maxInstanceAge>60</m2m:maxInstanceAge>"))
                  .status,
              StatusCode::Created);
    const QString ci = QStringLiteral("/m2m/containers/c/contentInstances");
    for (const QByteArray &v : {QByteArray("aaa"), QByteArray("bbb"), QByteArray("ccc")}) {
        EXPECT_EQ(call(Method::Create, ci, v, QStringLiteral("text/plain")).status,
                  StatusCode::Created);
    }
    // 9 bytes > maxByteSize 8: the oldest went.
    auto all = mid::parseXml(call(Method::Retrieve, ci).body);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->childText(u"currentNrOfInstances"), QStringLiteral("2"));
    EXPECT_EQ(all->childText(u"currentByteSize"), QStringLiteral("6"));
    EXPECT_EQ(call(Method::Retrieve, ci + QStringLiteral("/oldest/content")).body, "bbb");
    // Too big to fit at all: refused, nothing dropped.
    EXPECT_EQ(call(Method::Create, ci, "123456789", QStringLiteral("text/plain")).status,
              StatusCode::Forbidden);
    EXPECT_EQ(call(Method::Retrieve, ci + QStringLiteral("/latest/content")).body, "ccc");
    // maxInstanceAge 60 s: gone after 61 s, without any write in between.
    m_clock.advanceMs(61000);
    all = mid::parseXml(call(Method::Retrieve, ci).body);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->childText(u"currentNrOfInstances"), QStringLiteral("0"));
    EXPECT_EQ(call(Method::Retrieve, ci + QStringLiteral("/latest")).status, StatusCode::NotFound);
}

TEST_F(NsclServiceTest, ContainersRefuseBadRepresentationsWithAReason) {
    const QString c = QStringLiteral("/m2m/containers");
    const std::pair<QByteArray, QString> bad[] = {
        {"<m2m:container " + kNs + ">", QStringLiteral("")}, // not well-formed
        {containerXml("x", "<m2m:maxNrOfInstances>-1</m2m:maxNrOfInstances>"),
         QStringLiteral("maxNrOfInstances")},
        {containerXml("x", "<m2m:creationTime>2020-01-01T00:00:00Z</m2m:creationTime>"),
         QStringLiteral("creationTime")},
        {containerXml("latest"), QStringLiteral("latest")},
        {"<m2m:scl " + kNs + " sclId=\"x\"/>", QStringLiteral("container")},
    };
    for (const auto &[body, word] : bad) {
        const auto rsp = call(Method::Create, c, body);
        EXPECT_EQ(rsp.status, StatusCode::BadRequest) << body.toStdString();
        EXPECT_TRUE(additionalInfo(rsp).contains(word))
            << additionalInfo(rsp).toStdString() << " should name " << word.toStdString();
    }
    EXPECT_EQ(call(Method::Create, c, "x=1", QStringLiteral("text/plain")).status,
              StatusCode::UnsupportedMediaType);
    EXPECT_TRUE(m_service->containerIds(QStringLiteral("/m2m")).isEmpty());
    // A contentInstance representation whose contentSize lies, or whose content is not base64.
    ASSERT_EQ(call(Method::Create, c, containerXml("c")).status, StatusCode::Created);
    const QString ci = c + QStringLiteral("/c/contentInstances");
    for (const QByteArray &inner :
         {QByteArray("<m2m:contentSize>9</m2m:contentSize><m2m:content>YWJj</m2m:content>"),
          QByteArray("<m2m:content>not*base64</m2m:content>")}) {
        EXPECT_EQ(call(Method::Create, ci,
                       "<m2m:contentInstance " + kNs + ">" + inner + "</m2m:contentInstance>")
                      .status,
                  StatusCode::BadRequest)
            << inner.toStdString();
    }
}
