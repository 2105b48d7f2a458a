// SPDX-License-Identifier: Apache-2.0
#include "tests/support/fake_sut.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

using m2mbench::test::FakeSut;

namespace {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
    qint64 elapsedMs = 0;
};

/// Every CLI run of these tests records into a journal of its own, never the user's.
QString testJournal() {
    static QTemporaryDir dir;
    return dir.filePath(QStringLiteral("journal.sqlite"));
}

QProcessEnvironment cliEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("M2MBENCH_JOURNAL"), testJournal());
    return env;
}

/// The bound only catches a hang: a run of the whole suite takes about a minute, much of it the
/// D/G test cases watching that a request does not come.
CliRun cli(const QStringList &args, int timeoutMs = 180000) {
    QProcess p;
    p.setWorkingDirectory(QDir::tempPath());
    p.setProcessEnvironment(cliEnvironment());
    QElapsedTimer timer;
    timer.start();
    p.start(QStringLiteral(M2MBENCH_CLI), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        ADD_FAILURE() << "m2mbench-cli " << args.join(QLatin1Char(' ')).toStdString()
                      << " did not finish";
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError()), timer.elapsed()};
}

QString readFile(const QString &path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

} // namespace

TEST(Cli, MainJobPassesPrintsVerdictsAndWritesReports) {
    QTemporaryDir dir;
    const QString junit = dir.filePath(QStringLiteral("junit.xml"));

    const CliRun r =
        cli({QStringLiteral("run"), QStringLiteral("--report"),
             dir.filePath(QStringLiteral("report")), QStringLiteral("--junit"), junit});

    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("TC_NSCL_REG_001   pass"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("overall verdict pass")));
    const QString xml = readFile(junit);
    EXPECT_TRUE(xml.contains(QLatin1String("failures=\"0\" errors=\"0\""))) << xml.toStdString();
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("report/summary.json"))));
    EXPECT_TRUE(readFile(dir.filePath(QStringLiteral("report/trace.txt")))
                    .contains(QLatin1String("D/GSCL -> NSCL HTTP: CREATE /m2m/scls")));
}

TEST(Cli, RefusingTargetGivesInconcNonZeroExitAndNoHang) {
    QTemporaryDir dir;
    const QString junit = dir.filePath(QStringLiteral("junit.xml"));
    const QString target = QStringLiteral("http://127.0.0.1:%1/m2m").arg(FakeSut::refusingPort());

    const CliRun r =
        cli({QStringLiteral("run"), QStringLiteral("--no-pics"), QStringLiteral("--target"), target,
             QStringLiteral("--report"), dir.filePath(QStringLiteral("report")),
             QStringLiteral("--junit"), junit});

    EXPECT_EQ(r.exitCode, 1) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("inconc"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("cannot connect"))) << r.out.toStdString();
    EXPECT_FALSE(r.out.contains(QRegularExpression(QStringLiteral("TC_\\S+\\s+pass"))));
    const QString xml = readFile(junit);
    EXPECT_TRUE(xml.contains(QLatin1String("type=\"inconc\""))) << xml.toStdString();
    EXPECT_TRUE(xml.contains(QLatin1String("errors=\"0\"")));
    EXPECT_LT(r.elapsedMs, 30000);
}

TEST(Cli, GarbageAnsweringTargetFails) {
    FakeSut sut(FakeSut::Behaviour::Garbage);
    QTemporaryDir dir;

    const CliRun r =
        cli({QStringLiteral("run"), QStringLiteral("--quiet"), QStringLiteral("--no-pics"),
             QStringLiteral("--target"), sut.url(), QStringLiteral("--only"),
             QStringLiteral("TC_NSCL_BASE_001"), QStringLiteral("--report"), dir.path()});

    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.out.contains(QLatin1String("TC_NSCL_BASE_001  fail"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("malformed")));
}

