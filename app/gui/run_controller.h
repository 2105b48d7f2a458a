// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/journal.h"
#include "core/runner/runner.h"
#include "core/trace/trace.h"

#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace m2mbench::gui {

class RunBridge;

/// Runs a suite on a worker thread and reports on the GUI thread.
///
/// The worker thread becomes the runner thread: it owns the script engine, and the emulated
/// nodes run on the runner's own network thread. The GUI thread never touches either: it gets
/// the observer callbacks as queued signals, reads the run's Trace (thread-safe) and calls
/// Runner::stop(), which is thread-safe.
class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject *parent = nullptr);
    /// Stops a run in progress and waits for its thread.
    ~RunController() override;

    /// Starts a run; false when one is already running. Emits traceReplaced() first, with the
    /// fresh trace of this run, so that views can attach before any event is appended.
    bool start(const runner::Suite &suite, const runner::RunOptions &options);
    /// Asks the run to stop; runFinished() follows once the current step has ended.
    void stop();
    [[nodiscard]] bool isRunning() const { return m_thread != nullptr; }
    /// The trace of the current or last run; null before the first run.
    [[nodiscard]] trace::Trace *trace() const { return m_trace.get(); }

signals:
    void traceReplaced(m2mbench::trace::Trace *trace);
    void runStarted(const m2mbench::runner::RunSummary &summary, int total);
    void testStarted(const m2mbench::runner::TestCaseInfo &info, int index, int total);
    void testFinished(const m2mbench::runner::TestResult &result);
    /// The run ended (also when stopped); the worker thread is gone.
    void runFinished(const m2mbench::runner::RunSummary &summary);
    /// The run could not start or ended with a bench error (bad target URL, port in use...).
    void runFailed(const QString &message);
    void runningChanged(bool running);
    /// The run journal could not be opened: runs go unrecorded (message says why).
    void journalUnavailable(const QString &message);

private:
    void onWorkerDone(const m2mbench::runner::RunSummary &summary, const QString &error);

    std::unique_ptr<trace::Trace> m_trace;
    std::unique_ptr<runner::Runner> m_runner;
    std::unique_ptr<runner::Journal> m_journal; ///< every run from the window is recorded too
    RunBridge *m_bridge = nullptr;
    std::atomic_bool m_stopRequested = false; ///< read by the bridge on the runner thread
    QThread *m_thread = nullptr;
};

} // namespace m2mbench::gui
