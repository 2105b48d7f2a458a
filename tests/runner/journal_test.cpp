// SPDX-License-Identifier: Apache-2.0
#include "core/runner/journal.h"
#include "core/runner/journal_codec.h"
#include "core/common/sqlite_db.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QProcess>
#include <QTemporaryDir>

#include <sqlite3.h>

using namespace m2mbench;
using namespace m2mbench::runner;

namespace {

trace::Event message(const QString &tc, const QByteArray &raw) {
    trace::Event e;
    e.kind = trace::EventKind::MessageSent;
    e.testCaseId = tc;
    e.from = QStringLiteral("D/GSCL");
    e.to = QStringLiteral("NSCL");
    e.protocol = QStringLiteral("HTTP");
    e.summary = QStringLiteral("RETRIEVE /m2m");
    e.raw = raw;
    return e;
}

TestCaseInfo info(const QString &id) {
    TestCaseInfo i;
    i.id = id;
    i.title = id + QStringLiteral(" title");
    i.references = {{QStringLiteral("ETSI TS 102 690"), QStringLiteral("9.3.2.6.2")}};
    return i;
}

} // namespace

TEST(Journal, RecordsARunItsPlanVerdictsAndEvents) {
    QTemporaryDir dir;
    auto journal = Journal::open(dir.filePath(QStringLiteral("j.sqlite"))).value();
    trace::Trace trace;
    RunRecord record;
    record.started = QDateTime::currentDateTimeUtc();
    record.target = QStringLiteral("embedded");
    record.pixit = {{QStringLiteral("PX_SCL_ID"), QStringLiteral("g1")},
                    {QStringLiteral("PX_KMR"), QStringLiteral("00ff")}};
    record.secretPixit = {QStringLiteral("PX_KMR")};
    const qint64 run = journal->beginRun(record).value();
    JournalTestCase planned;
    planned.info = info(QStringLiteral("TC_1"));
    JournalTestCase skipped;
    skipped.info = info(QStringLiteral("TC_2"));
    skipped.state = JournalTestCase::State::Deselected;
    skipped.selectionReason = QStringLiteral("PICS: PICS_X=false");
    ASSERT_TRUE(journal->recordPlan(run, {planned, skipped}));
    journal->attach(trace, run);

    ASSERT_TRUE(journal->testStarted(run, QStringLiteral("TC_1"), 1));
    trace.append(
        message(QStringLiteral("TC_1"), QByteArray("GET /m2m HTTP/1.1\r\n\r\n\0binary", 27)));
    trace::Event key;
    key.kind = trace::EventKind::KeyDerivation;
    auto d = std::make_shared<trace::KeyDerivation>();
    d->id = QStringLiteral("Kmr#1");
    d->name = QStringLiteral("Kmr");
    d->inputs.append(
        {QStringLiteral("EMSK"), SecureBytes::fromByteArray(QByteArray(64, '\x01')), true, false});
    d->output = SecureBytes::fromByteArray(QByteArray(32, '\x02'));
    key.derivation = d;
    trace.append(key);
    TestResult r;
    r.info = planned.info;
    r.verdict = Verdict::Fail;
    r.reason = QStringLiteral("[body] status");
    r.firstSeq = 1;
    r.lastSeq = 2;
    ASSERT_TRUE(journal->testFinished(run, r));
    ASSERT_TRUE(journal->endRun(run, RunStatus::Finished, QStringLiteral("embedded")));

    const auto tcs = journal->testCases(run).value();
    ASSERT_EQ(tcs.size(), 2);
    EXPECT_EQ(tcs[0].state, JournalTestCase::State::Done);
    EXPECT_EQ(tcs[0].verdict, Verdict::Fail);
    EXPECT_EQ(tcs[0].info.references.first().clause, QStringLiteral("9.3.2.6.2"));
    EXPECT_EQ(tcs[1].selectionReason, QStringLiteral("PICS: PICS_X=false"));
    const auto events = journal->events(run).value();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].raw.size(), 27); // binary bytes survive
    ASSERT_TRUE(events[1].derivation);
    EXPECT_EQ(events[1].derivation->output.exposeBytes(), QByteArray(32, '\x02'));
    EXPECT_TRUE(events[1].derivation->inputs.first().secret);
    const RunRecord back = journal->run(run).value();
    EXPECT_EQ(back.status, RunStatus::Finished);
    EXPECT_EQ(back.pixit.value(QStringLiteral("PX_SCL_ID")).toString(), QStringLiteral("g1"));
    // The journal keeps the key (a rerun needs it) and which items are keys (reports mask them).
    EXPECT_EQ(back.pixit.value(QStringLiteral("PX_KMR")).toString(), QStringLiteral("00ff"));
    EXPECT_EQ(back.secretPixit, QStringList{QStringLiteral("PX_KMR")});
}

