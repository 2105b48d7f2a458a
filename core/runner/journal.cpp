// SPDX-License-Identifier: Apache-2.0
#include "core/runner/journal.h"

#include "core/runner/journal_codec.h"
#include "core/common/sqlite_db.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <mutex>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

namespace m2mbench::runner {

namespace {

constexpr int kBatch = 512;
constexpr int kWriterNice = 19;

const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS runs ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, status TEXT NOT NULL, started TEXT, finished TEXT,"
    " bench_version TEXT, target TEXT, embedded INTEGER, no_pics INTEGER, options TEXT,"
    " pics TEXT, pixit TEXT, profile TEXT, profile_fingerprint TEXT, xsd_dir TEXT, pid INTEGER,"
    " secret_pixit TEXT)",
    "CREATE TABLE IF NOT EXISTS test_cases ("
    " run_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, tc_id TEXT NOT NULL, info TEXT,"
    " state TEXT NOT NULL, selection_reason TEXT, verdict TEXT, reason TEXT, started TEXT,"
    " duration_ns INTEGER, checks INTEGER, failed_checks INTEGER, first_seq INTEGER,"
    " last_seq INTEGER, PRIMARY KEY (run_id, tc_id))",
    "CREATE TABLE IF NOT EXISTS events ("
    " run_id INTEGER NOT NULL, seq INTEGER NOT NULL, kind TEXT, time_ns INTEGER, wall TEXT,"
    " tc_id TEXT, phase TEXT, src TEXT, dst TEXT, protocol TEXT, summary TEXT, raw BLOB,"
    " relates_to INTEGER, verdict TEXT, text TEXT, derivation TEXT,"
    " PRIMARY KEY (run_id, seq))",
};

bool processAlive(qint64 pid) {
    if (pid <= 0) {
        return false;
    }
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

} // namespace

QString runStatusName(RunStatus s) {
    switch (s) {
    case RunStatus::Running: return QStringLiteral("running");
    case RunStatus::Finished: return QStringLiteral("finished");
    case RunStatus::Stopped: return QStringLiteral("stopped");
    case RunStatus::Interrupted: return QStringLiteral("interrupted");
    }
    return QStringLiteral("running");
}

QString testCaseStateName(JournalTestCase::State s) {
    switch (s) {
    case JournalTestCase::State::Selected: return QStringLiteral("selected");
    case JournalTestCase::State::Deselected: return QStringLiteral("deselected");
    case JournalTestCase::State::Running: return QStringLiteral("running");
    case JournalTestCase::State::Done: return QStringLiteral("done");
    case JournalTestCase::State::Interrupted: return QStringLiteral("interrupted");
    }
    return QStringLiteral("selected");
}

/// The event writer: a queue drained by a thread with a connection of its own.
struct Journal::Impl {
    SqliteDb db;     ///< runner-thread connection
    SqliteDb events; ///< writer-thread connection

    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable drained;
    std::deque<trace::Event> queue;
    bool busy = false;
    bool quit = false;
    bool flushing = false;
    QString writeError;
    qint64 runId = 0;
    quint64 seqOffset = 0;
    trace::Trace *attached = nullptr;
    std::thread writer;

