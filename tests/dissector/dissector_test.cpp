// SPDX-License-Identifier: Apache-2.0
// The etsim2m plugin as a lab uses it: tshark (unprivileged, the plugin from the build folder)
// over what m2mbench-cli writes. No traffic leaves 127.0.0.1; every process is waited for.
#include "core/trace/trace_file.h"
#include "tests/dissector/mid_samples.h"
#include "tests/dissector/tls_session.h"
#include "tests/dissector/tshark.h"
#include "tests/runner/script_fixture.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <unistd.h>

using namespace m2mbench;
using test::tshark;

namespace {

struct CliResult {
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult cli(const QStringList &args, const QString &journalDir) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("M2MBENCH_JOURNAL"), journalDir + QStringLiteral("/journal.sqlite"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QDir::tempPath());
    p.start(QStringLiteral(M2MBENCH_CLI), args);
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished(5000);
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

/// A run of a suite through the CLI with --pcap: its report and capture folders.
struct CapturedRun {
    QString report;
    QString pcap;
    CliResult result;
};

CapturedRun captureRun(const QString &root, const QStringList &suite = {},
                       const QStringList &extra = {}) {
    CapturedRun run{root + QStringLiteral("/report"), root + QStringLiteral("/pcap"), {}};
    run.result = cli(QStringList{QStringLiteral("run")} + suite +
                         QStringList{QStringLiteral("--report"), run.report,
                                     QStringLiteral("--pcap"), run.pcap} +
                         extra,
                     root);
    return run;
}

/// HTTP messages over TLS-PSK whose XML body is not well-formed: those a test case sent so on
/// purpose (a malformed answer of the bench NSCL, say), which the dissector must flag. Each is
/// counted once, by the event of its sender (the bundled run records both ends). CoAP is left
/// out: the payload of one block of a block-wise transfer is a piece of a document.
int malformedOnPurpose(const trace::RecordedRun &run) {
    int n = 0;
    for (const trace::Event &e : run.events) {
        if (!e.isMessage() || e.channel != u"TLS-PSK" || e.protocol != u"HTTP" ||
            e.kind != trace::EventKind::MessageSent) {
            continue;
        }
        const qsizetype end = e.raw.indexOf("\r\n\r\n");
        if (end < 0 || !e.raw.left(end).toLower().contains("xml") || end + 4 >= e.raw.size()) {
            continue;
        }
        QXmlStreamReader reader(e.raw.mid(end + 4));
        while (!reader.atEnd()) {
            reader.readNext();
        }
        n += reader.hasError() ? 1 : 0;
    }
    return n;
}

int countFailedChecks(const QString &report) {
    const auto run = trace::readTraceFile(report + QStringLiteral("/trace.jsonl"));
    EXPECT_TRUE(run) << (run ? "" : run.error().message.toStdString());
    int failed = 0;
    if (run) {
        for (const trace::Event &e : run->events) {
            failed += e.kind == trace::EventKind::Check && e.verdict == Verdict::Fail ? 1 : 0;
        }
    }
    return failed;
}

/// tshark -T fields: one row of values per displayed frame.
QList<QStringList> fields(const QString &capture, const QString &filter, const QStringList &names,
                          const QStringList &extra = {}) {
    QStringList args{QStringLiteral("-Y"), filter, QStringLiteral("-T"), QStringLiteral("fields")};
    for (const QString &n : names) {
        args << QStringLiteral("-e") << n;
    }
    const auto r = tshark(args + extra, capture);
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.errors().isEmpty()) << r.errors().toStdString();
    QList<QStringList> rows;
    for (const QString &line : r.lines()) {
        rows.append(line.split(u'\t'));
    }
    return rows;
}

int count(const QString &capture, const QString &filter, const QStringList &extra = {}) {
    return static_cast<int>(
        fields(capture, filter, {QStringLiteral("frame.number")}, extra).size());
}

class Dissector : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_missing = test::tsharkMissing();
        if (!s_missing.isEmpty()) {
            return;
        }
        s_dir = new QTemporaryDir;
        // The bundled suite, captured once for the tests that read it.
        s_bundled = new CapturedRun(captureRun(s_dir->path()));
        s_samples = s_dir->filePath(QStringLiteral("mid-samples.pcapng"));
        s_samplesOk = static_cast<bool>(test::writeSampleCapture(s_samples));
    }
    static void TearDownTestSuite() {
        delete s_bundled;
        delete s_dir;
        s_bundled = nullptr;
        s_dir = nullptr;
    }
    void SetUp() override {
        if (!s_missing.isEmpty()) {
            GTEST_SKIP() << s_missing.toStdString();
        }
    }

    static QString exportOf(const CapturedRun &run) {
        return run.pcap + QStringLiteral("/export.pcapng");
    }
    static QString liveOf(const CapturedRun &run) {
        return run.pcap + QStringLiteral("/capture.pcapng");
    }

    static inline QString s_missing;
    static inline QTemporaryDir *s_dir = nullptr;
    static inline CapturedRun *s_bundled = nullptr;
    static inline QString s_samples;
    static inline bool s_samplesOk = false;
};

} // namespace