TEST(Cli, BadUsageExitsWithTwo) {
    const QList<QStringList> cases = {
        {QStringLiteral("run"), QStringLiteral("--bogus")},
        {QStringLiteral("run"), QStringLiteral("--target"), QStringLiteral("ftp://127.0.0.1/m2m"),
         QStringLiteral("--no-pics")},
        {QStringLiteral("run"), QStringLiteral("--target"),
         QStringLiteral("http://127.0.0.1:9/m2m")},
        {QStringLiteral("run"), QStringLiteral("--only"), QStringLiteral("TC_DOES_NOT_EXIST")},
        {QStringLiteral("run"), QStringLiteral("--set"), QStringLiteral("PX_STEP_TIMEOUT_MS=soon")},
        {QStringLiteral("run"), QStringLiteral("--status-expired"), QStringLiteral("200")},
        // libcoap takes no ACK_TIMEOUT under 1 s: refused rather than silently 2 s
        {QStringLiteral("run"), QStringLiteral("--set"),
         QStringLiteral("PX_COAP_ACK_TIMEOUT_MS=500")},
        {QStringLiteral("connect"), QStringLiteral("--nscl"), QStringLiteral("127.0.0.1:1"),
         QStringLiteral("--kmr"), QStringLiteral("00112233445566778899aabbccddeeff:1:zz")},
        {QStringLiteral("connect"), QStringLiteral("--nscl"), QStringLiteral("127.0.0.1:1")},
        {QStringLiteral("run"), QStringLiteral("/nonexistent/suite")},
        {QStringLiteral("serve"), QStringLiteral("nscl"), QStringLiteral("--listen"),
         QStringLiteral("nonsense")},
        {QStringLiteral("serve"), QStringLiteral("msbf-unknown")},
        {QStringLiteral("no-such-command")},
        {},
    };
    for (const QStringList &args : cases) {
        const CliRun r = cli(args);

        EXPECT_EQ(r.exitCode, 2) << args.join(QLatin1Char(' ')).toStdString() << "\n"
                                 << r.err.toStdString();
        EXPECT_FALSE(r.err.isEmpty()) << args.join(QLatin1Char(' ')).toStdString();
    }
}

TEST(Cli, ListsNsclFaultsAndRunsTheEmbeddedNsclWithOne) {
    const CliRun list = cli({QStringLiteral("faults")});
    const CliRun faulty =
        cli({QStringLiteral("run"),
             m2mbench::test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/nscl"),
             QStringLiteral("--only"), QStringLiteral("TC_NSCL_CNT_003"),
             QStringLiteral("--nscl-fault"), QStringLiteral("container-duplicate-accepted"),
             QStringLiteral("--no-journal")});
    const CliRun unknown = cli({QStringLiteral("run"), QStringLiteral("--nscl-fault"),
                                QStringLiteral("no-such-fault"), QStringLiteral("--no-journal")});
    const CliRun withTarget =
        cli({QStringLiteral("run"), QStringLiteral("--target"),
             QStringLiteral("http://127.0.0.1:9/m2m"), QStringLiteral("--no-pics"),
             QStringLiteral("--nscl-fault"), QStringLiteral("scl-not-listed"),
             QStringLiteral("--no-journal")});
    const CliRun serveUnknown =
        cli({QStringLiteral("serve"), QStringLiteral("nscl"), QStringLiteral("--listen"),
             QStringLiteral("127.0.0.1:0"), QStringLiteral("--fault"), QStringLiteral("nope")});

    EXPECT_EQ(list.exitCode, 0);
    EXPECT_TRUE(list.out.contains(QLatin1String("container-duplicate-accepted")));
    EXPECT_TRUE(list.out.contains(QRegularExpression(QStringLiteral("\\n(\\d+) fault\\(s\\)"))));
    EXPECT_EQ(faulty.exitCode, 1) << faulty.out.toStdString() << faulty.err.toStdString();
    EXPECT_TRUE(faulty.out.contains(QRegularExpression(QStringLiteral("TC_NSCL_CNT_003\\s+fail"))))
        << faulty.out.toStdString();
    EXPECT_TRUE(
        faulty.out.contains(QLatin1String("WITH FAULTS ON PURPOSE: container-duplicate-accepted")))
        << faulty.out.toStdString();
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains(QLatin1String("unknown NSCL fault 'no-such-fault'")))
        << unknown.err.toStdString();
    EXPECT_EQ(withTarget.exitCode, 2);
    EXPECT_TRUE(withTarget.err.contains(QLatin1String("--nscl-fault applies to the embedded NSCL")))
        << withTarget.err.toStdString();
    EXPECT_EQ(serveUnknown.exitCode, 2);
    EXPECT_TRUE(serveUnknown.err.contains(QLatin1String("unknown NSCL fault 'nope'")));
}

