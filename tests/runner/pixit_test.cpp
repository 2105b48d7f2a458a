// SPDX-License-Identifier: Apache-2.0
#include "core/runner/pixit.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

using namespace m2mbench::runner;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content) {
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path;
}

const QByteArray kProforma = R"({"role":"NSCL","items":[
    {"id":"PX_BASE","type":"string","default":"/m2m"},
    {"id":"PX_TIMEOUT","type":"integer","default":5000},
    {"id":"PX_HINT","type":"boolean","default":false}]})";

} // namespace

TEST(Pixit, DefaultsThenFileThenOverrides) {
    QTemporaryDir dir;
    Pixit pixit;
    ASSERT_TRUE(pixit.loadProforma(writeFile(dir, QStringLiteral("p.json"), kProforma)));

    ASSERT_TRUE(
        pixit.loadValues(writeFile(dir, QStringLiteral("v.json"), R"({"PX_TIMEOUT": 2000})")));
    ASSERT_TRUE(pixit.set(QStringLiteral("PX_HINT"), QStringLiteral("true")));

    EXPECT_EQ(pixit.stringValue(QStringLiteral("PX_BASE")), QStringLiteral("/m2m"));
    EXPECT_EQ(pixit.intValue(QStringLiteral("PX_TIMEOUT"), 0), 2000);
    EXPECT_TRUE(pixit.value(QStringLiteral("PX_HINT")).toBool());
    EXPECT_EQ(pixit.applied().size(), 3);
}

TEST(Pixit, RejectsUnknownItemsAndWrongTypesWithPreciseMessages) {
    QTemporaryDir dir;
    Pixit pixit;
    ASSERT_TRUE(pixit.loadProforma(writeFile(dir, QStringLiteral("p.json"), kProforma)));

    const auto unknown =
        pixit.loadValues(writeFile(dir, QStringLiteral("a.json"), R"({"PX_NOPE": 1})"));
    const auto wrongType =
        pixit.loadValues(writeFile(dir, QStringLiteral("b.json"), R"({"PX_TIMEOUT": "soon"})"));
    const auto fraction = pixit.set(QStringLiteral("PX_TIMEOUT"), QStringLiteral("1.5"));
    const auto notBool = pixit.set(QStringLiteral("PX_HINT"), QStringLiteral("maybe"));
    const auto broken = pixit.loadValues(writeFile(dir, QStringLiteral("c.json"), "{not json"));

    ASSERT_FALSE(unknown);
    EXPECT_TRUE(unknown.error().message.contains(QLatin1String("unknown PIXIT item PX_NOPE")));
    ASSERT_FALSE(wrongType);
    EXPECT_TRUE(wrongType.error().message.contains(QLatin1String("PX_TIMEOUT must be an integer")));
    EXPECT_FALSE(fraction);
    EXPECT_FALSE(notBool);
    ASSERT_FALSE(broken);
    EXPECT_TRUE(broken.error().message.contains(QLatin1String("invalid JSON")));
}

TEST(Pixit, KnowsWhichItemsAreKeysAndReportsMaskThem) {
    QTemporaryDir dir;
    Pixit pixit;
    ASSERT_TRUE(pixit.loadProforma(writeFile(dir, QStringLiteral("k.json"), R"({"items":[
        {"id":"PX_KMR","type":"string","secret":true,"default":"00112233"},
        {"id":"PX_KMC","type":"string","secret":true,"default":""},
        {"id":"PX_KMR_INDEX","type":"integer","default":1}]})")));

    const QStringList secret = pixit.secretIds();
    const QVariantMap masked = reportedPixit(pixit.applied(), secret, false);
    const QVariantMap clear = reportedPixit(pixit.applied(), secret, true);
    const QStringList typed =
        reportedAssignments({QStringLiteral("PX_KMR=a1b2c3"), QStringLiteral("PX_KMR_INDEX=2"),
                             QStringLiteral("PX_KMC=")},
                            secret, false);

    EXPECT_EQ(secret, (QStringList{QStringLiteral("PX_KMC"), QStringLiteral("PX_KMR")}));
    EXPECT_EQ(masked.value(QStringLiteral("PX_KMR")).toString(), QStringLiteral("(masked)"));
    EXPECT_EQ(masked.value(QStringLiteral("PX_KMC")).toString(), QString())
        << "an empty key is shown as not given";
    EXPECT_EQ(masked.value(QStringLiteral("PX_KMR_INDEX")).toInt(), 1);
    EXPECT_EQ(clear.value(QStringLiteral("PX_KMR")).toString(), QStringLiteral("00112233"));
    EXPECT_EQ(typed, (QStringList{QStringLiteral("PX_KMR=(masked)"),
                                  QStringLiteral("PX_KMR_INDEX=2"), QStringLiteral("PX_KMC=")}));
}

TEST(Pixit, TheBundledKeyItemsAreMarkedSecret) {
    Pixit pixit;
    for (const char *file :
         {"testcases/etsi-m2m/nscl/pixit.json", "testcases/etsi-m2m/dg/connection/pixit.json"}) {
        ASSERT_TRUE(pixit.loadProforma(m2mbench::test::sourceDir() + QLatin1Char('/') +
                                       QLatin1String(file)))
            << file;
    }

    EXPECT_EQ(pixit.secretIds(), (QStringList{QStringLiteral("PX_DG_SC_KMR"),
                                              QStringLiteral("PX_KMC"), QStringLiteral("PX_KMR")}));
}