TEST_F(Dissector, TsharkListsTheProtocol) {
    const auto r = tshark({QStringLiteral("-G"), QStringLiteral("protocols")});

    EXPECT_TRUE(r.out.contains(QLatin1String("\tETSIM2M\tetsim2m\n"))) << r.err.toStdString();
}

TEST_F(Dissector, EveryMidMessageOfTheBundledSuiteExportCarriesItsPrimitive) {
    ASSERT_EQ(s_bundled->result.exitCode, 0) << s_bundled->result.err.toStdString();
    const QString capture = exportOf(*s_bundled);

    const int http = count(capture, QStringLiteral("http"));
    const int withPrimitive = count(capture, QStringLiteral("http && etsim2m.primitive"));
    const auto statuses =
        fields(capture, QStringLiteral("http.response"), {QStringLiteral("etsim2m.status")});

    EXPECT_GT(http, 20);
    EXPECT_EQ(withPrimitive, http);
    for (const QStringList &row : statuses) {
        EXPECT_TRUE(row.value(0).startsWith(QLatin1String("STATUS_")))
            << row.join(u' ').toStdString();
    }
}

TEST_F(Dissector, TheLiveCaptureOfTheBundledSuiteDecodesToo) {
    const QString capture = liveOf(*s_bundled);
    ASSERT_TRUE(QFile::exists(capture)) << s_bundled->result.err.toStdString();

    const int http = count(capture, QStringLiteral("http"));
    const int withPrimitive = count(capture, QStringLiteral("http && etsim2m.primitive"));
    const int exported = count(exportOf(*s_bundled), QStringLiteral("http"));

    // Every HTTP message of the trace is in the export. In the live capture only those of the
    // plain binding are HTTP: the service connection and mId over TLS-PSK are TLS records there
    // (TheTlsSessionDecryptsWithTheKeyLogAndWithTheEmbeddedSecrets decrypts such a session).
    const auto run = trace::readTraceFile(s_bundled->report + QStringLiteral("/trace.jsonl"));
    ASSERT_TRUE(run);
    QStringList linked;
    int messages = 0;
    int overTls = 0;
    for (const trace::Event &e : run->events) {
        if (!e.isMessage() || e.protocol != u"HTTP") {
            continue;
        }
        ++messages;
        overTls += e.channel == u"TLS-PSK" ? 1 : 0;
        if (const qint64 frame = run->frames->frameOf(e.seq); frame >= 0) {
            linked.append(QString::number(frame));
        }
    }
    EXPECT_GT(overTls, 0) << "the bundled suite exercises mId over HTTP/TLS-PSK";
    EXPECT_EQ(exported, messages);
    EXPECT_GT(http, 20);
    EXPECT_LT(http, messages);
    EXPECT_EQ(withPrimitive, http);
    // Each HTTP frame tshark shows is the frame the trace links one of its messages to, in order.
    QStringList shown;
    for (const QStringList &row :
         fields(capture, QStringLiteral("http"), {QStringLiteral("frame.number")})) {
        shown.append(row.value(0));
    }
    EXPECT_EQ(linked, shown);
    QFile text(s_bundled->report + QStringLiteral("/trace.txt"));
    ASSERT_TRUE(text.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(text.readAll()).count(QLatin1String(" [frame ")),
              run->frames->size());
}