TEST(Cli, ListsTestCasesWithMetadata) {
    const CliRun text = cli({QStringLiteral("list")});
    const CliRun json = cli({QStringLiteral("list"), QStringLiteral("--json")});

    EXPECT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(
        QLatin1String("TC_NSCL_REG_003  The NSCL refuses a second registration")));
    EXPECT_TRUE(text.out.contains(QLatin1String("ETSI TS 102 690 9.3.2.6.2")));
    const QJsonArray all = QJsonDocument::fromJson(json.out.toUtf8()).array();
    ASSERT_GE(all.size(), 4);
    EXPECT_FALSE(all.first().toObject().value(QStringLiteral("purpose")).toString().isEmpty());
}

TEST(Cli, ServesAStandaloneNsclThatTheRunnerPassesAgainst) {
    // Every binding, keyed by the Kmr the NSCL suite's PIXIT defaults give the emulated node.
    const QString kmr = QStringLiteral("00112233445566778899aabbccddeeff:1:"
                                       "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1"
                                       "d1e1f:gscl-bench-01");
    QTemporaryDir dir;
    const QString keyLog = dir.filePath(QStringLiteral("nscl-keys.log"));
    QProcess server;
    server.setProcessEnvironment(cliEnvironment());
    server.start(QStringLiteral(M2MBENCH_CLI),
                 {QStringLiteral("serve"), QStringLiteral("nscl"), QStringLiteral("--listen"),
                  QStringLiteral("127.0.0.1:0"), QStringLiteral("--https-psk"),
                  QStringLiteral("127.0.0.1:0"), QStringLiteral("--coap"),
                  QStringLiteral("127.0.0.1:0"), QStringLiteral("--coaps"),
                  QStringLiteral("127.0.0.1:0"), QStringLiteral("--kmr"), kmr,
                  QStringLiteral("--keylog"), keyLog});
    ASSERT_TRUE(server.waitForStarted(5000));
    QString banner;
    QElapsedTimer timer;
    timer.start();
    while (!banner.contains(QLatin1String("secrets go to")) && timer.elapsed() < 10000) {
        server.waitForReadyRead(200);
        banner += QString::fromUtf8(server.readAllStandardOutput());
    }
    const auto at = [&banner](const QString &scheme) {
        return QRegularExpression(QStringLiteral("\\b%1://(127\\.0\\.0\\.1:\\d+)").arg(scheme))
            .match(banner)
            .captured(1);
    };
    const QString http = at(QStringLiteral("http"));
    const QString https = at(QStringLiteral("https"));
    const QString coap = at(QStringLiteral("coap"));
    const QString coaps = at(QStringLiteral("coaps"));
    ASSERT_FALSE(http.isEmpty() || https.isEmpty() || coap.isEmpty() || coaps.isEmpty())
        << banner.toStdString();

    const CliRun r =
        cli({QStringLiteral("run"),
             m2mbench::test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/nscl"),
             QStringLiteral("--quiet"), QStringLiteral("--no-pics"), QStringLiteral("--target"),
             QStringLiteral("http://%1/m2m").arg(http), QStringLiteral("--set"),
             QStringLiteral("PX_NSCL_HTTPS_PSK_ADDRESS=") + https, QStringLiteral("--set"),
             QStringLiteral("PX_NSCL_COAP_ADDRESS=") + coap, QStringLiteral("--set"),
             QStringLiteral("PX_NSCL_COAPS_ADDRESS=") + coaps, QStringLiteral("--report"),
             dir.filePath(QStringLiteral("reports"))});
    ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
    const bool stopped = server.waitForFinished(10000);
    if (!stopped) {
        server.kill();
        server.waitForFinished(5000);
    }
    const QString log = QString::fromUtf8(server.readAllStandardOutput());

    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("TC_NSCL_CONN_001  pass"))) << r.out.toStdString();
    EXPECT_TRUE(stopped);
    EXPECT_EQ(server.exitCode(), 0);
    EXPECT_TRUE(log.contains(QLatin1String("POST /m2m/scls -> 201"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QLatin1String("NSCL stopped after")));
    // Every TLS and DTLS session the NSCL took part in left its secrets in the key log.
    const QString secrets = readFile(keyLog);
    EXPECT_TRUE(secrets.contains(QLatin1String("CLIENT_RANDOM "))) << secrets.toStdString();
}

