// SPDX-License-Identifier: Apache-2.0
#include "core/runner/runner.h"

#include "core/common/logging.h"
#include "core/crypto/profile.h"
#include "core/nodes/network_thread.h"
#include "core/runner/configuration.h"
#include "core/runner/plan.h"
#include "core/runner/script_api.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTimer>

#include <map>

namespace m2mbench::runner {

namespace {

constexpr int kDefaultTestCaseLimitMs = 120000;

/// Interrupts a script that runs too long. The runner thread is busy inside the engine, so the
/// timer lives on the network thread. One timer per run, restarted for each phase; generation
/// numbers keep a timeout of an earlier phase from interrupting a later one, and the shared state
/// outlives the run so that a late timeout finds no engine rather than a dangling one.
class Watchdog {
public:
    Watchdog(const nodes::NetworkThread &net, QJSEngine &engine)
        : m_net(net)
        , m_state(std::make_shared<State>()) {
        m_state->engine = &engine;
        auto state = m_state;
        m_timer = net.invoke([&net, state] {
            auto *timer = new QTimer(net.context());
            timer->setSingleShot(true);
            QObject::connect(timer, &QTimer::timeout, timer, [state] {
                QMutexLocker lock(&state->mutex);
                if (state->armed != 0 && state->armed == state->started && state->engine) {
                    state->fired = true;
                    state->engine->setInterrupted(true);
                }
            });
            return timer;
        });
    }

    ~Watchdog() {
        {
            QMutexLocker lock(&m_state->mutex);
            m_state->engine = nullptr;
            m_state->armed = 0;
        }
        QTimer *timer = m_timer;
        m_net.invoke([timer] { delete timer; });
    }

    void arm(int limitMs) {
        quint64 gen = 0;
        {
            QMutexLocker lock(&m_state->mutex);
            gen = ++m_state->generation;
            m_state->armed = gen;
            m_state->fired = false;
        }
        auto state = m_state;
        QTimer *timer = m_timer;
        m_net.post([state, timer, gen, limitMs] {
            {
                QMutexLocker lock(&state->mutex);
                state->started = gen;
            }
            timer->start(limitMs);
        });
    }

    /// Returns whether the watchdog fired since arm().
    bool disarm() {
        QMutexLocker lock(&m_state->mutex);
        m_state->armed = 0;
        if (m_state->engine) {
            m_state->engine->setInterrupted(false);
        }
        return m_state->fired;
    }

private:
    struct State {
        QMutex mutex;
        QJSEngine *engine = nullptr;
        quint64 generation = 0;
        quint64 armed = 0;   ///< generation of the phase being watched, 0 when none
        quint64 started = 0; ///< generation whose timer the network thread started last
        bool fired = false;
    };