TEST_F(Dissector, TheBundledRunsTlsPskSessionsDecryptWithItsKeyLogAndItsCoapIsWellFormed) {
    const QString capture = liveOf(*s_bundled);
    ASSERT_TRUE(QFile::exists(capture)) << s_bundled->result.err.toStdString();
    const auto run = trace::readTraceFile(s_bundled->report + QStringLiteral("/trace.jsonl"));
    ASSERT_TRUE(run);
    // The run names its bindings' ports; tshark is told which are TLS and CoAP.
    QStringList decodeAs;
    for (const trace::CaptureEndpoint &e : run->info.endpoints) {
        if (e.scheme == u"https") {
            decodeAs << QStringLiteral("-d") << QStringLiteral("tcp.port==%1,tls").arg(e.port);
        } else if (e.scheme == u"coap") {
            decodeAs << QStringLiteral("-d") << QStringLiteral("udp.port==%1,coap").arg(e.port);
        }
    }
    ASSERT_GE(decodeAs.size(), 4) << "the bundled run has HTTPS-PSK and CoAP endpoints";
    QTemporaryDir dir;
    const QString keys =
        test::readableCopy(s_bundled->pcap + QStringLiteral("/keys.log"), dir.path());
    const QStringList withKeys{QStringLiteral("-o"), QStringLiteral("tls.keylog_file:") + keys};
    const QStringList withoutKeys{QStringLiteral("-o"),
                                  QStringLiteral("tls.keylog_file:/dev/null")};

    const auto decrypted = fields(capture, QStringLiteral("tls && http.request"),
                                  {QStringLiteral("etsim2m.primitive")}, decodeAs + withKeys);
    const int hidden = count(capture, QStringLiteral("tls && http"), decodeAs + withoutKeys);
    const int coap = count(capture, QStringLiteral("coap"), decodeAs + withKeys);
    const int broken = count(
        capture, QStringLiteral("(tls || coap) && (_ws.malformed || _ws.expert.severity >= error)"),
        decodeAs + withKeys);

    // The service connection reads connectionParamSet (no mId primitive); every other request
    // inside TLS-PSK is mId and carries its primitive.
    ASSERT_GE(decrypted.size(), 5);
    int withPrimitive = 0;
    for (const QStringList &row : decrypted) {
        withPrimitive += row.value(0).isEmpty() ? 0 : 1;
    }
    EXPECT_GE(withPrimitive, 3);
    EXPECT_EQ(hidden, 0) << "without the key log the same sessions stay encrypted";
    EXPECT_GT(coap, 0);
    // Nothing is malformed but what the bench sent malformed on purpose.
    EXPECT_EQ(broken, malformedOnPurpose(*run));
}