    void writerLoop();
    void writeBatch(std::vector<trace::Event> &batch, qint64 run, quint64 offset);
    void flush();
};

void Journal::Impl::writerLoop() {
    std::unique_lock lock(mutex);
    for (;;) {
        // Wake for a full batch, a flush, or every 100 ms: waking per event would cost the steps
        // more in context switches than the inserts themselves.
        wake.wait_for(lock, std::chrono::milliseconds(100),
                      [this] { return quit || flushing || queue.size() >= kBatch; });
        if (queue.empty()) {
            flushing = false; // nothing left: a waiting flush() may return
            drained.notify_all();
            if (quit) {
                return;
            }
            continue;
        }
        std::vector<trace::Event> batch;
        while (!queue.empty() && batch.size() < kBatch) {
            batch.push_back(std::move(queue.front()));
            queue.pop_front();
        }
        busy = true;
        const qint64 run = runId;
        const quint64 offset = seqOffset;
        lock.unlock();
        writeBatch(batch, run, offset);
        lock.lock();
        busy = false;
        if (queue.empty()) {
            drained.notify_all();
        }
    }
}

void Journal::Impl::writeBatch(std::vector<trace::Event> &batch, qint64 run, quint64 offset) {
    auto ok = events.transaction([&]() -> Result<void> {
        auto stmt = events.prepare(
            "INSERT INTO events (run_id, seq, kind, time_ns, wall, tc_id, phase, src,"
            " dst, protocol, summary, raw, relates_to, verdict, text, derivation)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        if (!stmt) {
            return fail(stmt.error());
        }
        for (const trace::Event &e : batch) {
            bindEvent(*stmt, run, offset, e);
            if (auto step = stmt->run(); !step) {
                return step;
            }
        }
        return {};
    });
    if (!ok) {
        std::lock_guard guard(mutex);
        if (writeError.isEmpty()) {
            writeError = ok.error().message;
        }
    }
}

void Journal::Impl::flush() {
    if (!writer.joinable()) {
        return; // never started (the journal failed to open): nothing can be queued
    }
    std::unique_lock lock(mutex);
    flushing = true;
    wake.notify_all();
    drained.wait(lock, [this] { return queue.empty() && !busy && !flushing; });
}

Journal::Journal(QString path)
    : m_impl(std::make_unique<Impl>())
    , m_path(std::move(path)) {}

Journal::~Journal() {
    detach();
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->quit = true;
    }
    m_impl->wake.notify_all();
    if (m_impl->writer.joinable()) {
        m_impl->writer.join();
    }
}

QString Journal::defaultPath() {
    const QByteArray env = qgetenv("M2MBENCH_JOURNAL");
    if (!env.isEmpty()) {
        return QString::fromLocal8Bit(env);
    }
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty()) {
        base = QDir::homePath() + QStringLiteral("/.local/share");
    }
    return base + QStringLiteral("/m2mbench/journal.sqlite");
}

Result<std::unique_ptr<Journal>> Journal::open(const QString &path) {
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return fail(Error::Kind::Io, QStringLiteral("cannot create the journal folder %1 "
                                                    "(choose another with --journal FILE)")
                                         .arg(info.absolutePath()));
    }
    const bool fresh = !info.exists();
    std::unique_ptr<Journal> journal(new Journal(info.absoluteFilePath()));
    Impl &d = *journal->m_impl;
    if (auto ok = d.db.open(journal->m_path); !ok) {
        return fail(ok.error());
    }
    if (fresh) {
        // Keys derived during runs are stored: only the user may read the journal.
        QFile::setPermissions(journal->m_path, QFile::ReadOwner | QFile::WriteOwner);
    }
    for (const char *sql : kSchema) {
        if (auto ok = d.db.exec(sql); !ok) {
            return fail(ok.error().wrap(QStringLiteral("journal %1").arg(journal->m_path)));
        }
    }
    // Journals written before the PIXIT items had a secret flag lack its column.
    if (!d.db.prepare("SELECT secret_pixit FROM runs LIMIT 0")) {
        if (auto ok = d.db.exec("ALTER TABLE runs ADD COLUMN secret_pixit TEXT"); !ok) {
            return fail(ok.error().wrap(QStringLiteral("journal %1").arg(journal->m_path)));
        }
    }
    if (auto ok = d.events.open(journal->m_path); !ok) {
        return fail(ok.error());
    }
    // Runs whose process is gone were killed: say so, and which test case they were in.
    auto stale = d.db.prepare("SELECT id, pid FROM runs WHERE status = 'running'");
    if (!stale) {
        return fail(stale.error());
    }
    QList<qint64> dead;
    while (stale->next()) {
        if (!processAlive(stale->int64(1))) {
            dead.append(stale->int64(0));
        }
    }
    for (qint64 id : dead) {
        auto ok = d.db.transaction([&]() -> Result<void> {
            auto a = d.db.prepare("UPDATE runs SET status = 'interrupted' WHERE id = ?");
            auto b = d.db.prepare("UPDATE test_cases SET state = 'interrupted', reason ="
                                  " 'interrupted: the bench stopped during this test case'"
                                  " WHERE run_id = ? AND state = 'running'");
            if (!a || !b) {
                return fail(!a ? a.error() : b.error());
            }
            a->bind(1, id);
            b->bind(1, id);
            if (auto r = a->run(); !r) {
                return r;
            }
            return b->run();
        });
        if (!ok) {
            return fail(ok.error());
        }
    }
    d.writer = std::thread([&d] {
        // Background work: a step of the run must not wait for the writer. At the lowest
        // priority it takes what the run's threads leave (their short polls yield to it) and
        // catches up when they wait; a flush still waits for all of it. Linux applies the nice
        // value to this thread alone; failing to lower it costs only speed.
        ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kWriterNice);
        d.writerLoop();
    });
    return journal;
}