    const nodes::NetworkThread &m_net;
    std::shared_ptr<State> m_state;
    QTimer *m_timer = nullptr;
};

QStringList proformaFiles(const Suite &suite, const QString &name) {
    // Proformas sit beside the suites: in any folder from a test case up to its suite root.
    QStringList out;
    for (const TestCaseInfo &tc : suite.testCases) {
        QDir dir = QFileInfo(tc.file).absoluteDir();
        for (int depth = 0; depth < 8; ++depth) {
            const QString candidate = dir.absoluteFilePath(name);
            if (QFileInfo::exists(candidate) && !out.contains(candidate)) {
                out.append(candidate);
            }
            if (dir.dirName() == u"testcases" || !dir.cdUp()) {
                break;
            }
        }
    }
    return out;
}

} // namespace

Verdict RunSummary::overall() const {
    Verdict v = Verdict::None;
    for (const TestResult &r : results) {
        v = worse(v, r.verdict);
    }
    return v;
}

bool RunSummary::allPassed() const {
    if (results.isEmpty()) {
        return false;
    }
    for (const TestResult &r : results) {
        if (r.verdict != Verdict::Pass) {
            return false;
        }
    }
    return true;
}

Runner::Runner(trace::Trace &trace)
    : m_trace(trace) {}

Runner::~Runner() = default;

QList<trace::Lifeline> Runner::lifelines(const QString &configuration) {
    return configurationLifelines(configuration);
}

Result<void> Runner::loadProformas(const Suite &suite, const RunOptions &options, Pixit &pixit,
                                   Pics &pics) {
    for (const QString &file : proformaFiles(suite, QStringLiteral("pixit.json"))) {
        if (auto ok = pixit.loadProforma(file); !ok) {
            return ok;
        }
    }
    for (const QString &file : proformaFiles(suite, QStringLiteral("pics.json"))) {
        if (auto ok = pics.loadProforma(file); !ok) {
            return ok;
        }
    }
    if (!options.pixitFile.isEmpty()) {
        if (auto ok = pixit.loadValues(options.pixitFile); !ok) {
            return ok;
        }
    }
    if (!options.picsFile.isEmpty()) {
        if (auto ok = pics.loadValues(options.picsFile); !ok) {
            return ok;
        }
    }
    for (auto it = options.pixitValues.cbegin(); it != options.pixitValues.cend(); ++it) {
        if (auto ok = pixit.setValue(it.key(), it.value()); !ok) {
            return ok;
        }
    }
    for (auto it = options.picsValues.cbegin(); it != options.picsValues.cend(); ++it) {
        if (auto ok = pics.setValue(it.key(), it.value()); !ok) {
            return ok;
        }
    }
    for (const QString &assignment : options.pixitOverrides) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return fail(Error::Kind::Config,
                        QStringLiteral("--pixit '%1': expected NAME=VALUE").arg(assignment));
        }
        if (auto ok = pixit.set(assignment.left(eq), assignment.mid(eq + 1)); !ok) {
            return ok;
        }
    }
    return {};
}

struct Runner::Impl {
    Runner &self;
    const RunOptions &options;
    RunObserver *observer;
    Pixit pixit;
    Pics pics;
    std::shared_ptr<mid::XsdValidator> validator;
    nodes::NetworkThread net;
    std::map<QString, std::unique_ptr<ConfigurationSession>> sessions;
    QJSEngine engine;
    Watchdog watchdog{net, engine}; // declared after the engine: destroyed before it

    Impl(Runner &r, const RunOptions &o, RunObserver *obs)
        : self(r)
        , options(o)
        , observer(obs) {}

    ~Impl() { sessions.clear(); } // before the threads the nodes live on

    crypto::Profile profile;

    Result<void> loadProfile();
    Result<void> startSessions(const QList<TestCaseInfo> &selected, RunSummary &summary);
    Result<void> openValidator(RunSummary &summary);
    Result<ConfigurationSession *> session(const QString &configuration);
    TestResult runOne(const TestCaseInfo &tc, ConfigurationSession &session);
    void runPhase(const QString &phase, const QJSValue &module, QJSValue &jsContext,
                  TestState &state, const TestCaseInfo &tc);
};

Result<void> Runner::Impl::openValidator(RunSummary &summary) {
    const QString dir =
        options.xsdDir.isEmpty() ? mid::XsdValidator::dirFromEnvironment() : options.xsdDir;
    if (dir.isEmpty()) {
        return {};
    }
    auto v = mid::XsdValidator::open(dir);
    if (!v) {
        return fail(v.error());
    }
    validator = *v;
    summary.xsdDir = validator->dir();
    return {};
}

Result<void> Runner::Impl::loadProfile() {
    Result<crypto::Profile> loaded = crypto::Profile::builtin();
    if (loaded && !options.profileJson.isEmpty()) {
        loaded = crypto::Profile::overlay(*loaded, QJsonDocument(options.profileJson).toJson(),
                                          QStringLiteral("the recorded profile"));
    } else if (loaded && !options.profileFile.isEmpty()) {
        loaded = crypto::Profile::load(options.profileFile);
    }
    if (!loaded) {
        return fail(loaded.error());
    }
    profile = *loaded;
    return {};
}