TEST_F(Dissector, TheVerdictFilterFindsExactlyTheFailedChecks) {
    QTemporaryDir dir;
    test::ScriptSuite suite;
    suite.add(QStringLiteral("TC_WRONG_EXPECTATION"),
              QStringLiteral("const r = ctx.device.retrieve(paths(ctx).base);\n"
                             "ctx.expectStatus(r, 'STATUS_CREATED');\n" // deliberately wrong
                             "ctx.expectStatus(r, 'STATUS_OK');\n"
                             "ctx.expectStatus(ctx.device.retrieve(paths(ctx).base + '/scls'), "
                             "'STATUS_NOT_FOUND');\n")); // wrong too
    suite.add(QStringLiteral("TC_RIGHT"), QStringLiteral("ctx.expectStatus(ctx.device.retrieve("
                                                         "paths(ctx).base), 'STATUS_OK');"));

    const CapturedRun run = captureRun(dir.path(), {suite.path()});
    const int failedChecks = countFailedChecks(run.report);
    const auto found =
        fields(exportOf(run), QStringLiteral("etsim2m.verdict == fail"),
               {QStringLiteral("etsim2m.testcase"), QStringLiteral("etsim2m.record.judged_frame")});
    const auto judged =
        fields(exportOf(run), QStringLiteral("http.response"), {QStringLiteral("frame.number")});

    EXPECT_EQ(run.result.exitCode, 1) << run.result.out.toStdString();
    EXPECT_EQ(failedChecks, 2);
    ASSERT_EQ(found.size(), failedChecks);
    QStringList responses;
    for (const QStringList &row : judged) {
        responses.append(row.value(0));
    }
    for (const QStringList &row : found) {
        EXPECT_EQ(row.value(0), QStringLiteral("TC_WRONG_EXPECTATION"));
        EXPECT_TRUE(responses.contains(row.value(1)))
            << "judged frame " << row.value(1).toStdString();
    }
    EXPECT_EQ(count(exportOf(run), QStringLiteral("etsim2m.tc_verdict == fail")), 1);
}

TEST_F(Dissector, ExportRebuildsTheRunsCaptureFromItsReportFolder) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("rebuilt.pcapng"));

    const CliResult r = cli(
        {QStringLiteral("export"), s_bundled->report, QStringLiteral("--pcap"), out}, dir.path());

    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(count(out, QStringLiteral("etsim2m.primitive")),
              count(exportOf(*s_bundled), QStringLiteral("etsim2m.primitive")));
    EXPECT_EQ(count(out, QStringLiteral("etsim2m.record.type")),
              count(exportOf(*s_bundled), QStringLiteral("etsim2m.record.type")));
    // The live capture's frame numbers travel with the run: exported-PDU tag 30.
    EXPECT_GT(count(out, QStringLiteral("exported_pdu.orig_fno")), 20);
    const CliResult missing =
        cli({QStringLiteral("export"), dir.path(), QStringLiteral("--pcap"), out}, dir.path());
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QLatin1String("trace.jsonl")));
}

TEST_F(Dissector, ExportRebuildsTheRunsCaptureFromTheJournalByRunNumber) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("from-journal.pcapng"));
    const QString keyed = dir.filePath(QStringLiteral("from-journal-keys.pcapng"));
    // The bundled run's journal sits in its folder; the run printed its number.
    const QString journalDir = QFileInfo(s_bundled->report).absolutePath();
    const QRegularExpressionMatch said =
        QRegularExpression(QStringLiteral("Journal: run (\\d+)")).match(s_bundled->result.out);
    ASSERT_TRUE(said.hasMatch()) << s_bundled->result.out.toStdString();
    const QString runId = said.captured(1);

    const CliResult r =
        cli({QStringLiteral("export"), runId, QStringLiteral("--pcap"), out}, journalDir);
    const CliResult k = cli({QStringLiteral("export"), runId, QStringLiteral("--pcap"), keyed,
                             QStringLiteral("--keys")},
                            journalDir);
    const CliResult unknown =
        cli({QStringLiteral("export"), QStringLiteral("999"), QStringLiteral("--pcap"), out},
            journalDir);

    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(count(out, QStringLiteral("etsim2m.primitive")),
              count(exportOf(*s_bundled), QStringLiteral("etsim2m.primitive")));
    EXPECT_EQ(count(out, QStringLiteral("etsim2m.record.type")),
              count(exportOf(*s_bundled), QStringLiteral("etsim2m.record.type")));
    EXPECT_EQ(count(out, QStringLiteral("etsim2m.verdict == fail")), 0);
    ASSERT_EQ(k.exitCode, 0) << k.err.toStdString();
    EXPECT_TRUE(k.out.contains(QLatin1String("key log embedded"))) << k.out.toStdString();
    EXPECT_EQ(QFile(keyed).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), 0)
        << "an export with keys is owner-only";
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(unknown.err.contains(QLatin1String("run 999"))) << unknown.err.toStdString();
}

