// SPDX-License-Identifier: Apache-2.0
#include "app/gui/run_controller.h"

#include "core/crypto/random.h"

#include <QThread>

namespace m2mbench::gui {

/// Turns RunObserver callbacks (runner thread) into signals. It lives on the GUI thread and its
/// signals are connected with Qt::QueuedConnection, so each argument is copied into an event
/// and the slot runs on the GUI thread.
class RunBridge : public QObject, public runner::RunObserver {
    Q_OBJECT
public:
    RunBridge(runner::Runner *runner, const std::atomic_bool *stopRequested, QObject *parent)
        : QObject(parent)
        , m_runner(runner)
        , m_stopRequested(stopRequested) {}

    void runStarted(const runner::RunSummary &summary, int total) override {
        // Runner::run() clears its stop flag on entry, so a Stop pressed before the worker got
        // there would be lost: repeat it now that the run is under way.
        if (m_stopRequested->load()) {
            m_runner->stop();
        }
        emit started(summary, total);
    }
    void testStarted(const runner::TestCaseInfo &info, int index, int total) override {
        emit testBegan(info, index, total);
    }
    void testFinished(const runner::TestResult &result) override { emit testEnded(result); }

signals:
    void started(const m2mbench::runner::RunSummary &summary, int total);
    void testBegan(const m2mbench::runner::TestCaseInfo &info, int index, int total);
    void testEnded(const m2mbench::runner::TestResult &result);
    void done(const m2mbench::runner::RunSummary &summary, const QString &error);

private:
    runner::Runner *m_runner;
    const std::atomic_bool *m_stopRequested;
};

RunController::RunController(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<runner::RunSummary>();
    qRegisterMetaType<runner::TestCaseInfo>();
    qRegisterMetaType<runner::TestResult>();
}

RunController::~RunController() {
    if (m_thread) {
        stop();
        m_thread->wait();
        delete m_thread;
    }
}

bool RunController::start(const runner::Suite &suite, const runner::RunOptions &options) {
    if (m_thread) {
        return false;
    }
    // A new trace per run: the old one stays readable until every view has switched over.
    auto fresh = std::make_unique<trace::Trace>();
    emit traceReplaced(fresh.get());
    m_trace = std::move(fresh);
    m_runner = std::make_unique<runner::Runner>(*m_trace);
    if (!m_journal) {
        // A journal that cannot be opened leaves the run unrecorded, which the status says.
        if (auto opened = runner::Journal::open(runner::Journal::defaultPath())) {
            m_journal = std::move(*opened);
        } else {
            emit journalUnavailable(opened.error().message);
        }
    }
    m_runner->setJournal(m_journal.get());

    delete m_bridge;
    m_stopRequested = false;
    m_bridge = new RunBridge(m_runner.get(), &m_stopRequested, this);
    connect(m_bridge, &RunBridge::started, this, &RunController::runStarted, Qt::QueuedConnection);
    connect(m_bridge, &RunBridge::testBegan, this, &RunController::testStarted,
            Qt::QueuedConnection);
    connect(m_bridge, &RunBridge::testEnded, this, &RunController::testFinished,
            Qt::QueuedConnection);
    connect(m_bridge, &RunBridge::done, this, &RunController::onWorkerDone, Qt::QueuedConnection);

    // Everything the worker uses is copied in or owned by this object, which outlives the
    // thread (the destructor joins it).
    runner::Runner *runner = m_runner.get();
    RunBridge *bridge = m_bridge;
    m_thread = QThread::create([runner, bridge, suite, options] {
        auto result = runner->run(suite, options, bridge);
        if (result) {
            emit bridge->done(*result, QString());
        } else {
            emit bridge->done(runner::RunSummary{}, result.error().message);
        }
        crypto::releaseThreadState();
    });
    m_thread->setObjectName(QStringLiteral("runner"));
    m_thread->start();
    emit runningChanged(true);
    return true;
}

void RunController::stop() {
    if (m_runner && m_thread) {
        m_stopRequested = true;
        m_runner->stop();
    }
}

void RunController::onWorkerDone(const runner::RunSummary &summary, const QString &error) {
    // `done` is the worker's last act, so this wait is short; afterwards no thread but this
    // one can touch the runner or append to the trace.
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_runner.reset();
    emit runningChanged(false);
    if (error.isEmpty()) {
        emit runFinished(summary);
    } else {
        emit runFailed(error);
    }
}

} // namespace m2mbench::gui

#include "run_controller.moc"
