// SPDX-License-Identifier: Apache-2.0
// The step-through debugger against the embedded reference NSCL.
#include "core/runner/debugger.h"
#include "tests/runner/script_fixture.h"
#include "tests/support/printers.h"

#include <QElapsedTimer>

#include <thread>

using namespace m2mbench;
using namespace m2mbench::runner;

namespace {

const QString kRegister =
    QStringLiteral("const p = paths(ctx);\n"
                   "ctx.device.remove(p.scl, {allowFailure: true});\n"
                   "const r = ctx.device.create(p.scls, registration(ctx));\n"
                   "ctx.expectStatus(r, 'STATUS_CREATED');\n"
                   "ctx.log('registered as ' + ctx.select(r.body, '@sclId')[0]);\n"
                   "ctx.log('scl id pixit ' + ctx.pixit('PX_SCL_ID'));\n");

struct Session {
    test::ScriptSuite suite;
    trace::Trace trace;
    Debugger debugger;
    QList<StopInfo> stops;

    RunSummary run(const std::function<Resumption(const StopInfo &)> &handler) {
        debugger.setInteractive([this, handler](const StopInfo &s) {
            stops.append(s);
            return handler(s);
        });
        auto loaded = runner::loadSuite({suite.path()});
        EXPECT_TRUE(loaded);
        Runner runner(trace);
        runner.setDebugger(&debugger);
        auto summary = runner.run(*loaded, {});
        EXPECT_TRUE(summary);
        return summary ? *summary : RunSummary();
    }

    bool logged(const QString &text) const {
        for (const trace::Event &e : trace.since(0)) {
            if (e.kind == trace::EventKind::Log && e.text.contains(text)) {
                return true;
            }
        }
        return false;
    }
};

Resumption command(DebugCommand c) {
    Resumption r;
    r.command = c;
    return r;
}

} // namespace

TEST(Breakpoint, ParsesAndPrints) {
    const auto b = Breakpoint::parse(QStringLiteral("receive:TC_X:D/GSCL:409"));

    ASSERT_TRUE(b);
    EXPECT_EQ(b->on, Breakpoint::On::Receive);
    EXPECT_EQ(b->testCaseId, QStringLiteral("TC_X"));
    EXPECT_EQ(b->node, QStringLiteral("D/GSCL"));
    EXPECT_EQ(b->contains, QStringLiteral("409"));
    EXPECT_EQ(b->toString(), QStringLiteral("receive:TC_X:D/GSCL:409"));
    EXPECT_FALSE(Breakpoint::parse(QStringLiteral("sometimes")));
}

TEST(Debugger, SteppingStopsBeforeAndAfterEveryMessage) {
    Session s;
    s.suite.add(QStringLiteral("TC_STEP"), kRegister);
    s.debugger.setStepping(true);

    const RunSummary r = s.run([](const StopInfo &) { return command(DebugCommand::Step); });

    ASSERT_EQ(s.stops.size(), 4); // DELETE out, answer in, CREATE out, answer in
    EXPECT_EQ(s.stops[0].on, Breakpoint::On::Send);
    EXPECT_TRUE(s.stops[0].editable);
    EXPECT_TRUE(s.stops[0].message.startsWith("DELETE /m2m/scls/"));
    EXPECT_EQ(s.stops[1].on, Breakpoint::On::Receive);
    EXPECT_FALSE(s.stops[1].editable);
    EXPECT_EQ(s.stops[2].why, QStringLiteral("step"));
    EXPECT_EQ(r.results.first().verdict, Verdict::Pass);
}

TEST(Debugger, ContinueRunsToTheNextBreakpointOnly) {
    Session s;
    s.suite.add(QStringLiteral("TC_BREAK"), kRegister);
    s.debugger.setBreakpoints({*Breakpoint::parse(QStringLiteral("receive:TC_BREAK::201"))});

    s.run([](const StopInfo &) { return command(DebugCommand::Continue); });

    ASSERT_EQ(s.stops.size(), 1);
    EXPECT_TRUE(s.stops.first().summary.startsWith(QLatin1String("201 STATUS_CREATED")));
    EXPECT_TRUE(s.stops.first().why.startsWith(QLatin1String("breakpoint receive")));
}