TEST(Cli, ServeNsclRefusesMalformedKeysWithExitTwo) {
    for (const QString &bad :
         {QStringLiteral("0011:1:00"), QStringLiteral("00112233445566778899aabbccddeeff:x:00"),
          QStringLiteral("00112233445566778899aabbccddeeff:1:zz"), QStringLiteral("nonsense")}) {
        const CliRun r =
            cli({QStringLiteral("serve"), QStringLiteral("nscl"), QStringLiteral("--listen"),
                 QStringLiteral("127.0.0.1:0"), QStringLiteral("--https-psk"),
                 QStringLiteral("127.0.0.1:0"), QStringLiteral("--kmr"), bad});
        EXPECT_EQ(r.exitCode, 2) << bad.toStdString() << r.err.toStdString();
        EXPECT_TRUE(r.err.contains(QLatin1String("--kmr"))) << r.err.toStdString();
    }
}

TEST(Cli, DeriveComputesAKeyAndRejectsBadInputWithExitTwo) {
    const QString emsk = QString::fromLatin1(QByteArray(64, '\x11').toHex());
    const QString nodeId = QString::fromLatin1(QByteArray(16, '\x22').toHex());

    const CliRun ok =
        cli({QStringLiteral("derive"), QStringLiteral("kmr-eap"), QStringLiteral("--json"),
             QStringLiteral("--input"), QStringLiteral("EMSK=") + emsk, QStringLiteral("--input"),
             QStringLiteral("SP-ID=sp.example"), QStringLiteral("--input"),
             QStringLiteral("M2M-Node-ID=") + nodeId});
    const CliRun badHex = cli({QStringLiteral("derive"), QStringLiteral("kmr-eap"),
                               QStringLiteral("--input"), QStringLiteral("EMSK=xyz")});
    const CliRun shortId =
        cli({QStringLiteral("derive"), QStringLiteral("kmr-eap"), QStringLiteral("--input"),
             QStringLiteral("EMSK=") + emsk, QStringLiteral("--input"), QStringLiteral("SP-ID=sp"),
             QStringLiteral("--input"), QStringLiteral("M2M-Node-ID=2222")});
    const CliRun unknown = cli({QStringLiteral("derive"), QStringLiteral("kmr-teapot")});

    EXPECT_EQ(ok.exitCode, 0) << ok.err.toStdString();
    const QString output = QJsonDocument::fromJson(ok.out.toUtf8())
                               .object()
                               .value(QStringLiteral("output"))
                               .toString();
    EXPECT_EQ(output.size(), 64) << ok.out.toStdString();
    EXPECT_EQ(badHex.exitCode, 2);
    EXPECT_TRUE(badHex.err.contains(QLatin1String("EMSK"))) << badHex.err.toStdString();
    EXPECT_EQ(badHex.err.trimmed().count(QLatin1Char('\n')), 0)
        << "one line: " << badHex.err.toStdString();
    EXPECT_EQ(shortId.exitCode, 2);
    EXPECT_TRUE(shortId.err.contains(QLatin1String("M2M-Node-ID"))) << shortId.err.toStdString();
    EXPECT_EQ(unknown.exitCode, 2);
}