Result<qint64> Journal::beginRun(const RunRecord &run) {
    auto stmt = m_impl->db.prepare(
        "INSERT INTO runs (status, started, bench_version, target, embedded, no_pics, options,"
        " pics, pixit, profile, profile_fingerprint, xsd_dir, pid, secret_pixit)"
        " VALUES ('running',?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, run.started.toString(Qt::ISODateWithMs));
    stmt->bind(2, run.benchVersion);
    stmt->bind(3, run.target);
    stmt->bind(4, qint64(run.embedded));
    stmt->bind(5, qint64(run.noPics));
    stmt->bind(6, toJsonText(run.options));
    stmt->bind(7, toJsonText(QJsonObject::fromVariantMap(run.pics)));
    stmt->bind(8, toJsonText(QJsonObject::fromVariantMap(run.pixit)));
    stmt->bind(9, toJsonText(run.profile));
    stmt->bind(10, run.profileFingerprint);
    stmt->bind(11, run.xsdDir);
    stmt->bind(12, qint64(::getpid()));
    stmt->bind(13, run.secretPixit.join(QLatin1Char(',')));
    if (auto ok = stmt->run(); !ok) {
        return fail(ok.error());
    }
    return m_impl->db.lastInsertId();
}

Result<quint64> Journal::resumeRun(qint64 runId) {
    auto existing = run(runId);
    if (!existing) {
        return fail(existing.error());
    }
    if (existing->status == RunStatus::Running && processAlive(existing->pid)) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("run %1 is still running (process %2)").arg(runId).arg(existing->pid));
    }
    auto stmt = m_impl->db.prepare("UPDATE runs SET status = 'running', pid = ?, finished = NULL"
                                   " WHERE id = ?");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, qint64(::getpid()));
    stmt->bind(2, runId);
    if (auto ok = stmt->run(); !ok) {
        return fail(ok.error());
    }
    return lastSeq(runId);
}

Result<void> Journal::recordPlan(qint64 runId, const QList<JournalTestCase> &testCases) {
    return m_impl->db.transaction([&]() -> Result<void> {
        auto stmt = m_impl->db.prepare(
            "INSERT OR REPLACE INTO test_cases (run_id, ordinal, tc_id, info, state,"
            " selection_reason, verdict, reason) VALUES (?,?,?,?,?,?,?,?)");
        if (!stmt) {
            return fail(stmt.error());
        }
        for (int i = 0; i < testCases.size(); ++i) {
            const JournalTestCase &tc = testCases[i];
            stmt->bind(1, runId);
            stmt->bind(2, qint64(i));
            stmt->bind(3, tc.info.id);
            stmt->bind(4, toJsonText(testCaseInfoToJson(tc.info)));
            stmt->bind(5, testCaseStateName(tc.state));
            stmt->bind(6, tc.selectionReason);
            stmt->bind(7, verdictName(tc.verdict));
            stmt->bind(8, tc.reason);
            if (auto ok = stmt->run(); !ok) {
                return ok;
            }
        }
        return {};
    });
}

Result<void> Journal::testStarted(qint64 runId, const QString &testCaseId, quint64 firstSeq) {
    auto stmt = m_impl->db.prepare("UPDATE test_cases SET state = 'running', started = ?,"
                                   " first_seq = ? WHERE run_id = ? AND tc_id = ?");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    stmt->bind(2, qint64(firstSeq + m_impl->seqOffset));
    stmt->bind(3, runId);
    stmt->bind(4, testCaseId);
    return stmt->run();
}

Result<void> Journal::testFinished(qint64 runId, const TestResult &r) {
    m_impl->flush();
    auto stmt = m_impl->db.prepare(
        "UPDATE test_cases SET state = 'done', verdict = ?, reason = ?, duration_ns = ?,"
        " checks = ?, failed_checks = ?, first_seq = ?, last_seq = ? WHERE run_id = ? AND"
        " tc_id = ?");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, verdictName(r.verdict));
    stmt->bind(2, r.reason);
    stmt->bind(3, r.durationNs);
    stmt->bind(4, qint64(r.checks));
    stmt->bind(5, qint64(r.failedChecks));
    stmt->bind(6, qint64(r.firstSeq + m_impl->seqOffset));
    stmt->bind(7, qint64(r.lastSeq + m_impl->seqOffset));
    stmt->bind(8, runId);
    stmt->bind(9, r.info.id);
    return stmt->run();
}