TEST(Debugger, AnEditedPendingMessageIsWhatTheSutReceives) {
    Session s;
    s.suite.add(QStringLiteral("TC_EDIT"), kRegister);
    s.debugger.setBreakpoints({*Breakpoint::parse(QStringLiteral("send:::CREATE"))});

    s.run([](const StopInfo &stop) {
        Resumption r = command(DebugCommand::Continue);
        QByteArray edited = stop.message;
        edited.replace("gscl-bench-01", "gscl-edited-at-a-breakpoint");
        r.edited = edited; // the Content-Length follows the new body
        return r;
    });

    EXPECT_TRUE(s.logged(QStringLiteral("registered as gscl-edited-at-a-breakpoint")));
    EXPECT_TRUE(s.logged(QStringLiteral("the request was edited at a debugger stop")));
}

TEST(Debugger, APixitValueChangedAtAStopAppliesFromThereOn) {
    Session s;
    s.suite.add(QStringLiteral("TC_PIXIT"), kRegister);
    s.debugger.setBreakpoints({*Breakpoint::parse(QStringLiteral("check"))});

    s.run([](const StopInfo &) {
        Resumption r = command(DebugCommand::Continue);
        r.pixitEdits = {{QStringLiteral("PX_SCL_ID"), QStringLiteral("changed-by-the-engineer")}};
        return r;
    });

    EXPECT_TRUE(s.logged(QStringLiteral("scl id pixit changed-by-the-engineer")));
}

TEST(Debugger, KeepingTheSutStateSkipsThePostambleAfterAFailure) {
    Session s;
    s.suite.add(QStringLiteral("TC_KEEP"), QStringLiteral("ctx.expectTrue(false, 'broken');"),
                QString(), QStringLiteral("ctx.log('postamble ran');"));
    s.debugger.setKeepSutStateOnFailure(true);

    const RunSummary r = s.run([](const StopInfo &) { return command(DebugCommand::Continue); });

    EXPECT_EQ(r.results.first().verdict, Verdict::Fail);
    EXPECT_FALSE(s.logged(QStringLiteral("postamble ran")));
    EXPECT_TRUE(s.logged(QStringLiteral("postamble skipped")));
}

TEST(Debugger, AbortAtAStopEndsTheRunCleanly) {
    Session s;
    s.suite.add(QStringLiteral("TC_A"), kRegister);
    s.suite.add(QStringLiteral("TC_B"), kRegister);
    s.debugger.setStepping(true);
    QElapsedTimer timer;
    timer.start();

    const RunSummary r = s.run([](const StopInfo &) { return command(DebugCommand::Abort); });

    EXPECT_TRUE(r.stopped);
    EXPECT_EQ(r.results.size(), 1);
    EXPECT_EQ(r.results.first().verdict, Verdict::Inconc);
    EXPECT_LT(timer.elapsed(), 5000);
}

TEST(Debugger, AGuiResumesFromAnotherThread) {
    test::ScriptSuite suite;
    suite.add(QStringLiteral("TC_GUI"), kRegister);
    trace::Trace trace;
    Debugger debugger;
    debugger.setStepping(true);
    std::atomic_int stops = 0;
    std::atomic_bool done = false;
    std::thread gui([&] {
        // Plays the GUI: resume whenever the run is stopped, until it is over.
        while (!done.load()) {
            if (debugger.currentStop()) {
                ++stops;
                debugger.resume(DebugCommand::Step);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    });
    auto loaded = runner::loadSuite({suite.path()});
    Runner runner(trace);
    runner.setDebugger(&debugger);

    const auto r = runner.run(*loaded, {});
    done = true;
    gui.join();

    ASSERT_TRUE(r);
    EXPECT_EQ(r->results.first().verdict, Verdict::Pass);
    EXPECT_EQ(stops.load(), 4);
}