namespace {

/// A suite folder with the NSCL proformas and the given test case bodies.
void writeSuite(const QTemporaryDir &dir, const QList<QPair<QString, QString>> &cases) {
    for (const char *name : {"pixit.json", "pics.json"}) {
        QFile::remove(dir.filePath(QLatin1String(name)));
        QFile::copy(m2mbench::test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/nscl/") +
                        QLatin1String(name),
                    dir.filePath(QLatin1String(name)));
    }
    for (const auto &[id, body] : cases) {
        QFile f(dir.filePath(id + QStringLiteral(".js")));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(QStringLiteral("export const meta = { id: '%1', title: '%1', purpose: 'TP_%1', "
                               "configuration: 'CFG_NSCL', references: [{document: 't', clause: "
                               "'0'}] };\nexport function body(ctx) {\n%2\n}\n")
                    .arg(id, body)
                    .toUtf8());
    }
}

const QString kPass = QStringLiteral(
    "ctx.expectStatus(ctx.device.retrieve(ctx.pixit('PX_NSCL_BASE')), 'STATUS_OK');");

} // namespace

TEST(Cli, AJournalSurvivesSigkillAndTheRunCanBeResumed) {
    QTemporaryDir suite;
    QTemporaryDir work;
    const QString journal = work.filePath(QStringLiteral("kill.sqlite"));
    writeSuite(suite, {{QStringLiteral("TC_A"), kPass},
                       {QStringLiteral("TC_B"), kPass},
                       {QStringLiteral("TC_C"), QStringLiteral("for (;;) {}")},
                       {QStringLiteral("TC_D"), kPass}});
    QProcess victim;
    victim.setProcessEnvironment(cliEnvironment());
    victim.start(QStringLiteral(M2MBENCH_CLI),
                 {QStringLiteral("run"), suite.path(), QStringLiteral("--journal"), journal,
                  QStringLiteral("--set"), QStringLiteral("PX_TC_TIMEOUT_MS=600000"),
                  QStringLiteral("--report"), work.filePath(QStringLiteral("r1"))});
    QString seen;
    QElapsedTimer timer;
    timer.start();
    while (!seen.contains(QLatin1String("TC_B")) && timer.elapsed() < 20000) {
        victim.waitForReadyRead(100);
        seen += QString::fromUtf8(victim.readAllStandardOutput());
    }
    ASSERT_TRUE(seen.contains(QLatin1String("pass    TC_B"))) << seen.toStdString();
    QThread::msleep(500); // TC_C is now spinning
    ::kill(static_cast<pid_t>(victim.processId()), SIGKILL);
    victim.waitForFinished(5000);

    const CliRun afterKill = cli({QStringLiteral("runs"), QStringLiteral("--journal"), journal});

    EXPECT_EQ(afterKill.exitCode, 0);
    EXPECT_TRUE(afterKill.out.contains(QLatin1String("interrupted")))
        << afterKill.out.toStdString();
    EXPECT_TRUE(afterKill.out.contains(QLatin1String("2 pass"))) << afterKill.out.toStdString();
    EXPECT_TRUE(afterKill.out.contains(QLatin1String("interrupted during TC_C")))
        << afterKill.out.toStdString();

    writeSuite(suite, {{QStringLiteral("TC_C"), kPass}}); // the lab fixed what hung
    const CliRun resumed =
        cli({QStringLiteral("resume"), QStringLiteral("1"), QStringLiteral("--journal"), journal,
             QStringLiteral("--report"), work.filePath(QStringLiteral("r2"))});
    const CliRun finally = cli({QStringLiteral("runs"), QStringLiteral("--journal"), journal});

    EXPECT_EQ(resumed.exitCode, 0) << resumed.out.toStdString() << resumed.err.toStdString();
    EXPECT_TRUE(resumed.out.contains(QRegularExpression(QStringLiteral("TC_C\\s+pass"))))
        << resumed.out.toStdString();
    EXPECT_TRUE(resumed.out.contains(QRegularExpression(QStringLiteral("TC_D\\s+pass"))));
    EXPECT_FALSE(resumed.out.contains(QRegularExpression(QStringLiteral("TC_A\\s+pass"))))
        << "A was done before";
    EXPECT_TRUE(finally.out.contains(QLatin1String("finished"))) << finally.out.toStdString();
    EXPECT_TRUE(finally.out.contains(QLatin1String("4 pass"))) << finally.out.toStdString();
}

