// SPDX-License-Identifier: Apache-2.0
// The verdict rules of PROFILE.md, exercised through real scripts against the embedded NSCL.
#include "tests/runner/script_fixture.h"
#include "tests/support/printers.h"

#include <QElapsedTimer>

#include <thread>

using namespace m2mbench;
using namespace m2mbench::runner;

namespace {

class VerdictRules : public ::testing::Test {
protected:
    RunSummary run(const RunOptions &options = {}) {
        return test::runSuite({m_suite.path()}, m_trace, options);
    }

    test::ScriptSuite m_suite;
    trace::Trace m_trace;
};

} // namespace

TEST_F(VerdictRules, AWrongAnswerInTheBodyFails) {
    m_suite.add(QStringLiteral("TC_FAILCHECK"),
                QStringLiteral(
                    "ctx.expectStatus(ctx.device.retrieve(paths(ctx).base), 'STATUS_NOT_FOUND');"));

    const RunSummary s = run();
    const auto *r = test::resultOf(s, QStringLiteral("TC_FAILCHECK"));

    ASSERT_TRUE(r);
    EXPECT_EQ(r->verdict, Verdict::Fail);
    EXPECT_TRUE(r->reason.contains(QLatin1String("got STATUS_OK (HTTP 200)")))
        << r->reason.toStdString();
    EXPECT_EQ(r->failedChecks, 1);
}

TEST_F(VerdictRules, AScriptBugIsTheBenchsOwnError) {
    m_suite.add(QStringLiteral("TC_THROW"), QStringLiteral("const x = null; x.y = 1;"));
    m_suite.add(QStringLiteral("TC_PIXIT"), QStringLiteral("ctx.pixit('PX_NOPE');"));
    m_suite.add(QStringLiteral("TC_BADVERDICT"), QStringLiteral("ctx.setVerdict('great', 'x');"));

    const RunSummary s = run();

    for (const char *id : {"TC_THROW", "TC_PIXIT", "TC_BADVERDICT"}) {
        const auto *r = test::resultOf(s, QLatin1String(id));
        ASSERT_TRUE(r);
        EXPECT_EQ(r->verdict, Verdict::Error) << id;
        EXPECT_TRUE(r->reason.contains(QLatin1String("script error"))) << r->reason.toStdString();
    }
    EXPECT_TRUE(
        test::resultOf(s, QStringLiteral("TC_PIXIT"))->reason.contains(QLatin1String("PX_NOPE")));
}

TEST_F(VerdictRules, ARunawayScriptIsStoppedByTheWatchdog) {
    m_suite.add(QStringLiteral("TC_LOOP"), QStringLiteral("for (;;) {}"));
    RunOptions options;
    options.pixitOverrides = {QStringLiteral("PX_TC_TIMEOUT_MS=300")};
    QElapsedTimer timer;
    timer.start();

    const RunSummary s = run(options);
    const auto *r = test::resultOf(s, QStringLiteral("TC_LOOP"));

    ASSERT_TRUE(r);
    EXPECT_EQ(r->verdict, Verdict::Error);
    EXPECT_TRUE(r->reason.contains(QLatin1String("time limit of 300 ms")))
        << r->reason.toStdString();
    EXPECT_LT(timer.elapsed(), 10000);
}

TEST_F(VerdictRules, NoCheckMeansNoneAndIsNotAPass) {
    m_suite.add(QStringLiteral("TC_NOCHECK"), QStringLiteral("ctx.log('looked around');"));

    const RunSummary s = run();

    EXPECT_EQ(test::resultOf(s, QStringLiteral("TC_NOCHECK"))->verdict, Verdict::None);
    EXPECT_TRUE(test::resultOf(s, QStringLiteral("TC_NOCHECK"))
                    ->reason.contains(QLatin1String("no check")));
    EXPECT_FALSE(s.allPassed());
}

TEST_F(VerdictRules, PreambleTroubleIsInconclusiveAndSkipsTheBody) {
    m_suite.add(QStringLiteral("TC_PRE"),
                QStringLiteral("ctx.setVerdict('fail', 'the body must not run');"),
                QStringLiteral("ctx.expectTrue(false, 'preamble could not set up');"));

    const RunSummary s = run();
    const auto *r = test::resultOf(s, QStringLiteral("TC_PRE"));

    ASSERT_TRUE(r);
    EXPECT_EQ(r->verdict, Verdict::Inconc);
    EXPECT_TRUE(r->reason.startsWith(QLatin1String("[preamble]"))) << r->reason.toStdString();
}

TEST_F(VerdictRules, PostambleTroubleSpoilsAPassToInconc) {
    m_suite.add(QStringLiteral("TC_POST"), QStringLiteral("ctx.expectTrue(true, 'fine');"),
                QString(), QStringLiteral("ctx.expectTrue(false, 'cleanup failed');"));

    const RunSummary s = run();
    const auto *r = test::resultOf(s, QStringLiteral("TC_POST"));

    ASSERT_TRUE(r);
    EXPECT_EQ(r->verdict, Verdict::Inconc);
    EXPECT_TRUE(r->reason.contains(QLatin1String("cleanup failed")));
}

TEST_F(VerdictRules, AVerdictNeverImproves) {
    m_suite.add(QStringLiteral("TC_WORSE"),
                QStringLiteral("ctx.setVerdict('fail', 'first'); ctx.expectTrue(true, 'later');"
                               " ctx.setVerdict('pass', 'try to improve');"));

    const RunSummary s = run();
    const auto *r = test::resultOf(s, QStringLiteral("TC_WORSE"));

    ASSERT_TRUE(r);
    EXPECT_EQ(r->verdict, Verdict::Fail);
    EXPECT_EQ(r->reason, QStringLiteral("first"));
}

TEST_F(VerdictRules, StopEndsTheRunPromptly) {
    m_suite.add(QStringLiteral("TC_A_LONG"), QStringLiteral("for (;;) {}"));
    m_suite.add(QStringLiteral("TC_B_NEVER"), QStringLiteral("ctx.expectTrue(true, 'x');"));
    auto suite = runner::loadSuite({m_suite.path()});
    ASSERT_TRUE(suite);
    Runner runner(m_trace);
    QElapsedTimer timer;
    timer.start();
    std::thread stopper([&runner] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        runner.stop();
    });

    const auto s = runner.run(*suite, {});
    stopper.join();

    ASSERT_TRUE(s);
    EXPECT_TRUE(s->stopped);
    ASSERT_EQ(s->results.size(), 1);
    EXPECT_EQ(s->results.first().verdict, Verdict::Inconc);
    EXPECT_TRUE(s->results.first().reason.contains(QLatin1String("stopped by the user")));
    EXPECT_LT(timer.elapsed(), 5000);
}