TEST_F(Dissector, RequestsAndResponsesAreMatchedWithTheirResponseTime) {
    const QStringList twoPass{QStringLiteral("-2")};
    const auto requests = fields(exportOf(*s_bundled), QStringLiteral("http.request"),
                                 {QStringLiteral("etsim2m.response_in")}, twoPass);
    const auto responses =
        fields(exportOf(*s_bundled), QStringLiteral("http.response"),
               {QStringLiteral("etsim2m.request_in"), QStringLiteral("etsim2m.time")});

    ASSERT_FALSE(requests.isEmpty());
    for (const QStringList &row : requests) {
        EXPECT_FALSE(row.value(0).isEmpty());
    }
    for (const QStringList &row : responses) {
        EXPECT_FALSE(row.value(0).isEmpty());
        EXPECT_GE(row.value(1).toDouble(), 0.0);
    }
}

TEST_F(Dissector, TheStatisticsTreeCountsPrimitivesStatusesAndVerdicts) {
    const auto r =
        tshark({QStringLiteral("-q"), QStringLiteral("-z"), QStringLiteral("etsim2m,tree")},
               exportOf(*s_bundled));

    EXPECT_EQ(r.exitCode, 0);
    EXPECT_TRUE(r.out.contains(QLatin1String("Requests by primitive and resource type")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QLatin1String("CREATE")));
    EXPECT_TRUE(r.out.contains(QLatin1String("STATUS_CREATED")));
    EXPECT_TRUE(r.out.contains(QLatin1String("Checks by verdict")));
    EXPECT_TRUE(r.out.contains(QLatin1String("Response time (us)")));
}

TEST_F(Dissector, CoapCarriesPrimitiveRequestingEntityAndStatus) {
    ASSERT_TRUE(s_samplesOk);

    const auto rows =
        fields(s_samples, QStringLiteral("coap && etsim2m"),
               {QStringLiteral("etsim2m.primitive"), QStringLiteral("etsim2m.requesting_entity"),
                QStringLiteral("etsim2m.status"), QStringLiteral("etsim2m.resource_type"),
                QStringLiteral("etsim2m.request_in")});

    ASSERT_EQ(rows.size(), 6);
    EXPECT_EQ(rows[0].mid(0, 2), (QStringList{QStringLiteral("1"), QStringLiteral("app1")}));
    EXPECT_EQ(rows[0].value(3), QStringLiteral("application"));
    EXPECT_EQ(rows[1].value(2), QStringLiteral("STATUS_CREATED"));
    EXPECT_FALSE(rows[1].value(4).isEmpty()); // matched by token
    EXPECT_EQ(rows[3].value(2), QStringLiteral("STATUS_OK"));
    EXPECT_EQ(rows[4].value(0), QStringLiteral("4"));
    EXPECT_EQ(rows[5].value(2), QStringLiteral("STATUS_DELETED"));
}

TEST_F(Dissector, BootstrapParametersInPanaAreDecodedWithTheKeyMasked) {
    const QStringList names{QStringLiteral("etsim2m.securityKmrIndex"),
                            QStringLiteral("etsim2m.securityM2MKey"),
                            QStringLiteral("etsim2m.sclId"), QStringLiteral("etsim2m.masked")};

    const auto masked = fields(s_samples, QStringLiteral("pana && etsim2m.params"), names);
    const auto shown = fields(s_samples, QStringLiteral("pana && etsim2m.params"), names,
                              {QStringLiteral("-o"), QStringLiteral("etsim2m.show_keys:TRUE")});

    ASSERT_EQ(masked.size(), 1);
    EXPECT_EQ(masked[0].value(0), QStringLiteral("1"));
    EXPECT_EQ(masked[0].value(1), QStringLiteral("<masked>"));
    EXPECT_EQ(masked[0].value(2), QStringLiteral("gscl-00112233"));
    EXPECT_EQ(masked[0].value(3), QStringLiteral("1"));
    ASSERT_EQ(shown.size(), 1);
    EXPECT_EQ(shown[0].value(1), QString::fromLatin1(QByteArray(32, '\x5a').toHex()));
}