Result<void> Runner::Impl::startSessions(const QList<TestCaseInfo> &selected, RunSummary &summary) {
    // Every configuration the selection needs is set up before the first test case, so that a
    // bad target or a port in use stops the run at once with a configuration error.
    QStringList targets;
    for (const TestCaseInfo &tc : selected) {
        const bool fresh = sessions.find(tc.configuration) == sessions.end();
        auto started = session(tc.configuration);
        if (!started) {
            return fail(started.error());
        }
        if (fresh) {
            targets.append((*started)->target());
            summary.embedded = summary.embedded || (*started)->embedded();
        }
    }
    summary.target = targets.join(QStringLiteral("; "));
    return {};
}

Result<ConfigurationSession *> Runner::Impl::session(const QString &configuration) {
    if (auto it = sessions.find(configuration); it != sessions.end()) {
        return it->second.get();
    }
    SessionInputs inputs{options, pixit, self.m_trace, net, validator};
    auto started = configurations().value(configuration)(inputs);
    if (!started) {
        return fail(started.error());
    }
    ConfigurationSession *raw = started->get();
    sessions.emplace(configuration, std::move(*started));
    return raw;
}

void Runner::Impl::runPhase(const QString &phase, const QJSValue &module, QJSValue &jsContext,
                            TestState &state, const TestCaseInfo &tc) {
    QJSValue fn = module.property(phase);
    if (!fn.isCallable()) {
        return;
    }
    state.phase = phase;
    self.m_trace.setContext(tc.id, phase);
    const int limit = pixit.intValue(QStringLiteral("PX_TC_TIMEOUT_MS"), kDefaultTestCaseLimitMs);
    watchdog.arm(limit);
    const QJSValue result = fn.call({jsContext});
    const bool timedOut = watchdog.disarm();
    if (!result.isError()) {
        return;
    }
    if (state.stopped) {
        return; // a step failure, already judged and recorded
    }
    QString why;
    Verdict v = Verdict::Error;
    if (self.m_stop.load()) {
        v = Verdict::Inconc;
        why = QStringLiteral("[%1] stopped by the user").arg(phase);
    } else if (timedOut) {
        why = QStringLiteral("[%1] exceeded the test case time limit of %2 ms (PX_TC_TIMEOUT_MS)")
                  .arg(phase)
                  .arg(limit);
    } else {
        why = QStringLiteral("[%1] script error: %2 (%3:%4)")
                  .arg(phase, result.toString(), QFileInfo(tc.file).fileName())
                  .arg(result.property(QStringLiteral("lineNumber")).toInt());
    }
    trace::Event e;
    e.kind = trace::EventKind::Check;
    e.verdict = v;
    e.text = why;
    self.m_trace.append(std::move(e));
    state.apply(v, why);
    state.stopped = true;
}