TEST(Cli, RerunReplaysOneTestCaseWithTheRecordedPixit) {
    QTemporaryDir work;
    const QString journal = work.filePath(QStringLiteral("rerun.sqlite"));
    const CliRun first =
        cli({QStringLiteral("run"), QStringLiteral("--quiet"), QStringLiteral("--journal"), journal,
             QStringLiteral("--set"), QStringLiteral("PX_SCL_ID=gscl-rerun"),
             QStringLiteral("--report"), work.filePath(QStringLiteral("a"))});

    const CliRun again =
        cli({QStringLiteral("rerun"), QStringLiteral("1"), QStringLiteral("--only"),
             QStringLiteral("TC_NSCL_REG_001"), QStringLiteral("--journal"), journal,
             QStringLiteral("--report"), work.filePath(QStringLiteral("b"))});

    EXPECT_EQ(first.exitCode, 0);
    EXPECT_EQ(again.exitCode, 0) << again.err.toStdString();
    EXPECT_TRUE(again.out.contains(QLatin1String("1 of 1 test case(s) passed")));
    const QString summary = readFile(work.filePath(QStringLiteral("b/summary.json")));
    EXPECT_TRUE(summary.contains(QLatin1String("\"PX_SCL_ID\": \"gscl-rerun\"")))
        << summary.toStdString();
}

TEST(Cli, UnusableJournalsAreRefusedWithAClearMessage) {
    QTemporaryDir work;
    const QString damaged = work.filePath(QStringLiteral("damaged.sqlite"));
    QFile f(damaged);
    f.open(QIODevice::WriteOnly);
    f.write(QByteArray(8192, 'x'));
    f.close();

    const CliRun corrupt = cli({QStringLiteral("run"), QStringLiteral("--journal"), damaged});
    const CliRun unwritable = cli({QStringLiteral("run"), QStringLiteral("--journal"),
                                   QStringLiteral("/proc/m2mbench/journal.sqlite")});
    const CliRun noSuchRun =
        cli({QStringLiteral("resume"), QStringLiteral("99"), QStringLiteral("--journal"),
             work.filePath(QStringLiteral("fresh.sqlite"))});

    EXPECT_EQ(corrupt.exitCode, 2);
    EXPECT_TRUE(corrupt.err.contains(QLatin1String("damaged"))) << corrupt.err.toStdString();
    EXPECT_EQ(unwritable.exitCode, 2);
    EXPECT_TRUE(unwritable.err.contains(QLatin1String("journal"))) << unwritable.err.toStdString();
    EXPECT_EQ(noSuchRun.exitCode, 2);
    EXPECT_TRUE(noSuchRun.err.contains(QLatin1String("no run 99"))) << noSuchRun.err.toStdString();
}

TEST(Cli, AReportFolderThatCannotBeWrittenLosesNoVerdict) {
    QTemporaryDir work;

    const CliRun r =
        cli({QStringLiteral("run"), QStringLiteral("--only"), QStringLiteral("TC_NSCL_BASE_001"),
             QStringLiteral("--report"), QStringLiteral("/proc/m2mbench-reports")});

    EXPECT_EQ(r.exitCode, 3);
    EXPECT_TRUE(r.out.contains(QLatin1String("TC_NSCL_BASE_001  pass"))) << r.out.toStdString();
    EXPECT_TRUE(r.err.contains(QLatin1String("cannot create the report folder")))
        << r.err.toStdString();
}

TEST(Cli, NamedSutWithoutPicsIsRefusedUnlessNoPics) {
    const CliRun refused = cli({QStringLiteral("run"), QStringLiteral("--target"),
                                QStringLiteral("http://127.0.0.1:9/m2m")});

    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_TRUE(refused.err.contains(QLatin1String("--no-pics"))) << refused.err.toStdString();
}