Result<void> Journal::endRun(qint64 runId, RunStatus status, const QString &target) {
    m_impl->flush();
    auto stmt = m_impl->db.prepare("UPDATE runs SET status = ?, finished = ?, target = ?,"
                                   " pid = 0 WHERE id = ?");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, runStatusName(status));
    stmt->bind(2, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    stmt->bind(3, target);
    stmt->bind(4, runId);
    if (auto ok = stmt->run(); !ok) {
        return ok;
    }
    // A run that got no further than planned test cases leaves them "selected", not lost.
    return {};
}

void Journal::attach(trace::Trace &trace, qint64 runId, quint64 seqOffset) {
    detach();
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->runId = runId;
        m_impl->seqOffset = seqOffset;
    }
    m_impl->attached = &trace;
    trace.addObserver(this);
}

void Journal::detach() {
    if (m_impl->attached) {
        m_impl->attached->removeObserver(this);
        m_impl->attached = nullptr;
    }
    m_impl->flush();
}

void Journal::onEvent(const trace::Event &event) {
    bool full = false;
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->queue.push_back(event);
        full = m_impl->queue.size() >= kBatch;
    }
    if (full) {
        m_impl->wake.notify_one();
    }
}

QString Journal::writeError() const {
    std::lock_guard lock(m_impl->mutex);
    return m_impl->writeError;
}

Result<QList<RunRecord>> Journal::runs(int limit) {
    auto stmt = m_impl->db.prepare(QStringLiteral("SELECT %1 FROM runs ORDER BY id DESC LIMIT ?")
                                       .arg(QLatin1String(kRunColumns))
                                       .toUtf8());
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, qint64(limit));
    QList<RunRecord> out;
    while (stmt->next()) {
        out.append(readRun(*stmt));
    }
    return out;
}

Result<RunRecord> Journal::run(qint64 runId) {
    auto stmt = m_impl->db.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id = ?")
                                       .arg(QLatin1String(kRunColumns))
                                       .toUtf8());
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, runId);
    if (!stmt->next()) {
        return fail(Error::Kind::Config, QStringLiteral("no run %1 in the journal %2 "
                                                        "(`m2mbench-cli runs` lists them)")
                                             .arg(runId)
                                             .arg(m_path));
    }
    return readRun(*stmt);
}

Result<QList<JournalTestCase>> Journal::testCases(qint64 runId) {
    auto stmt = m_impl->db.prepare(
        "SELECT info, state, selection_reason, verdict, reason, started, duration_ns, checks,"
        " failed_checks, first_seq, last_seq FROM test_cases WHERE run_id = ? ORDER BY ordinal");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, runId);
    QList<JournalTestCase> out;
    while (stmt->next()) {
        out.append(readTestCase(*stmt));
    }
    return out;
}

Result<std::vector<trace::Event>> Journal::events(qint64 runId, const QString &testCaseId) {
    m_impl->flush();
    auto stmt = m_impl->db.prepare(
        testCaseId.isEmpty()
            ? QByteArray("SELECT " + QByteArray(kEventColumns) +
                         " FROM events WHERE run_id = ? ORDER BY seq")
            : QByteArray("SELECT " + QByteArray(kEventColumns) +
                         " FROM events WHERE run_id = ? AND tc_id = ? ORDER BY seq"));
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, runId);
    if (!testCaseId.isEmpty()) {
        stmt->bind(2, testCaseId);
    }
    std::vector<trace::Event> out;
    while (stmt->next()) {
        out.push_back(readEvent(*stmt));
    }
    return out;
}

Result<quint64> Journal::lastSeq(qint64 runId) {
    m_impl->flush();
    auto stmt = m_impl->db.prepare("SELECT COALESCE(MAX(seq), 0) FROM events WHERE run_id = ?");
    if (!stmt) {
        return fail(stmt.error());
    }
    stmt->bind(1, runId);
    return stmt->next() ? static_cast<quint64>(stmt->int64(0)) : 0;
}

} // namespace m2mbench::runner