TestResult Runner::Impl::runOne(const TestCaseInfo &tc, ConfigurationSession &session) {
    TestResult result;
    result.info = tc;
    QElapsedTimer timer;
    timer.start();
    TestState state;
    state.testCaseId = tc.id;
    self.m_trace.setContext(tc.id, QString());
    trace::Event start;
    start.kind = trace::EventKind::TestCaseStarted;
    start.summary = tc.title;
    result.firstSeq = self.m_trace.append(std::move(start));

    TestContext::Wiring wiring{&engine, &self.m_trace, &pixit,      self.m_debugger,
                               &net,    validator,     &self.m_stop};
    TestContext context(wiring, &state);
    QJSEngine::setObjectOwnership(&context, QJSEngine::CppOwnership);
    QJSValue jsContext = engine.newQObject(&context);
    for (const auto &[name, object] : session.scriptObjects(&context)) {
        QJSEngine::setObjectOwnership(object, QJSEngine::CppOwnership);
        jsContext.setProperty(name, engine.newQObject(object));
    }
    const QJSValue module = engine.importModule(tc.file);
    if (module.isError()) {
        state.apply(Verdict::Error,
                    QStringLiteral("script does not load: %1").arg(module.toString()));
    } else {
        runPhase(QStringLiteral("preamble"), module, jsContext, state, tc);
        // A preamble that could not bring the SUT into the initial state (a failed check, no
        // answer) makes the body meaningless: it is skipped and the verdict stays inconc.
        const bool preambleFailed = state.stopped || state.failedChecks > 0;
        if (!preambleFailed && !self.m_stop.load()) {
            runPhase(QStringLiteral("body"), module, jsContext, state, tc);
        } else if (!self.m_stop.load()) {
            self.m_trace.append(
                trace::Event::log(QStringLiteral("runner"),
                                  QStringLiteral("body skipped: the preamble did not complete")));
        }
        const bool keepState = self.m_debugger && self.m_debugger->keepSutStateOnFailure() &&
                               worse(state.verdict, Verdict::Fail) == state.verdict;
        if (keepState) {
            self.m_trace.append(trace::Event::log(
                QStringLiteral("runner"),
                QStringLiteral("postamble skipped: the SUT is kept as the failure left it")));
        } else if (!self.m_stop.load()) {
            state.stopped = false; // the postamble gets its own chance to clean up
            runPhase(QStringLiteral("postamble"), module, jsContext, state, tc);
        }
    }
    if (state.verdict == Verdict::None && state.reason.isEmpty()) {
        state.reason = QStringLiteral("the test case made no check");
    }
    self.m_trace.setContext(tc.id, QString());
    trace::Event end;
    end.kind = trace::EventKind::TestCaseFinished;
    end.verdict = state.verdict;
    end.text = state.reason;
    end.summary = tc.title;
    result.lastSeq = self.m_trace.append(std::move(end));
    self.m_trace.setContext(QString(), QString());
    result.verdict = state.verdict;
    result.reason = state.reason;
    result.checks = state.checks;
    result.failedChecks = state.failedChecks;
    result.durationNs = timer.nsecsElapsed();
    return result;
}

Result<QList<TestCaseInfo>> Runner::select(const Suite &suite, Impl &impl, RunSummary &summary) {
    const RunOptions &options = impl.options;
    QStringList done; // when resuming: test cases the run already completed
    if (m_resumeRunId != 0 && m_journal) {
        auto recorded = m_journal->testCases(m_resumeRunId);
        if (!recorded) {
            return fail(recorded.error());
        }
        for (const JournalTestCase &tc : *recorded) {
            if (tc.state == JournalTestCase::State::Done) {
                done.append(tc.info.id);
            }
        }
    }
    auto plan = planRun(suite, options, impl.pics, done, m_resumeRunId);
    if (!plan) {
        return fail(plan.error());
    }
    QList<TestCaseInfo> selected;
    for (const PlanEntry &entry : *plan) {
        if (entry.selected) {
            selected.append(entry.info);
        } else {
            summary.deselected.append({entry.info, entry.reason});
        }
    }
    return selected;
}

void Runner::journal(const std::function<Result<void>()> &write, RunSummary &summary) {
    if (!m_journal) {
        return;
    }
    // A journal that fails mid-run does not stop the run: the verdicts still reach the screen
    // and the reports, and the error is said once at the end.
    if (auto ok = write(); !ok && summary.journalError.isEmpty()) {
        summary.journalError = ok.error().message;
    }
}

Result<void> Runner::startJournal(const Suite &suite, const RunOptions &options, Impl &impl,
                                  RunSummary &summary, const QList<TestCaseInfo> &selected) {
    if (!m_journal) {
        return {};
    }
    quint64 offset = 0;
    if (m_resumeRunId != 0) {
        auto last = m_journal->resumeRun(m_resumeRunId);
        if (!last) {
            return fail(last.error());
        }
        summary.runId = m_resumeRunId;
        offset = *last;
    } else {
        RunRecord record;
        record.started = summary.started;
        record.benchVersion = QStringLiteral(M2MBENCH_VERSION);
        record.target = summary.target;
        record.embedded = summary.embedded;
        record.noPics = options.noPics;
        QJsonObject opts = options.toJson();
        opts.insert(QStringLiteral("suites"), QJsonArray::fromStringList(suite.roots));
        record.options = opts;
        record.pics = summary.pics;
        record.pixit = summary.pixit;
        record.secretPixit = summary.secretPixit;
        record.profile = impl.profile.toJson();
        record.profileFingerprint = impl.profile.fingerprint();
        record.xsdDir = summary.xsdDir;
        auto id = m_journal->beginRun(record);
        if (!id) {
            return fail(id.error());
        }
        summary.runId = *id;
        QList<JournalTestCase> plan;
        for (const TestCaseInfo &tc : selected) {
            JournalTestCase entry;
            entry.info = tc;
            entry.selectionReason = QStringLiteral("selected");
            plan.append(entry);
        }
        for (const Deselected &d : summary.deselected) {
            JournalTestCase entry;
            entry.info = d.info;
            entry.state = JournalTestCase::State::Deselected;
            entry.selectionReason = d.reason;
            plan.append(entry);
        }
        if (auto ok = m_journal->recordPlan(summary.runId, plan); !ok) {
            return ok;
        }
    }
    m_journal->attach(m_trace, summary.runId, offset);
    return {};
}

