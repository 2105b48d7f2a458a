// SPDX-License-Identifier: Apache-2.0
#include "core/runner/suite.h"
#include "core/runner/traceability.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace m2mbench;
using namespace m2mbench::runner;

TEST(Suite, LoadsTheBundledTestCasesWithTheirMetadata) {
    const auto suite = loadSuite({test::sourceDir() + QStringLiteral("/testcases")});

    ASSERT_TRUE(suite) << suite.error().message.toStdString();
    ASSERT_GE(suite->testCases.size(), 4);
    const TestCaseInfo *reg = suite->find(QStringLiteral("TC_NSCL_REG_001"));
    ASSERT_NE(reg, nullptr);
    EXPECT_EQ(reg->purpose, QStringLiteral("TP_NSCL_REG_001"));
    EXPECT_EQ(reg->configuration, QStringLiteral("CFG_NSCL"));
    EXPECT_EQ(reg->group, QStringLiteral("etsi-m2m/nscl/registration"));
    EXPECT_FALSE(reg->pics.isEmpty());
    EXPECT_TRUE(reg->pixit.contains(QStringLiteral("PX_SCL_ID")));
    EXPECT_EQ(reg->references.first().document, QStringLiteral("ETSI TS 102 690"));
    EXPECT_EQ(reg->references.first().clause, QStringLiteral("9.3.2.6.2"));
}

TEST(Suite, NamesTheFileAndTheProblemOfABrokenScript) {
    QTemporaryDir dir;
    auto write = [&dir](const QString &name, const QByteArray &text) {
        QFile f(dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
    };
    write(QStringLiteral("TC_SYNTAX.js"), "export const meta = {;");
    const auto syntax = loadSuite({dir.filePath(QStringLiteral("TC_SYNTAX.js"))});
    write(QStringLiteral("TC_NOMETA.js"), "export function body(ctx) {}");
    const auto nometa = loadSuite({dir.filePath(QStringLiteral("TC_NOMETA.js"))});
    write(
        QStringLiteral("TC_WRONGID.js"),
        "export const meta = {id: 'TC_OTHER', title: 't', purpose: 'p', configuration: 'CFG_NSCL',"
        " references: [{document: 'd', clause: '1'}]}; export function body(ctx) {}");
    const auto wrongId = loadSuite({dir.filePath(QStringLiteral("TC_WRONGID.js"))});
    write(QStringLiteral("TC_SPARSE.js"),
          "export const meta = {id: 'TC_SPARSE'}; export function body(ctx) {}");
    const auto sparse = loadSuite({dir.filePath(QStringLiteral("TC_SPARSE.js"))});

    ASSERT_FALSE(syntax);
    EXPECT_TRUE(syntax.error().message.contains(QLatin1String("TC_SYNTAX.js")));
    ASSERT_FALSE(nometa);
    EXPECT_TRUE(nometa.error().message.contains(QLatin1String("meta")));
    ASSERT_FALSE(wrongId);
    EXPECT_TRUE(wrongId.error().message.contains(QLatin1String("file name")));
    ASSERT_FALSE(sparse);
    EXPECT_TRUE(
        sparse.error().message.contains(QLatin1String("title, purpose, configuration, references")))
        << sparse.error().message.toStdString();
    EXPECT_FALSE(loadSuite({dir.filePath(QStringLiteral("missing"))}));
}

TEST(Traceability, ListsEachClauseWithItsTestCasesInClauseOrder) {
    TestCaseInfo a;
    a.id = QStringLiteral("TC_A");
    a.references = {{QStringLiteral("ETSI TS 102 690"), QStringLiteral("9.3.2.10")},
                    {QStringLiteral("ETSI TS 102 690"), QStringLiteral("9.3.2.6.2")}};
    TestCaseInfo b;
    b.id = QStringLiteral("TC_B");
    b.references = {{QStringLiteral("ETSI TS 102 690"), QStringLiteral("9.3.2.6.2")},
                    {QStringLiteral("IETF RFC 5191"), QStringLiteral("4.1")}};

    const auto coverage = coverageByClause({a, b});

    ASSERT_EQ(coverage.size(), 3);
    EXPECT_EQ(coverage[0].clause, QStringLiteral("9.3.2.6.2"));
    EXPECT_EQ(coverage[0].testCases, QStringList({QStringLiteral("TC_A"), QStringLiteral("TC_B")}));
    EXPECT_EQ(coverage[1].clause, QStringLiteral("9.3.2.10"));
    EXPECT_EQ(coverage[2].document, QStringLiteral("IETF RFC 5191"));
    EXPECT_TRUE(traceabilityText({a, b}).contains(QLatin1String("9.3.2.6.2")));
}
