// SPDX-License-Identifier: Apache-2.0
#include "core/runner/reports.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QXmlStreamReader>

using namespace m2mbench;
using namespace m2mbench::runner;

namespace {

TestResult result(const QString &id, Verdict v, const QString &reason = {}) {
    TestResult r;
    r.info.id = id;
    r.info.title = id + QStringLiteral(" title");
    r.info.group = QStringLiteral("etsi-m2m/nscl");
    r.verdict = v;
    r.reason = reason;
    return r;
}

/// testcase name -> the element under it that carries the outcome ("" for passed).
QMap<QString, QString> outcomes(const QByteArray &xml) {
    QMap<QString, QString> out;
    QXmlStreamReader r(xml);
    QString current;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == u"testcase") {
            current = r.attributes().value(QStringLiteral("name")).toString();
            out.insert(current, QString());
        } else if (r.isStartElement() &&
                   (r.name() == u"failure" || r.name() == u"error" || r.name() == u"skipped")) {
            out[current] = r.name().toString() + QLatin1Char(':') +
                           r.attributes().value(QStringLiteral("type")).toString();
        }
    }
    EXPECT_FALSE(r.hasError()) << r.errorString().toStdString();
    return out;
}

} // namespace

TEST(JUnit, NeverShowsInconcOrNoneAsPassed) {
    RunSummary s;
    s.results = {result(QStringLiteral("P"), Verdict::Pass),
                 result(QStringLiteral("I"), Verdict::Inconc, QStringLiteral("no answer")),
                 result(QStringLiteral("N"), Verdict::None, QStringLiteral("no check")),
                 result(QStringLiteral("F"), Verdict::Fail, QStringLiteral("409")),
                 result(QStringLiteral("E"), Verdict::Error, QStringLiteral("script"))};
    Deselected d;
    d.info.id = QStringLiteral("S");
    d.reason = QStringLiteral("PICS_X=false");
    s.deselected = {d};

    const QByteArray xml = junitXml(s);
    const auto o = outcomes(xml);

    EXPECT_EQ(o.value(QStringLiteral("P")), QString());
    EXPECT_EQ(o.value(QStringLiteral("I")), QStringLiteral("failure:inconc"));
    EXPECT_EQ(o.value(QStringLiteral("N")), QStringLiteral("failure:none"));
    EXPECT_EQ(o.value(QStringLiteral("F")), QStringLiteral("failure:fail"));
    EXPECT_EQ(o.value(QStringLiteral("E")), QStringLiteral("error:error"));
    EXPECT_EQ(o.value(QStringLiteral("S")), QStringLiteral("skipped:"));
    EXPECT_TRUE(xml.contains("failures=\"3\" errors=\"1\" skipped=\"1\""));
    EXPECT_TRUE(xml.contains("verdict inconc: no answer"));
}

TEST(RunSummary, OverallIsTheWorstAndAllPassedNeedsARun) {
    RunSummary s;
    EXPECT_FALSE(s.allPassed());
    s.results = {result(QStringLiteral("A"), Verdict::Pass),
                 result(QStringLiteral("B"), Verdict::Inconc)};

    EXPECT_EQ(s.overall(), Verdict::Inconc);
    EXPECT_FALSE(s.allPassed());
}

TEST(VerdictTable, ListsEveryTestCaseWithItsReason) {
    RunSummary s;
    s.results = {result(QStringLiteral("TC_A"), Verdict::Fail,
                        QStringLiteral("[body] status is STATUS_OK: got STATUS_NOT_FOUND"))};

    const QString table = verdictTable(s);

    EXPECT_TRUE(table.contains(QLatin1String("TC_A")));
    EXPECT_TRUE(table.contains(QLatin1String("fail")));
    EXPECT_TRUE(table.contains(QLatin1String("got STATUS_NOT_FOUND")));
}