Result<RunSummary> Runner::run(const Suite &suite, const RunOptions &options,
                               RunObserver *observer) {
    // m_stop is not reset here: a stop() that arrives before run() starts must still count.
    Impl impl(*this, options, observer);
    if (auto ok = loadProformas(suite, options, impl.pixit, impl.pics); !ok) {
        return fail(ok.error());
    }
    if (auto ok = impl.loadProfile(); !ok) {
        return fail(ok.error());
    }
    RunSummary summary;
    summary.started = QDateTime::currentDateTimeUtc();
    auto selected = select(suite, impl, summary);
    if (!selected) {
        return fail(selected.error());
    }
    if (auto ok = impl.openValidator(summary); !ok) {
        return fail(ok.error());
    }
    if (auto ok = impl.startSessions(*selected, summary); !ok) {
        return fail(ok.error());
    }
    summary.pixit = impl.pixit.applied();
    summary.secretPixit = impl.pixit.secretIds();
    summary.pics = impl.pics.applied();
    if (auto ok = startJournal(suite, options, impl, summary, *selected); !ok) {
        return fail(ok.error());
    }
    m_trace.append(trace::Event::log(QStringLiteral("runner"),
                                     QStringLiteral("run against %1").arg(summary.target)));
    {
        QMutexLocker lock(&m_engineMutex);
        m_engine = &impl.engine;
    }
    if (observer) {
        observer->runStarted(summary, static_cast<int>(selected->size()));
    }
    for (int i = 0; i < selected->size() && !m_stop.load(); ++i) {
        const TestCaseInfo &tc = selected->at(i);
        if (observer) {
            observer->testStarted(tc, i, static_cast<int>(selected->size()));
        }
        journal(
            [&]() -> Result<void> {
                return m_journal->testStarted(summary.runId, tc.id, m_trace.size() + 1);
            },
            summary);
        TestResult r = impl.runOne(tc, *impl.sessions.at(tc.configuration));
        summary.results.append(r);
        journal([&]() -> Result<void> { return m_journal->testFinished(summary.runId, r); },
                summary);
        if (observer) {
            observer->testFinished(r);
        }
    }
    summary.stopped = m_stop.load();
    {
        QMutexLocker lock(&m_engineMutex);
        m_engine = nullptr;
    }
    summary.finished = QDateTime::currentDateTimeUtc();
    journal(
        [&]() -> Result<void> {
            const RunStatus status = summary.stopped ? RunStatus::Stopped : RunStatus::Finished;
            auto ok = m_journal->endRun(summary.runId, status, summary.target);
            m_journal->detach();
            return ok;
        },
        summary);
    if (m_journal && summary.journalError.isEmpty()) {
        summary.journalError = m_journal->writeError();
    }
    return summary;
}

void Runner::setDebugger(Debugger *debugger) {
    m_debugger = debugger;
    if (m_debugger) {
        m_debugger->setAbortHandler([this] { stop(); });
    }
}

void Runner::stop() {
    m_stop = true;
    QMutexLocker lock(&m_engineMutex);
    if (m_engine) {
        m_engine->setInterrupted(true);
    }
}

} // namespace m2mbench::runner