TEST(Cli, VerdictsAsJson) {
    const CliRun r = cli({QStringLiteral("run"), QStringLiteral("--json"), QStringLiteral("--only"),
                          QStringLiteral("TC_NSCL_REG_001"), QStringLiteral("--report"),
                          QDir::temp().filePath(QStringLiteral("m2mbench-json-report"))});

    EXPECT_EQ(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_EQ(o.value(QStringLiteral("overall")).toString(), QStringLiteral("pass"))
        << r.out.toStdString();
    EXPECT_EQ(o.value(QStringLiteral("results")).toArray().size(), 1);
}

TEST(Cli, PlanShowsEverySelectionWithItsReason) {
    QTemporaryDir work;
    QFile pics(work.filePath(QStringLiteral("pics.json")));
    pics.open(QIODevice::WriteOnly);
    pics.write(R"({"PICS_NSCL_HTTP": true, "PICS_NSCL_SCL_REGISTRATION": true,
                   "PICS_NSCL_SCL_DEREGISTRATION": false, "PICS_NSCL_CONTAINERS": true,
                   "PICS_NSCL_CONTAINER_LIMITS": true})");
    pics.close();
    QFile partial(work.filePath(QStringLiteral("partial.json")));
    partial.open(QIODevice::WriteOnly);
    partial.write(R"({"PICS_NSCL_HTTP": "yes"})");
    partial.close();
    const QString nscl = m2mbench::test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/nscl");

    const CliRun plan =
        cli({QStringLiteral("plan"), nscl, QStringLiteral("--pics"), pics.fileName()});
    const CliRun bad =
        cli({QStringLiteral("plan"), nscl, QStringLiteral("--pics"), partial.fileName()});

    EXPECT_EQ(plan.exitCode, 0) << plan.err.toStdString();
    EXPECT_TRUE(plan.out.contains(QRegularExpression(QStringLiteral(
        "not selected\\s+TC_NSCL_REG_004\\s+PICS: .*PICS_NSCL_SCL_DEREGISTRATION=false"))))
        << plan.out.toStdString();
    EXPECT_TRUE(
        plan.out.contains(QRegularExpression(QStringLiteral("selected\\s+TC_NSCL_REG_001"))));
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(bad.err.contains(QLatin1String("must be true or false"))) << bad.err.toStdString();
    EXPECT_TRUE(bad.err.contains(
        QLatin1String("mandatory PICS item PICS_NSCL_SCL_REGISTRATION is missing")))
        << bad.err.toStdString();
}

namespace {

CliRun cliWithInput(const QStringList &args, const QByteArray &input) {
    QProcess p;
    p.setWorkingDirectory(QDir::tempPath());
    p.setProcessEnvironment(cliEnvironment());
    p.start(QStringLiteral(M2MBENCH_CLI), args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        ADD_FAILURE() << "m2mbench-cli did not finish";
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError()), 0};
}

} // namespace

TEST(Cli, StepsThroughARunInTheTerminal) {
    const QString nscl = m2mbench::test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/nscl");
    QTemporaryDir work;

    const CliRun stepped = cliWithInput(
        {QStringLiteral("run"), nscl, QStringLiteral("--only"), QStringLiteral("TC_NSCL_BASE_001"),
         QStringLiteral("--step"), QStringLiteral("--report"), work.filePath(QStringLiteral("a"))},
        "s\n\ns\nc\n");
    const CliRun aborted =
        cliWithInput({QStringLiteral("run"), nscl, QStringLiteral("--step"),
                      QStringLiteral("--report"), work.filePath(QStringLiteral("b"))},
                     "q\n");

    EXPECT_EQ(stepped.exitCode, 0) << stepped.out.toStdString() << stepped.err.toStdString();
    EXPECT_EQ(stepped.out.count(QLatin1String("=== stopped (step)")), 4)
        << stepped.out.toStdString();
    EXPECT_TRUE(stepped.out.contains(QLatin1String("--- pending message ---\nGET /m2m HTTP/1.1")));
    EXPECT_EQ(aborted.exitCode, 1);
    EXPECT_TRUE(aborted.out.contains(QLatin1String("run stopped"))) << aborted.out.toStdString();
}
