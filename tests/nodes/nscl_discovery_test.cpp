// SPDX-License-Identifier: Apache-2.0
// Resource discovery of the reference NSCL (core/nodes/nscl/nscl_discovery.cpp).
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

class NsclDiscoveryTest : public ::testing::Test {
protected:
    void SetUp() override {
        NsclConfig config;
        if (const QString dir = test::xsdDir(); !dir.isEmpty()) {
            config.validator = mid::XsdValidator::open(dir).value();
        }
        m_service = std::make_unique<NsclService>(config, m_clock);
        for (const auto &[id, tags] :
             {std::pair{"a", "<m2m:searchString>x</m2m:searchString>"},
              std::pair{"b", "<m2m:searchString>x</m2m:searchString><m2m:searchString>y</"
                             "m2m:searchString>"}}) {
            mid::Request r;
            r.method = Method::Create;
            r.target = QStringLiteral("/m2m/containers");
            r.body = QByteArray("<m2m:container xmlns:m2m=\"http://uri.etsi.org/m2m\" m2m:id=\"") +
                     id + "\"><m2m:searchStrings>" + tags + "</m2m:searchStrings></m2m:container>";
            ASSERT_EQ(m_service->handle(r).status, StatusCode::Created);
        }
    }

    mid::Response discover(const QList<QPair<QString, QString>> &query) {
        mid::Request r;
        r.target = QStringLiteral("/m2m/discovery");
        r.requestingEntity = QStringLiteral("gscl-1");
        r.query = query;
        mid::Response rsp = m_service->handle(r);
        if (m_service->config().validator) {
            const auto valid = m_service->config().validator->validate(rsp.body);
            EXPECT_TRUE(valid) << (valid ? "" : valid.error().message.toStdString());
        }
        return rsp;
    }

    static QStringList uris(const mid::Response &r) {
        auto doc = mid::parseXml(r.body);
        return doc ? doc->select(u"discoveryURI/reference") : QStringList();
    }

    ManualClock m_clock;
    std::unique_ptr<NsclService> m_service;
};

} // namespace

TEST_F(NsclDiscoveryTest, AllSearchStringsMustMatchAndOtherParametersAreNotCriteria) {
    const auto both = discover({{QStringLiteral("searchString"), QStringLiteral("x")},
                                {QStringLiteral("searchString"), QStringLiteral("y")},
                                {QStringLiteral("RequestingEntity"), QStringLiteral("gscl-1")}});
    EXPECT_EQ(both.status, StatusCode::Ok);
    EXPECT_EQ(uris(both), QStringList{QStringLiteral("/m2m/containers/b")});

    const auto one = discover({{QStringLiteral("searchString"), QStringLiteral("x")},
                               {QStringLiteral("maxSize"), QStringLiteral("1")}});
    EXPECT_EQ(uris(one), QStringList{QStringLiteral("/m2m/containers/a")});
    auto doc = mid::parseXml(one.body);
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->childText(u"matchSize"), QStringLiteral("2"));
    EXPECT_EQ(doc->childText(u"truncated"), QStringLiteral("true"));
}

TEST_F(NsclDiscoveryTest, WithoutCriteriaEveryResourceBelowThePrefixIsFound) {
    const auto all = discover({});
    EXPECT_EQ(uris(all), (QStringList{QStringLiteral("/m2m"), QStringLiteral("/m2m/containers/a"),
                                      QStringLiteral("/m2m/containers/b")}));
    const auto below = discover(
        {{QStringLiteral("searchPrefix"), QStringLiteral("http://nscl.example/m2m/containers/b")}});
    EXPECT_EQ(uris(below), QStringList{QStringLiteral("/m2m/containers/b")});
}

TEST_F(NsclDiscoveryTest, RefusesCriteriaItCannotRead) {
    for (const auto &[key, value] :
         {std::pair{"maxSize", "-2"}, std::pair{"maxSize", "many"},
          std::pair{"createdAfter", "now"}, std::pair{"searchPrefix", "/elsewhere"}}) {
        const auto r = discover({{QLatin1String(key), QLatin1String(value)}});
        EXPECT_EQ(r.status, StatusCode::BadRequest) << key << "=" << value;
    }
}