TEST_F(Dissector, ResourceFieldsAreFilterable) {
    EXPECT_EQ(count(s_samples, QStringLiteral("etsim2m.appId == \"app1\"")), 3);
    EXPECT_EQ(count(s_samples, QStringLiteral("etsim2m.searchString == \"temperature\"")), 3);
    EXPECT_EQ(count(s_samples, QStringLiteral("etsim2m.accessRightID")), 3);
    EXPECT_EQ(count(s_samples, QStringLiteral("etsim2m.content_size == 11")), 2);
    EXPECT_EQ(count(s_samples, QStringLiteral("etsim2m.contentType == \"text/plain\"")), 2);
    EXPECT_EQ(count(s_samples, QStringLiteral("etsim2m.announceTo && etsim2m.activated == 1")), 3);
    EXPECT_EQ(count(s_samples, QStringLiteral("etsim2m.expirationTime > \"2029-12-31 00:00:00Z\"")),
              2);
    EXPECT_EQ(count(s_samples, QStringLiteral("etsim2m.securityConnectionId == 42")), 1);
    EXPECT_EQ(count(s_samples, QStringLiteral("etsim2m.securityM2MKey == \"<masked>\"")), 2);
}

TEST_F(Dissector, ExpertInfoNamesEachSpecViolation) {
    const struct {
        const char *expert;
        const char *testCase;
    } cases[] = {
        {"etsim2m.namespace.wrong", "HTTP_WRONG_NAMESPACE"},
        {"etsim2m.mandatory.missing", "HTTP_NOTIFY_MISSING_ELEMENT"},
        {"etsim2m.errorinfo.no_status", "HTTP_ERRORINFO_WITHOUT_STATUS"},
        {"etsim2m.status.not_allowed", "HTTP_STATUS_NOT_ALLOWED"},
        {"etsim2m.xml.malformed", "HTTP_MALFORMED_XML"},
    };
    for (const auto &c : cases) {
        const auto rows =
            fields(s_samples, QLatin1String(c.expert), {QStringLiteral("etsim2m.testcase")});
        ASSERT_EQ(rows.size(), 1) << c.expert;
        EXPECT_EQ(rows[0].value(0), QLatin1String(c.testCase)) << c.expert;
    }
    const auto status = fields(
        s_samples,
        QStringLiteral("etsim2m.testcase == \"HTTP_STATUS_FROM_ERRORINFO\" && http.response"),
        {QStringLiteral("etsim2m.status"), QStringLiteral("etsim2m.status_source")});
    ASSERT_EQ(status.size(), 1);
    EXPECT_EQ(status[0], (QStringList{QStringLiteral("STATUS_EXPIRED"),
                                      QStringLiteral("errorInfo statusCode")}));
}

