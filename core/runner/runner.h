// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/protocol/http/http_binding.h"
#include "core/runner/pics.h"
#include "core/runner/pixit.h"
#include "core/runner/suite.h"
#include "core/runner/testcase.h"
#include "core/trace/sequence_model.h"
#include "core/trace/trace.h"

#include <QDateTime>
#include <QMutex>
#include <QVariantMap>

#include <atomic>

class QJSEngine;

namespace m2mbench::runner {

/// Everything a run needs to know; the CLI and the GUI fill it from their own inputs.
struct RunOptions {
    QStringList only;           ///< test case ids to run; empty = all selected by PICS
    QString target;             ///< SUT URL, e.g. http://127.0.0.1:8080/m2m; empty = embedded
    QString pixitFile;          ///< the lab's PIXIT values
    QString picsFile;           ///< the lab's PICS answers
    QStringList pixitOverrides; ///< "PX_NAME=value"
    QString xsdDir;             ///< TS 102 921 schemas; empty = $M2M_XSD_DIR or none
    http::BindingProfile binding;
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
    QString xsdDir;    ///< schemas used for validation, empty when none
    QVariantMap pixit; ///< as applied
    QVariantMap pics;  ///< as applied
    bool stopped = false;

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

    /// Thread-safe: ends the current step at once and skips the remaining test cases. A stop
    /// before run() starts counts too; a stopped Runner stays stopped (make a new one per run).
    void stop();

private:
    struct Impl;
    trace::Trace &m_trace;
    std::atomic_bool m_stop = false;
    QMutex m_engineMutex;
    QJSEngine *m_engine = nullptr; ///< the engine of the current run, for stop(); guarded
};

} // namespace m2mbench::runner
