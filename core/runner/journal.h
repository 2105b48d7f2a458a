// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/runner/testcase.h"
#include "core/trace/trace.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVariantMap>

#include <memory>

namespace m2mbench::runner {

/// How far a run got, as the journal knows it.
enum class RunStatus { Running, Finished, Stopped, Interrupted };
QString runStatusName(RunStatus s);

/// What the journal holds about one run (without its events).
struct RunRecord {
    qint64 id = 0;
    RunStatus status = RunStatus::Running;
    QDateTime started;
    QDateTime finished;
    QString benchVersion;
    QString target; ///< what was tested, in words
    bool embedded = false;
    bool noPics = false; ///< the lab ran a named SUT without PICS (--no-pics)
    QJsonObject options; ///< everything needed to run it again: suites, target, files, overrides
    QVariantMap pics;    ///< as applied
    QVariantMap pixit;   ///< as applied, keys included (the journal is the user's only)
    QStringList secretPixit; ///< the PIXIT items that hold keys, masked in every report
    QJsonObject profile;     ///< the key-derivation profile as applied
    QString profileFingerprint;
    QString xsdDir;
    qint64 pid = 0;
};

/// One test case of a run, as recorded.
struct JournalTestCase {
    TestCaseInfo info;
    enum class State { Selected, Deselected, Running, Done, Interrupted };
    State state = State::Selected;
    QString selectionReason; ///< why it was selected or left out
    Verdict verdict = Verdict::None;
    QString reason;
    QDateTime started;
    qint64 durationNs = 0;
    int checks = 0;
    int failedChecks = 0;
    quint64 firstSeq = 0;
    quint64 lastSeq = 0;
};
QString testCaseStateName(JournalTestCase::State s);

/// The crash-safe record of every run: SQLite in WAL mode, written while the run goes.
///
/// Test case starts and ends are committed before the runner moves on, so a SIGKILL loses at
/// most the events of the test case that was running; that test case is marked interrupted when
/// the journal is next opened. Trace events are queued and written in batches by a thread of the
/// journal's own, so that recording does not slow the steps.
class Journal : public trace::TraceObserver {
public:
    ~Journal() override;
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    /// Opens (creating when missing) the journal database; marks runs whose process is gone as
    /// interrupted. Errors name the file and what to do.
    static Result<std::unique_ptr<Journal>> open(const QString &path);
    /// $M2MBENCH_JOURNAL, else the user's data folder (…/m2mbench/journal.sqlite).
    static QString defaultPath();

    [[nodiscard]] const QString &path() const { return m_path; }

    // --- writing a run (runner thread; events from any thread) ---
    Result<qint64> beginRun(const RunRecord &run);
    /// Reopens an interrupted or stopped run to continue it; returns its last event number, so
    /// that new events follow the old ones.
    Result<quint64> resumeRun(qint64 runId);
    Result<void> recordPlan(qint64 runId, const QList<JournalTestCase> &testCases);
    Result<void> testStarted(qint64 runId, const QString &testCaseId, quint64 firstSeq);
    /// Flushes queued events first, so a finished test case has its whole story on disk.
    Result<void> testFinished(qint64 runId, const TestResult &result);
    Result<void> endRun(qint64 runId, RunStatus status, const QString &target);
    /// Starts recording the events of `trace` into run `runId` (call before the run).
    void attach(trace::Trace &trace, qint64 runId, quint64 seqOffset = 0);
    void detach();
    void onEvent(const trace::Event &event) override;
    /// The first write error met by the event writer, if any (the run goes on; the report says).
    [[nodiscard]] QString writeError() const;

    // --- reading ---
    Result<QList<RunRecord>> runs(int limit = 100);
    Result<RunRecord> run(qint64 runId);
    Result<QList<JournalTestCase>> testCases(qint64 runId);
    /// Events of a run in order; `testCaseId` empty for all.
    Result<std::vector<trace::Event>> events(qint64 runId, const QString &testCaseId = {});
    /// The highest event sequence number stored for the run (0 when none).
    Result<quint64> lastSeq(qint64 runId);

private:
    explicit Journal(QString path);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    QString m_path;
};

} // namespace m2mbench::runner
