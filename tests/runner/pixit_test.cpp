// SPDX-License-Identifier: Apache-2.0
#include "core/runner/pixit.h"
#include "tests/support/printers.h"

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