TEST_F(Dissector, TheTlsSessionDecryptsWithTheKeyLogAndWithTheEmbeddedSecrets) {
    if (::geteuid() != 0) {
        GTEST_SKIP() << "capturing the TLS session needs capture privileges";
    }
    QTemporaryDir dir;
    const auto tls = test::captureTlsExchange(dir.path(), true);
    ASSERT_TRUE(tls) << tls.error().message.toStdString();
    const QString keys = test::readableCopy(tls->keyLogPath, dir.path());
    const QStringList decodeAs{QStringLiteral("-d"),
                               QStringLiteral("tcp.port==%1,tls").arg(tls->port)};
    const QStringList names{QStringLiteral("etsim2m.primitive"), QStringLiteral("etsim2m.sclId")};

    const auto embedded = fields(tls->livePath, QStringLiteral("tls && http"), names, decodeAs);
    const auto withKeyLog = fields(
        tls->livePath, QStringLiteral("tls && http"), names,
        decodeAs + QStringList{QStringLiteral("-o"), QStringLiteral("tls.keylog_file:") + keys});
    const auto withoutSecrets = fields(
        tls->livePath, QStringLiteral("http"), names,
        decodeAs + QStringList{QStringLiteral("-o"), QStringLiteral("tls.keylog_file:/dev/null")});

    EXPECT_GE(tls->keyLogLines, 1);
    ASSERT_EQ(embedded.size(), 2);
    EXPECT_EQ(embedded[0], (QStringList{QStringLiteral("1"), QStringLiteral("gscl-tls")}));
    EXPECT_EQ(withKeyLog.size(), 2);
    EXPECT_EQ(count(tls->exportPath, QStringLiteral("http && etsim2m.primitive")), 2);
    // Without the secrets block (stripped by editcap) the same capture shows no HTTP.
    const QString stripped = dir.filePath(QStringLiteral("stripped.pcapng"));
    QProcess editcap;
    editcap.start(QStringLiteral("editcap"),
                  {QStringLiteral("--discard-all-secrets"), tls->livePath, stripped});
    ASSERT_TRUE(editcap.waitForFinished(60000));
    EXPECT_EQ(count(stripped, QStringLiteral("http"), decodeAs), 0);
    EXPECT_TRUE(withoutSecrets.size() == 2); // the embedded block still decrypts: no key log needed
}

TEST_F(Dissector, WithoutCapturePrivilegeTheRunSaysSoOnceAndExportsAnyway) {
    if (::geteuid() != 0) {
        GTEST_SKIP() << "runs the CLI as nobody, which needs root to switch to";
    }
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                          QFileDevice::WriteOther | QFileDevice::ExeOther);
    QProcess p;
    // A real lack of privilege: the CLI itself runs as nobody, without CAP_NET_RAW.
    p.start(QStringLiteral("setpriv"),
            {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
             QStringLiteral("--clear-groups"), QStringLiteral("env"), QStringLiteral("HOME=/tmp"),
             QStringLiteral(M2MBENCH_CLI), QStringLiteral("run"), QStringLiteral("--no-journal"),
             QStringLiteral("--only"), QStringLiteral("TC_NSCL_REG_001"),
             QStringLiteral("--report"), dir.filePath(QStringLiteral("report")),
             QStringLiteral("--pcap"), dir.filePath(QStringLiteral("pcap"))});
    ASSERT_TRUE(p.waitForFinished(120000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    const QString exported = dir.filePath(QStringLiteral("pcap/export.pcapng"));

    EXPECT_EQ(p.exitCode(), 0) << err.toStdString() << p.readAllStandardOutput().toStdString();
    EXPECT_EQ(err.count(QLatin1String("Live capture not possible")), 1) << err.toStdString();
    EXPECT_EQ(err.count(QLatin1String("no permission")), 1) << err.toStdString(); // said once
    EXPECT_TRUE(err.contains(QLatin1String("no permission to capture on lo"))) << err.toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath(QStringLiteral("pcap/capture.pcapng"))));
    const int http = count(exported, QStringLiteral("http"));
    EXPECT_GT(http, 0);
    EXPECT_EQ(count(exported, QStringLiteral("http && etsim2m.primitive")), http);
}