TEST(Journal, OpensAJournalWrittenBeforeTheSecretPixitColumn) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    {
        SqliteDb db;
        ASSERT_TRUE(db.open(path));
        // The runs table as earlier versions created it, with one run in it.
        ASSERT_TRUE(db.exec(
            "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, status TEXT NOT NULL,"
            " started TEXT, finished TEXT, bench_version TEXT, target TEXT, embedded INTEGER,"
            " no_pics INTEGER, options TEXT, pics TEXT, pixit TEXT, profile TEXT,"
            " profile_fingerprint TEXT, xsd_dir TEXT, pid INTEGER)"));
        ASSERT_TRUE(db.exec("INSERT INTO runs (status, target, pixit) VALUES"
                            " ('finished', 'old run', '{\"PX_SCL_ID\": \"g1\"}')"));
    }

    auto journal = Journal::open(path);

    ASSERT_TRUE(journal) << journal.error().message.toStdString();
    const RunRecord old = (*journal)->run(1).value();
    EXPECT_EQ(old.target, QStringLiteral("old run"));
    EXPECT_TRUE(old.secretPixit.isEmpty());
    RunRecord next;
    next.secretPixit = {QStringLiteral("PX_KMC"), QStringLiteral("PX_KMR")};
    const qint64 id = (*journal)->beginRun(next).value();
    EXPECT_EQ((*journal)->run(id).value().secretPixit, next.secretPixit);
}

TEST(Journal, MarksRunsOfDeadProcessesAsInterrupted) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("j.sqlite"));
    {
        auto journal = Journal::open(path).value();
        const qint64 run = journal->beginRun(RunRecord()).value();
        JournalTestCase tc;
        tc.info = info(QStringLiteral("TC_1"));
        ASSERT_TRUE(journal->recordPlan(run, {tc}));
        ASSERT_TRUE(journal->testStarted(run, QStringLiteral("TC_1"), 1));
    }
    // Pretend the run belonged to a process that is gone: a child that has already exited.
    QProcess gone;
    gone.start(QStringLiteral("true"), {});
    gone.waitForFinished();
    {
        SqliteDb db;
        ASSERT_TRUE(db.open(path));
        auto stmt = db.prepare("UPDATE runs SET pid = ?");
        stmt->bind(1, qint64(gone.processId() ? gone.processId() : 999999));
        ASSERT_TRUE(stmt->run());
    }

    auto journal = Journal::open(path).value();

    const RunRecord run = journal->run(1).value();
    EXPECT_EQ(run.status, RunStatus::Interrupted);
    const auto tcs = journal->testCases(1).value();
    EXPECT_EQ(tcs.first().state, JournalTestCase::State::Interrupted);
    EXPECT_TRUE(tcs.first().reason.contains(QLatin1String("interrupted")));
}

TEST(Journal, RefusesToResumeARunThatIsStillRunning) {
    QTemporaryDir dir;
    auto journal = Journal::open(dir.filePath(QStringLiteral("j.sqlite"))).value();
    const qint64 run = journal->beginRun(RunRecord()).value(); // this very process: alive

    const auto resumed = journal->resumeRun(run);

    ASSERT_FALSE(resumed);
    EXPECT_TRUE(resumed.error().message.contains(QLatin1String("still running")));
}

TEST(Journal, FormatsWallTimesAsQtDoes) {
    // The cached formatter must give Qt's own text for every zone, second and millisecond,
    // in any order of calls (the cache is filled by one and reused by the next).
    const QDateTime utc(QDate(2026, 12, 3), QTime(15, 59, 59, 998), Qt::UTC);
    const QList<QDateTime> starts = {
        utc,
        utc.toLocalTime(),
        utc.toOffsetFromUtc(5 * 3600 + 1800),
        utc.toOffsetFromUtc(-8 * 3600),
        QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59, 999), Qt::UTC),
        QDateTime(QDate(1999, 12, 31), QTime(23, 59, 59, 0), Qt::UTC),
    };
    int compared = 0;
    for (const QDateTime &start : starts) {
        for (int step : {0, 1, 2, 3, 999, 1000, 1001, 60000}) {
            const QDateTime t = start.addMSecs(step);
            EXPECT_EQ(runner::isoWallTime(t), t.toString(Qt::ISODateWithMs)) << step;
            // Back again: a cached later second must not leak into an earlier one.
            EXPECT_EQ(runner::isoWallTime(start), start.toString(Qt::ISODateWithMs));
            compared += 2;
        }
    }
    EXPECT_EQ(compared, 96);
    EXPECT_EQ(runner::isoWallTime(QDateTime()), QString());
}

TEST(SqliteDb, ExplainsAFullDatabase) {
    QTemporaryDir dir;
    SqliteDb db;
    ASSERT_TRUE(db.open(dir.filePath(QStringLiteral("small.sqlite"))));
    ASSERT_TRUE(db.exec("CREATE TABLE t (b BLOB)"));
    ASSERT_TRUE(db.exec("PRAGMA max_page_count = 8"));
    auto stmt = db.prepare("INSERT INTO t VALUES (?)").value();

    Result<void> last;
    for (int i = 0; i < 64 && last; ++i) {
        stmt.bind(1, QByteArray(4096, 'x'));
        last = stmt.run();
    }

    ASSERT_FALSE(last);
    EXPECT_TRUE(last.error().message.contains(QLatin1String("full")))
        << last.error().message.toStdString();
}

TEST(SqliteDb, NamesDamagedFilesAndUnwritableFolders) {
    EXPECT_TRUE(sqliteMessage(SQLITE_CORRUPT, QStringLiteral("x.sqlite"), nullptr)
                    .contains(QLatin1String("damaged")));
    EXPECT_TRUE(sqliteMessage(SQLITE_READONLY, QStringLiteral("x.sqlite"), nullptr)
                    .contains(QLatin1String("--journal")));
}
