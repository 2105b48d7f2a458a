// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/protocol/http/http_binding.h"
#include "core/runner/debugger.h"
#include "core/runner/journal.h"
#include "core/runner/pics.h"
#include "core/runner/pixit.h"
#include "core/runner/suite.h"
#include "core/runner/testcase.h"
#include "core/trace/sequence_model.h"
#include "core/trace/trace.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMutex>
#include <QVariantMap>

#include <atomic>
#include <functional>

class QJSEngine;

namespace m2mbench::runner {

/// Everything a run needs to know; the CLI and the GUI fill it from their own inputs.
struct RunOptions {
    QStringList only;           ///< test case ids to run; empty = all selected by PICS
    QString target;             ///< SUT URL, e.g. http://127.0.0.1:8080/m2m; empty = embedded
    QString pixitFile;          ///< the lab's PIXIT values
    QString picsFile;           ///< the lab's PICS answers
    QStringList pixitOverrides; ///< "PX_NAME=value"
    QVariantMap pixitValues;    ///< values as applied by an earlier run (rerun, resume)
    QVariantMap picsValues;     ///< answers as applied by an earlier run (rerun, resume)
    QString xsdDir;             ///< TS 102 921 schemas; empty = $M2M_XSD_DIR or none
    QString profileFile;        ///< the lab's key-derivation profile laid over the default
    QJsonObject profileJson;    ///< a whole profile as applied by an earlier run
    bool noPics = false;        ///< a named SUT runs without the product's PICS: say so
    http::BindingProfile binding;
    /// Faults the embedded reference NSCL shows (core/nodes/nscl/nscl_faults.h); only without
    /// a target. A run with faults is a test of the suite, and its report says so.
    QStringList nsclFaults;

    /// Everything above as JSON, for the journal; fromJson reads it back.
    [[nodiscard]] QJsonObject toJson() const;
    static RunOptions fromJson(const QJsonObject &json);
};

/// A test case left out of the run, and why.
struct Deselected {
    TestCaseInfo info;
    QString reason;
};

/// The outcome of a whole run.
struct RunSummary {
    QList<TestResult> results;
    QList<Deselected> deselected;
    QDateTime started;
    QDateTime finished;
    QString target; ///< what was tested: the URL, or "embedded reference NSCL at ..."
    bool embedded = false;
    QString xsdDir;          ///< schemas used for validation, empty when none
    QVariantMap pixit;       ///< as applied
    QVariantMap pics;        ///< as applied
    QStringList secretPixit; ///< PIXIT items holding keys: reports mask them (pixit.h)
    bool stopped = false;
    qint64 runId = 0;     ///< the run's number in the journal (0 when not journaled)
    QString journalError; ///< a journal write that failed during the run, if any

    /// The worst verdict over all results (None when nothing ran).
    [[nodiscard]] Verdict overall() const;
    /// True when every executed test case passed and at least one ran.
    [[nodiscard]] bool allPassed() const;
};

/// Progress callbacks, called on the runner thread.
class RunObserver {
public:
    virtual ~RunObserver() = default;
    virtual void runStarted(const RunSummary &summary, int total) {
        Q_UNUSED(summary)
        Q_UNUSED(total)
    }
    virtual void testStarted(const TestCaseInfo &info, int index, int total) {
        Q_UNUSED(info)
        Q_UNUSED(index)
        Q_UNUSED(total)
    }
    virtual void testFinished(const TestResult &result) { Q_UNUSED(result) }
};

/// Runs test cases one after the other on the calling thread (which becomes the runner thread and
/// owns the script engine), with the emulated nodes on a network thread of their own.
class Runner {
public:
    explicit Runner(trace::Trace &trace);
    ~Runner();

    /// The lifelines of the configuration (the SUT marked), known once run() has started.
    [[nodiscard]] static QList<trace::Lifeline> lifelines(const QString &configuration);

    /// Loads proformas found with the suite, applies the lab's files and overrides.
    static Result<void> loadProformas(const Suite &suite, const RunOptions &options, Pixit &pixit,
                                      Pics &pics);

    /// Blocks until every selected test case ran or stop() was called. Errors are the bench's
    /// own (bad options, a port that cannot be bound); SUT behaviour only ever sets verdicts.
    Result<RunSummary> run(const Suite &suite, const RunOptions &options,
                           RunObserver *observer = nullptr);

    /// Records every run into `journal` (not owned; null to stop recording).
    void setJournal(Journal *journal) { m_journal = journal; }
    /// Continues run `runId` of the journal instead of starting a new one: only the test cases
    /// not yet done run, and their events follow the run's earlier ones.
    void setResume(qint64 runId) { m_resumeRunId = runId; }
    /// Lets `debugger` stop the run at its breakpoints (not owned; null to run freely).
    void setDebugger(Debugger *debugger);

    /// Thread-safe: ends the current step at once and skips the remaining test cases. A stop
    /// before run() starts counts too; a stopped Runner stays stopped (make a new one per run).
    void stop();

private:
    struct Impl;
    Result<QList<TestCaseInfo>> select(const Suite &suite, Impl &impl, RunSummary &summary);
    Result<void> startJournal(const Suite &suite, const RunOptions &options, Impl &impl,
                              RunSummary &summary, const QList<TestCaseInfo> &selected);
    void journal(const std::function<Result<void>()> &write, RunSummary &summary);

    trace::Trace &m_trace;
    Journal *m_journal = nullptr;
    Debugger *m_debugger = nullptr;
    qint64 m_resumeRunId = 0;
    std::atomic_bool m_stop = false;
    QMutex m_engineMutex;
    QJSEngine *m_engine = nullptr; ///< the engine of the current run, for stop(); guarded
};

} // namespace m2mbench::runner