TEST_F(Dissector, ABogusCaptureInterfaceFallsBackTheSameWay) {
    QTemporaryDir dir;

    const CapturedRun run =
        captureRun(dir.path(), {},
                   {QStringLiteral("--only"), QStringLiteral("TC_NSCL_REG_001"),
                    QStringLiteral("--capture-interface"), QStringLiteral("m2mb-no-such0")});
    const CliResult misuse =
        cli({QStringLiteral("run"), QStringLiteral("--capture-interface"), QStringLiteral("lo")},
            dir.path());

    EXPECT_EQ(run.result.exitCode, 0) << run.result.err.toStdString();
    EXPECT_TRUE(run.result.err.contains(QLatin1String("no capture interface m2mb-no-such0")))
        << run.result.err.toStdString();
    EXPECT_EQ(run.result.err.count(QLatin1String("m2mb-no-such0")), 1); // said once
    EXPECT_GT(count(exportOf(run), QStringLiteral("etsim2m.primitive")), 0);
    EXPECT_EQ(misuse.exitCode, 2);
    EXPECT_TRUE(misuse.err.contains(QLatin1String("need --pcap DIR")));
}

TEST_F(Dissector, KeyValuesAreKeptOnlyWhenAskedAndThenInOwnerOnlyFiles) {
    QTemporaryDir dir;
    const QStringList keys{QStringLiteral("--only"), QStringLiteral("TC_BOOT_001"),
                           QStringLiteral("--keys")};
    const QString rebuilt = dir.filePath(QStringLiteral("rebuilt.pcapng"));

    const CapturedRun run = captureRun(dir.path(), {}, keys);
    const CliResult exported = cli({QStringLiteral("export"), run.report, QStringLiteral("--pcap"),
                                    rebuilt, QStringLiteral("--keys")},
                                   dir.path());

    ASSERT_EQ(run.result.exitCode, 0) << run.result.err.toStdString();
    EXPECT_GT(count(exportOf(run), QStringLiteral("etsim2m.key.value.bytes")), 0);
    EXPECT_EQ(exported.exitCode, 0) << exported.err.toStdString();
    EXPECT_EQ(count(rebuilt, QStringLiteral("etsim2m.key.value.bytes")),
              count(exportOf(run), QStringLiteral("etsim2m.key.value.bytes")));
    for (const QString &file : {exportOf(run), liveOf(run), run.pcap + QStringLiteral("/keys.log"),
                                run.report + QStringLiteral("/trace.jsonl"), rebuilt}) {
        EXPECT_EQ(QFile(file).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), 0)
            << file.toStdString();
    }
    EXPECT_EQ(count(exportOf(run), QStringLiteral("etsim2m.key.value.masked == 1")), 0);
    // Without --keys the secret values are left out (their length stays); others are kept.
    QTemporaryDir plain;
    const CapturedRun masked = captureRun(plain.path(), {}, keys.mid(0, 2));
    const QString values = QStringLiteral("etsim2m.key.value.bytes");
    const auto shown = fields(exportOf(run), values, {values});
    const auto hidden = fields(exportOf(masked), values, {values});
    int shownValues = 0;
    int hiddenValues = 0;
    for (const QStringList &row : shown) {
        shownValues += static_cast<int>(row.value(0).split(u',').size());
    }
    for (const QStringList &row : hidden) {
        hiddenValues += static_cast<int>(row.value(0).split(u',').size());
    }
    EXPECT_GT(count(exportOf(masked), QStringLiteral("etsim2m.key.value.masked == 1")), 0);
    EXPECT_LT(hiddenValues, shownValues);
}

TEST_F(Dissector, TheBundledCapturesDecodeWithoutErrors) {
    int files = 0;
    for (QDirIterator it(QStringLiteral(M2MBENCH_DISSECTOR_DATA), {QStringLiteral("*.pcapng")});
         it.hasNext();) {
        const QString file = it.next();
        const auto r = tshark({QStringLiteral("-V")}, file);
        EXPECT_EQ(r.exitCode, 0) << file.toStdString() << r.err.toStdString();
        EXPECT_TRUE(r.errors().isEmpty()) << file.toStdString() << r.errors().toStdString();
        EXPECT_FALSE(r.out.contains(QLatin1String("Dissector bug"))) << file.toStdString();
        ++files;
    }
    EXPECT_GE(files, 3);
}
