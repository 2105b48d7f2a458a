// SPDX-License-Identifier: Apache-2.0
// The bundled suite through the runner against the in-process reference NSCL.
#include "tests/runner/script_fixture.h"
#include "tests/support/printers.h"

using namespace m2mbench;
using namespace m2mbench::runner;

TEST(RunnerIntegration, BundledSuitePassesAgainstTheEmbeddedNscl) {
    trace::Trace trace;

    const RunSummary s = test::runSuite({test::sourceDir() + QStringLiteral("/testcases")}, trace);

    ASSERT_GE(s.results.size(), 4);
    for (const TestResult &r : s.results) {
        EXPECT_EQ(r.verdict, Verdict::Pass)
            << r.info.id.toStdString() << ": " << r.reason.toStdString();
        EXPECT_GT(r.checks, 0) << r.info.id.toStdString();
    }
    EXPECT_TRUE(s.embedded);
    EXPECT_TRUE(s.allPassed());
    EXPECT_EQ(s.pixit.value(QStringLiteral("PX_NSCL_BASE")).toString(), QStringLiteral("/m2m"));
}

TEST(RunnerIntegration, BundledSuiteValidatesAgainstTheSchemas) {
    if (test::xsdDir().isEmpty()) {
        GTEST_SKIP() << "SKIPPED: TS 102 921 schemas not found at "
                     << test::xsdDirSearched().toStdString()
                     << "; schema validation of the suite NOT checked";
    }
    trace::Trace trace;
    RunOptions options;
    options.xsdDir = test::xsdDir();

    const RunSummary s =
        test::runSuite({test::sourceDir() + QStringLiteral("/testcases")}, trace, options);

    EXPECT_EQ(s.xsdDir, test::xsdDir());
    for (const TestResult &r : s.results) {
        EXPECT_EQ(r.verdict, Verdict::Pass)
            << r.info.id.toStdString() << ": " << r.reason.toStdString();
    }
    int validations = 0;
    for (const trace::Event &e : trace.since(0)) {
        if (e.kind == trace::EventKind::Check &&
            e.text.startsWith(QLatin1String("body is a valid"))) {
            ++validations;
            EXPECT_FALSE(e.text.contains(QLatin1String("schemas not configured")));
        }
    }
    EXPECT_GT(validations, 5);
}

TEST(RunnerIntegration, NsclSuitePassesOverEveryBindingOfTheEmbeddedNscl) {
    // The same NSCL suite over HTTP, CoAP and their secured forms (TLS-PSK, DTLS-PSK): every
    // procedure is binding-independent, so every test case must pass over each.
    for (const QString &binding :
         {QStringLiteral("coap"), QStringLiteral("https-psk"), QStringLiteral("coaps")}) {
        trace::Trace trace;
        RunOptions options;
        options.xsdDir = test::xsdDir();
        options.pixitOverrides = {QStringLiteral("PX_MID_BINDING=") + binding};

        const RunSummary s = test::runSuite(
            {test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/nscl")}, trace, options);

        EXPECT_GE(s.results.size(), 50) << binding.toStdString();
        for (const TestResult &r : s.results) {
            EXPECT_EQ(r.verdict, Verdict::Pass)
                << binding.toStdString() << " " << r.info.id.toStdString() << ": "
                << r.reason.toStdString();
        }
    }
}

TEST(RunnerIntegration, TraceTellsTheStoryOfEachTestCase) {
    trace::Trace trace;
    RunOptions options;
    options.only = {QStringLiteral("TC_NSCL_REG_003")};

    const RunSummary s =
        test::runSuite({test::sourceDir() + QStringLiteral("/testcases")}, trace, options);

    ASSERT_EQ(s.results.size(), 1);
    const TestResult &r = s.results.first();
    const auto events =
        trace.since(r.firstSeq - 1, static_cast<qsizetype>(r.lastSeq - r.firstSeq + 1));
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front().kind, trace::EventKind::TestCaseStarted);
    EXPECT_EQ(events.back().kind, trace::EventKind::TestCaseFinished);
    EXPECT_EQ(events.back().verdict, Verdict::Pass);
    bool sawConflict = false;
    for (const trace::Event &e : events) {
        EXPECT_EQ(e.testCaseId, QStringLiteral("TC_NSCL_REG_003"));
        if (e.kind == trace::EventKind::MessageReceived &&
            e.summary.startsWith(QLatin1String("409"))) {
            sawConflict = true;
            EXPECT_EQ(e.phase, QStringLiteral("body"));
            EXPECT_EQ(e.from, QStringLiteral("NSCL"));
            EXPECT_TRUE(e.raw.startsWith("HTTP/1.1 409"));
        }
        if (e.kind == trace::EventKind::Check) {
            EXPECT_NE(e.relatesTo, 0u) << e.text.toStdString();
        }
    }
    EXPECT_TRUE(sawConflict);
    EXPECT_FALSE(s.deselected.isEmpty()); // --only left the others out, with a reason
}

TEST(RunnerIntegration, PicsDeselectsWithTheReason) {
    QTemporaryDir dir;
    const QString pics = dir.filePath(QStringLiteral("pics.json"));
    QFile f(pics);
    f.open(QIODevice::WriteOnly);
    f.write(R"({"PICS_NSCL_HTTP": true, "PICS_NSCL_SCL_REGISTRATION": true,
                "PICS_NSCL_SCL_DEREGISTRATION": false, "PICS_NSCL_CONTAINERS": true,
                "PICS_NSCL_CONTAINER_LIMITS": true})");
    f.close();
    trace::Trace trace;
    RunOptions options;
    options.picsFile = pics;

    const RunSummary s = test::runSuite(
        {test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/nscl")}, trace, options);

    bool found = false;
    for (const Deselected &d : s.deselected) {
        if (d.info.id == QStringLiteral("TC_NSCL_REG_004")) {
            found = true;
            EXPECT_TRUE(d.reason.contains(QLatin1String("PICS_NSCL_SCL_DEREGISTRATION=false")))
                << d.reason.toStdString();
        }
    }
    EXPECT_TRUE(found);
    const TestResult *registered = test::resultOf(s, QStringLiteral("TC_NSCL_REG_001"));
    ASSERT_NE(registered, nullptr);
    EXPECT_EQ(registered->verdict, Verdict::Pass);
}
