// SPDX-License-Identifier: Apache-2.0
// A SUT that misbehaves gives a verdict with a reason within the step timeout; the bench neither
// crashes nor hangs nor reads without bound.
#include "tests/runner/script_fixture.h"
#include "tests/support/fake_sut.h"
#include "tests/support/printers.h"

#include <QElapsedTimer>

using namespace m2mbench;
using namespace m2mbench::runner;
using m2mbench::test::FakeSut;

namespace {

constexpr int kStepTimeoutMs = 800;

struct Outcome {
    Verdict verdict = Verdict::None;
    QString reason;
    qint64 elapsedMs = 0;
};

Outcome runAgainst(const QString &target) {
    test::ScriptSuite suite;
    suite.add(QStringLiteral("TC_PROBE"),
              QStringLiteral("const r = ctx.device.retrieve(paths(ctx).base);\n"
                             "ctx.expectStatus(r, 'STATUS_OK');"));
    trace::Trace trace;
    RunOptions options;
    options.target = target;
    options.pixitOverrides = {QStringLiteral("PX_STEP_TIMEOUT_MS=%1").arg(kStepTimeoutMs)};
    QElapsedTimer timer;
    timer.start();
    const RunSummary s = test::runSuite({suite.path()}, trace, options);
    Outcome o;
    o.elapsedMs = timer.elapsed();
    if (s.results.size() == 1) {
        o.verdict = s.results.first().verdict;
        o.reason = s.results.first().reason;
    }
    return o;
}

} // namespace

TEST(BadInput, ARefusingTargetIsInconclusive) {
    const Outcome o =
        runAgainst(QStringLiteral("http://127.0.0.1:%1/m2m").arg(FakeSut::refusingPort()));

    EXPECT_EQ(o.verdict, Verdict::Inconc);
    EXPECT_TRUE(o.reason.contains(QLatin1String("refused"))) << o.reason.toStdString();
    EXPECT_LT(o.elapsedMs, kStepTimeoutMs + 3000);
}

TEST(BadInput, APeerThatClosesFails) {
    FakeSut sut(FakeSut::Behaviour::CloseAtOnce);

    const Outcome o = runAgainst(sut.url());

    EXPECT_EQ(o.verdict, Verdict::Fail);
    EXPECT_TRUE(o.reason.contains(QLatin1String("closed the connection")))
        << o.reason.toStdString();
}

TEST(BadInput, GarbageFails) {
    FakeSut sut(FakeSut::Behaviour::Garbage);

    const Outcome o = runAgainst(sut.url());

    EXPECT_EQ(o.verdict, Verdict::Fail);
    EXPECT_TRUE(o.reason.contains(QLatin1String("malformed"))) << o.reason.toStdString();
}

TEST(BadInput, ASlowAnswerFailsWithinTheStepTimeout) {
    FakeSut sut(FakeSut::Behaviour::Slow, kStepTimeoutMs * 4);

    const Outcome o = runAgainst(sut.url());

    EXPECT_EQ(o.verdict, Verdict::Fail);
    EXPECT_TRUE(o.reason.contains(QStringLiteral("no response within %1 ms").arg(kStepTimeoutMs)))
        << o.reason.toStdString();
    EXPECT_LT(o.elapsedMs, kStepTimeoutMs + 3000);
}

TEST(BadInput, ASlowButTimelyAnswerPasses) {
    FakeSut sut(FakeSut::Behaviour::Slow, kStepTimeoutMs / 4);

    const Outcome o = runAgainst(sut.url());

    EXPECT_EQ(o.verdict, Verdict::Pass) << o.reason.toStdString();
}

TEST(BadInput, SilenceFailsWithinTheStepTimeout) {
    FakeSut sut(FakeSut::Behaviour::Silent);

    const Outcome o = runAgainst(sut.url());

    EXPECT_EQ(o.verdict, Verdict::Fail);
    EXPECT_TRUE(o.reason.contains(QLatin1String("timeout"))) << o.reason.toStdString();
    EXPECT_LT(o.elapsedMs, kStepTimeoutMs + 3000);
}

TEST(BadInput, AFiftyMegabyteBodyIsRefusedWithoutBeingRead) {
    FakeSut sut(FakeSut::Behaviour::Huge);

    const Outcome o = runAgainst(sut.url());

    EXPECT_EQ(o.verdict, Verdict::Fail);
    EXPECT_TRUE(o.reason.contains(QLatin1String("52428800"))) << o.reason.toStdString();
    // The bench stopped reading at the header: far less than the 50 MB was ever sent.
    EXPECT_LT(sut.bytesStreamed(), 16LL * 1024 * 1024);
    EXPECT_LT(o.elapsedMs, kStepTimeoutMs + 3000);
}

TEST(BadInput, HalfAResponseFails) {
    FakeSut sut(FakeSut::Behaviour::HalfResponse);

    const Outcome o = runAgainst(sut.url());

    EXPECT_EQ(o.verdict, Verdict::Fail);
    EXPECT_TRUE(o.reason.contains(QLatin1String("mid-response"))) << o.reason.toStdString();
}
