// SPDX-License-Identifier: Apache-2.0
#include "core/runner/pics.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

using namespace m2mbench::runner;

namespace {

Pics loaded(QTemporaryDir &dir) {
    const QString path = dir.filePath(QStringLiteral("pics.json"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(R"({"items":[{"id":"PICS_A","default":true},{"id":"PICS_B","default":false}]})");
    f.close();
    Pics pics;
    EXPECT_TRUE(pics.loadProforma(path));
    return pics;
}

} // namespace

TEST(Pics, EvaluatesPredicatesAndNamesTheDecidingValues) {
    QTemporaryDir dir;
    const Pics pics = loaded(dir);

    const auto yes = pics.evaluate(QStringLiteral("PICS_A && !PICS_B"));
    const auto no = pics.evaluate(QStringLiteral("PICS_A && PICS_B"));
    const auto always = pics.evaluate(QString());

    ASSERT_TRUE(yes && no && always);
    EXPECT_TRUE(yes->selected);
    EXPECT_FALSE(no->selected);
    EXPECT_EQ(no->reason, QStringLiteral("PICS_A && PICS_B: PICS_A=true, PICS_B=false"));
    EXPECT_TRUE(always->selected);
}

TEST(Pics, RejectsUnknownItemsAndNonBooleanPredicates) {
    QTemporaryDir dir;
    const Pics pics = loaded(dir);

    const auto unknown = pics.evaluate(QStringLiteral("PICS_A && PICS_C"));
    const auto notBool = pics.evaluate(QStringLiteral("PICS_A ? 1 : 2"));

    ASSERT_FALSE(unknown);
    EXPECT_TRUE(unknown.error().message.contains(QLatin1String("PICS_C")));
    EXPECT_FALSE(notBool);
}
