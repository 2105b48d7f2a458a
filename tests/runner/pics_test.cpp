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

TEST(Proforma, ReportsEveryProblemOfALabsFileAtOnce) {
    QTemporaryDir dir;
    auto write = [&dir](const QString &name, const QByteArray &text) {
        QFile f(dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return dir.filePath(name);
    };
    Pics pics;
    ASSERT_TRUE(
        pics.loadProforma(write(QStringLiteral("proforma.json"), R"({"role": "NSCL", "items": [
        {"id": "PICS_A", "question": "A?", "type": "boolean", "default": true, "mandatory": true},
        {"id": "PICS_B", "question": "B?", "type": "boolean", "default": true, "mandatory": true},
        {"id": "PICS_MODE", "question": "Mode?", "type": "enum", "allowed": ["HTTP", "CoAP"],
         "default": "HTTP"}]})")));

    const auto bad = pics.loadValues(write(
        QStringLiteral("lab.json"), R"({"PICS_A": "yes", "PICS_MODE": "MQTT", "PICS_Z": 1})"));

    ASSERT_FALSE(bad);
    const QString m = bad.error().message;
    EXPECT_TRUE(m.contains(QLatin1String("PICS PICS_A must be true or false, not 'yes'")))
        << m.toStdString();
    EXPECT_TRUE(m.contains(QLatin1String("PICS PICS_MODE must be one of HTTP, CoAP, not 'MQTT'")))
        << m.toStdString();
    EXPECT_TRUE(m.contains(QLatin1String("unknown PICS item PICS_Z"))) << m.toStdString();
    EXPECT_TRUE(m.contains(QLatin1String("mandatory PICS item PICS_B is missing (B?)")))
        << m.toStdString();
}

TEST(Proforma, RefusesAProformaWithAnUnknownType) {
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("p.json")));
    f.open(QIODevice::WriteOnly);
    f.write(R"({"items": [{"id": "PICS_A", "type": "colour", "default": "red"}]})");
    f.close();
    Pics pics;

    const auto r = pics.loadProforma(dir.filePath(QStringLiteral("p.json")));

    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().message.contains(QLatin1String("colour")));
}
