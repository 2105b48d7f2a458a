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

#include <csignal>

using m2mbench::test::FakeSut;

namespace {

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
    qint64 elapsedMs = 0;
};

CliRun cli(const QStringList &args, int timeoutMs = 60000) {
    QProcess p;
    p.setWorkingDirectory(QDir::tempPath());
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
        cli({QStringLiteral("run"), QStringLiteral("--target"), target, QStringLiteral("--report"),
             dir.filePath(QStringLiteral("report")), QStringLiteral("--junit"), junit});

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
        cli({QStringLiteral("run"), QStringLiteral("--quiet"), QStringLiteral("--target"),
             sut.url(), QStringLiteral("--only"), QStringLiteral("TC_NSCL_BASE_001"),
             QStringLiteral("--report"), dir.path()});

    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.out.contains(QLatin1String("TC_NSCL_BASE_001  fail"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("malformed")));
}

TEST(Cli, BadUsageExitsWithTwo) {
    const QList<QStringList> cases = {
        {QStringLiteral("run"), QStringLiteral("--bogus")},
        {QStringLiteral("run"), QStringLiteral("--target"), QStringLiteral("ftp://127.0.0.1/m2m")},
        {QStringLiteral("run"), QStringLiteral("--only"), QStringLiteral("TC_DOES_NOT_EXIST")},
        {QStringLiteral("run"), QStringLiteral("--set"), QStringLiteral("PX_STEP_TIMEOUT_MS=soon")},
        {QStringLiteral("run"), QStringLiteral("--status-expired"), QStringLiteral("200")},
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
    QProcess server;
    server.start(QStringLiteral(M2MBENCH_CLI),
                 {QStringLiteral("serve"), QStringLiteral("nscl"), QStringLiteral("--listen"),
                  QStringLiteral("127.0.0.1:0")});
    ASSERT_TRUE(server.waitForStarted(5000));
    QString banner;
    QElapsedTimer timer;
    timer.start();
    while (!banner.contains(QLatin1Char('\n')) && timer.elapsed() < 10000) {
        server.waitForReadyRead(200);
        banner += QString::fromUtf8(server.readAllStandardOutput());
    }
    const auto match =
        QRegularExpression(QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+/m2m)"))
            .match(banner);
    ASSERT_TRUE(match.hasMatch()) << banner.toStdString();
    QTemporaryDir dir;

    const CliRun r =
        cli({QStringLiteral("run"), QStringLiteral("--quiet"), QStringLiteral("--target"),
             match.captured(1), QStringLiteral("--report"), dir.path()});
    ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
    const bool stopped = server.waitForFinished(10000);
    if (!stopped) {
        server.kill();
        server.waitForFinished(5000);
    }
    const QString log = QString::fromUtf8(server.readAllStandardOutput());

    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString();
    EXPECT_TRUE(stopped);
    EXPECT_EQ(server.exitCode(), 0);
    EXPECT_TRUE(log.contains(QLatin1String("POST /m2m/scls -> 201"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QLatin1String("NSCL stopped after")));
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
