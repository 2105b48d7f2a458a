// SPDX-License-Identifier: Apache-2.0
// Every representation the bench writes must be valid against the TS 102 921 schemas. Two
// independent judges: libxml2 through the bench's own validator, and the xmllint tool.
#include "core/protocol/mid/resources.h"
#include "core/protocol/mid/xsd_validator.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace m2mbench;
using namespace m2mbench::mid;

namespace {

class XsdValidation : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = test::xsdDir();
        if (m_dir.isEmpty()) {
            GTEST_SKIP() << "SKIPPED: TS 102 921 schemas not found at "
                         << test::xsdDirSearched().toStdString()
                         << " (set M2M_XSD_DIR); XML validity NOT checked";
        }
        auto v = XsdValidator::open(m_dir);
        ASSERT_TRUE(v) << v.error().message.toStdString();
        m_validator = *v;
    }

    /// Runs xmllint on the document; returns its verdict and prints its words on failure.
    bool xmllintAccepts(const QByteArray &doc, const QString &root) {
        const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
        if (xmllint.isEmpty()) {
            ADD_FAILURE() << "xmllint not found: install libxml2-utils (installer/install-deps.sh)";
            return false;
        }
        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("doc.xml"));
        QFile f(file);
        f.open(QIODevice::WriteOnly);
        f.write(doc);
        f.close();
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XML_CATALOG_FILES"), m_dir + QStringLiteral("/catalog.xml"));
        p.setProcessEnvironment(env);
        p.start(xmllint,
                {QStringLiteral("--noout"), QStringLiteral("--nonet"), QStringLiteral("--schema"),
                 m_dir + QLatin1Char('/') + root + QStringLiteral(".xsd"), file});
        if (!p.waitForFinished(30000)) {
            p.kill();
            ADD_FAILURE() << "xmllint did not finish";
            return false;
        }
        if (p.exitCode() != 0) {
            std::cerr << "xmllint: " << p.readAllStandardError().toStdString();
        }
        return p.exitCode() == 0;
    }

    void expectValid(const QByteArray &doc, const QString &root) {
        const auto ours = m_validator->validate(doc, root);
        EXPECT_TRUE(ours) << (ours ? std::string() : ours.error().message.toStdString()) << "\n"
                          << doc.toStdString();
        EXPECT_TRUE(xmllintAccepts(doc, root)) << doc.toStdString();
    }

    QString m_dir;
    std::shared_ptr<XsdValidator> m_validator;
};

} // namespace

TEST_F(XsdValidation, FullSclIsValid) {
    Scl scl;
    scl.sclId = QStringLiteral("gscl-1");
    scl.pocs = {QStringLiteral("http://a/m2m")};
    scl.onlineStatus = QStringLiteral("ONLINE");
    scl.serverCapability = false;
    scl.schedule = {QStringLiteral("* * *")};
    scl.expirationTime = QDateTime::currentDateTimeUtc();
    scl.accessRightID = QStringLiteral("/m2m/accessRights/a");
    scl.searchStrings = QStringList{QStringLiteral("s")};
    scl.creationTime = QDateTime::currentDateTimeUtc();
    scl.lastModifiedTime = QDateTime::currentDateTimeUtc();
    scl.mgmtProtocolType = QStringLiteral("BBF TR 069");
    scl.references = {
        {QStringLiteral("containersReference"), QStringLiteral("/m2m/scls/gscl-1/containers")}};

    expectValid(encodeScl(scl), QStringLiteral("scl"));
}

TEST_F(XsdValidation, SclBaseSclsAndErrorInfoAreValid) {
    SclBase base;
    base.creationTime = QDateTime::currentDateTimeUtc();
    base.lastModifiedTime = base.creationTime;
    base.searchStrings = {QStringLiteral("nscl")};
    base.references = {{QStringLiteral("sclsReference"), QStringLiteral("/m2m/scls")}};
    Scls scls;
    scls.creationTime = base.creationTime;
    scls.lastModifiedTime = base.creationTime;
    scls.scls = {{QStringLiteral("a"), QStringLiteral("/m2m/scls/a")},
                 {QStringLiteral("b"), QStringLiteral("/m2m/scls/b")}};

    expectValid(encodeSclBase(base), QStringLiteral("sclBase"));
    expectValid(encodeScls(scls), QStringLiteral("scls"));
    expectValid(encodeErrorInfo({StatusCode::Conflict, QStringLiteral("taken")}),
                QStringLiteral("errorInfo"));
}

TEST_F(XsdValidation, BothJudgesRejectAnElementOutOfOrder) {
    const QByteArray bad = "<m2m:scl xmlns:m2m=\"http://uri.etsi.org/m2m\" sclId=\"g\">"
                           "<m2m:onlineStatus>ONLINE</m2m:onlineStatus><m2m:pocs/></m2m:scl>";

    const auto ours = m_validator->validate(bad, QStringLiteral("scl"));

    ASSERT_FALSE(ours);
    EXPECT_TRUE(ours.error().message.contains(QLatin1String("line 1")))
        << ours.error().message.toStdString();
    EXPECT_FALSE(xmllintAccepts(bad, QStringLiteral("scl")));
}

TEST_F(XsdValidation, RejectsUnknownRootsAndBrokenDocuments) {
    EXPECT_FALSE(m_validator->validate("<m2m:nothing xmlns:m2m=\"http://uri.etsi.org/m2m\"/>"));
    EXPECT_FALSE(m_validator->validate("<m2m:scl", QStringLiteral("scl")));
    EXPECT_FALSE(m_validator->validate("<x/>", QStringLiteral("../etc/passwd")));
}

TEST(XsdValidatorOpen, NamesTheFolderWhenItHoldsNoSchemas) {
    const auto v = XsdValidator::open(QStringLiteral("/nonexistent-folder"));

    ASSERT_FALSE(v);
    EXPECT_TRUE(v.error().message.contains(QLatin1String("/nonexistent-folder")));
}
