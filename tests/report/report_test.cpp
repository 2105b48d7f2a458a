// SPDX-License-Identifier: Apache-2.0
#include "core/runner/report/msc_svg.h"
#include "core/runner/report/report_files.h"
#include "core/runner/report/report_html.h"
#include "core/trace/key_log.h"
#include "core/trace/pcapng_reader.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>

using namespace m2mbench;
using namespace m2mbench::runner;
using namespace m2mbench::runner::report;

namespace {

trace::Event event(trace::EventKind kind, quint64 seq, const QString &tc) {
    trace::Event e;
    e.kind = kind;
    e.seq = seq;
    e.testCaseId = tc;
    return e;
}

/// A journaled run: one passing and one failing test case, one left out, a secret key.
ReportData sampleRun(bool noPics = false) {
    ReportData d;
    d.run.id = 42;
    d.run.status = RunStatus::Finished;
    d.run.target = QStringLiteral("http://192.0.2.10:8080/m2m");
    d.run.noPics = noPics;
    d.run.pics = {{QStringLiteral("PICS_NSCL_HTTP"), true}};
    d.run.pixit = {{QStringLiteral("PX_SCL_ID"), QStringLiteral("gscl-1")}};
    JournalTestCase pass;
    pass.info.id = QStringLiteral("TC_A");
    pass.info.title = QStringLiteral("A passes");
    pass.info.configuration = QStringLiteral("CFG_NSCL");
    pass.info.references = {{QStringLiteral("ETSI TS 102 690"), QStringLiteral("9.3.2.6.2")}};
    pass.state = JournalTestCase::State::Done;
    pass.verdict = Verdict::Pass;
    pass.firstSeq = 1;
    pass.lastSeq = 4;
    JournalTestCase failed = pass;
    failed.info.id = QStringLiteral("TC_B");
    failed.info.title = QStringLiteral("B fails");
    failed.verdict = Verdict::Fail;
    failed.reason =
        QStringLiteral("[body] status is STATUS_CREATED: got STATUS_CONFLICT (HTTP 409)");
    failed.firstSeq = 5;
    failed.lastSeq = 8;
    JournalTestCase out = pass;
    out.info.id = QStringLiteral("TC_C");
    out.state = JournalTestCase::State::Deselected;
    out.selectionReason = QStringLiteral("PICS: PICS_X: PICS_X=false");
    d.testCases = {pass, failed, out};
    for (quint64 s = 1; s <= 8; ++s) {
        const QString tc = s <= 4 ? QStringLiteral("TC_A") : QStringLiteral("TC_B");
        trace::Event e = event(
            s % 4 == 2 ? trace::EventKind::MessageSent : trace::EventKind::MessageReceived, s, tc);
        e.from = s % 4 == 2 ? QStringLiteral("D/GSCL") : QStringLiteral("NSCL");
        e.to = s % 4 == 2 ? QStringLiteral("NSCL") : QStringLiteral("D/GSCL");
        e.summary = QStringLiteral("message %1").arg(s);
        if (s == 4 || s == 8) {
            e = event(trace::EventKind::Check, s, tc);
            e.relatesTo = s - 1;
            e.verdict = s == 8 ? Verdict::Fail : Verdict::Pass;
            e.text = s == 8 ? QStringLiteral("status is STATUS_CREATED: got STATUS_CONFLICT")
                            : QStringLiteral("ok");
        }
        if (s == 1) {
            e = event(trace::EventKind::KeyDerivation, s, tc);
            auto k = std::make_shared<trace::KeyDerivation>();
            k->name = QStringLiteral("Kmr");
            k->formula = QStringLiteral("m2m_kdf(EMSK, ...)");
            k->output = SecureBytes::fromByteArray(QByteArray::fromHex("deadbeefcafe0001"));
            k->inputs = {{QStringLiteral("EMSK"), SecureBytes::fromByteArray(QByteArray(8, '\x11')),
                          true, false}};
            e.derivation = k;
        }
        d.events.push_back(e);
    }
    return d;
}

} // namespace

TEST(ReportHtml, HoldsTheSectionsOfAConformanceTestReport) {
    const QString html = reportHtml(sampleRun(), HtmlFlavor::Browser);

    for (const char *part :
         {"1 Identification", "2.1 Static conformance", "2.2 Dynamic conformance",
          "2.3 PIXIT as applied", "3 Test cases", "4 Observations"}) {
        EXPECT_TRUE(html.contains(QLatin1String(part))) << part;
    }
    EXPECT_TRUE(html.contains(QLatin1String("got STATUS_CONFLICT (HTTP 409)")));
    EXPECT_TRUE(html.contains(QLatin1String("ETSI TS 102 690 clause 9.3.2.6.2")));
    EXPECT_TRUE(html.contains(QLatin1String("TC_C not selected: PICS: PICS_X: PICS_X=false")));
    EXPECT_TRUE(html.contains(QLatin1String("<svg"))) << "charts are inline";
    EXPECT_FALSE(html.contains(QLatin1String("PICS NOT PROVIDED")));
}

TEST(ReportHtml, SaysOnTopWhenNoPicsWereGiven) {
    const QString html = reportHtml(sampleRun(true), HtmlFlavor::Browser);

    const qsizetype notice = html.indexOf(QLatin1String("PICS NOT PROVIDED"));
    ASSERT_GE(notice, 0);
    EXPECT_LT(notice, html.indexOf(QLatin1String("1 Identification")));
}

TEST(ReportHtml, MasksKeysUnlessAsked) {
    ReportData d = sampleRun();
    const QString masked = reportHtml(d, HtmlFlavor::Browser);
    d.identity.showKeys = true;
    const QString clear = reportHtml(d, HtmlFlavor::Browser);

    EXPECT_FALSE(masked.contains(QLatin1String("deadbeefcafe0001")));
    EXPECT_TRUE(masked.contains(QLatin1String("&lt;secret, 8 octets&gt;")));
    EXPECT_TRUE(clear.contains(QLatin1String("deadbeefcafe0001")));
    EXPECT_FALSE(journalExtract(sampleRun()).contains("deadbeefcafe0001"));
}

TEST(ReportFiles, MaskThePixitKeysInEveryFileUnlessAsked) {
    const QString kmr =
        QStringLiteral("a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
    ReportData d = sampleRun();
    d.run.pixit.insert(QStringLiteral("PX_KMR"), kmr);
    d.run.pixit.insert(QStringLiteral("PX_KMC"), QString());
    d.run.secretPixit = {QStringLiteral("PX_KMC"), QStringLiteral("PX_KMR")};
    d.run.options.insert(QStringLiteral("pixitOverrides"),
                         QJsonArray{QStringLiteral("PX_KMR=") + kmr});
    const QStringList files = {QStringLiteral("report.html"), QStringLiteral("junit.xml"),
                               QStringLiteral("summary.json"), QStringLiteral("run.json")};
    auto readAll = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    };

    QTemporaryDir dir;
    ReportOutputs masked;
    masked.dir = dir.filePath(QStringLiteral("masked"));
    ASSERT_TRUE(writeRunReports(d, masked));
    d.identity.showKeys = true;
    ReportOutputs shown;
    shown.dir = dir.filePath(QStringLiteral("shown"));
    ASSERT_TRUE(writeRunReports(d, shown));

    for (const QString &name : files) {
        const QString m = readAll(masked.dir + QLatin1Char('/') + name);
        const QString c = readAll(shown.dir + QLatin1Char('/') + name);
        ASSERT_FALSE(m.isEmpty()) << name.toStdString();
        EXPECT_FALSE(m.contains(kmr)) << name.toStdString() << " shows PX_KMR";
        EXPECT_TRUE(m.contains(QLatin1String("(masked)"))) << name.toStdString();
        EXPECT_TRUE(m.contains(QLatin1String("PX_KMR"))) << name.toStdString();
        EXPECT_TRUE(c.contains(kmr)) << name.toStdString() << " with --show-keys";
    }
}

TEST(MscSvg, IsWellFormedAndMarksTheFailedCheck) {
    const ReportData d = sampleRun();
    const QByteArray svg = mscSvg(d.eventsOf(d.testCases[1]), {{QStringLiteral("D/GSCL"), false},
                                                               {QStringLiteral("NSCL"), true}});

    QXmlStreamReader r(svg);
    while (!r.atEnd()) {
        r.readNext();
    }
    EXPECT_FALSE(r.hasError()) << r.errorString().toStdString();
    EXPECT_TRUE(svg.contains("NSCL (SUT)"));
    EXPECT_TRUE(svg.contains("#c62828")) << "the fail mark";
    EXPECT_TRUE(mscPlantUml(d.eventsOf(d.testCases[1]), {}).contains("@startuml"));
}

TEST(ReportFiles, WritesEveryFileAndABundleTarCanList) {
    QTemporaryDir dir;
    ReportOutputs outputs;
    outputs.dir = dir.filePath(QStringLiteral("reports"));
    outputs.bundle = dir.filePath(QStringLiteral("bundle.tar"));

    const auto written = writeRunReports(sampleRun(), outputs);

    ASSERT_TRUE(written) << written.error().message.toStdString();
    QFile pdf(dir.filePath(QStringLiteral("reports/report.pdf")));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5).startsWith("%PDF-"));
    EXPECT_GT(pdf.size(), 5000);
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("tf"), outputs.bundle});
    ASSERT_TRUE(tar.waitForFinished(10000));
    const QString listing = QString::fromUtf8(tar.readAllStandardOutput());
    EXPECT_EQ(tar.exitCode(), 0) << tar.readAllStandardError().toStdString();
    for (const char *name :
         {"report.html", "report.pdf", "junit.xml", "summary.json", "run.json", "export.pcapng"}) {
        EXPECT_TRUE(listing.contains(QLatin1String(name)))
            << name << " in " << listing.toStdString();
    }
}

TEST(ReportFiles, TheRunsCaptureGoesWithTheReportsAndItsKeyLogOnlyWhenKeysAreShown) {
    ReportData d = sampleRun();
    trace::KeyLogLine line;
    line.label = "CLIENT_RANDOM";
    line.clientRandom = QByteArray(32, '\x01');
    line.secret = SecureBytes::fromByteArray(QByteArray(48, '\x02'));
    trace::Event secret = trace::keyLogEvent(line, QStringLiteral("D/GSCL"));
    secret.seq = 9;
    secret.testCaseId = QStringLiteral("TC_B");
    d.events.push_back(secret);
    QTemporaryDir dir;
    ReportOutputs masked;
    masked.dir = dir.filePath(QStringLiteral("masked"));
    masked.pdf = false;
    ReportOutputs shown = masked;
    shown.dir = dir.filePath(QStringLiteral("shown"));
    shown.bundle = dir.filePath(QStringLiteral("shown.tar"));

    ASSERT_TRUE(writeRunReports(d, masked));
    d.identity.showKeys = true;
    ASSERT_TRUE(writeRunReports(d, shown));

    const auto capture = trace::readPcapng(masked.dir + QStringLiteral("/export.pcapng"));
    ASSERT_TRUE(capture) << capture.error().message.toStdString();
    EXPECT_GE(capture->packets.size(), 5) << "the run record, its checks and its key records";
    EXPECT_TRUE(capture->secrets.isEmpty());
    EXPECT_FALSE(QFile::exists(masked.dir + QStringLiteral("/keys.log")));
    QFile keys(shown.dir + QStringLiteral("/keys.log"));
    ASSERT_TRUE(keys.open(QIODevice::ReadOnly));
    EXPECT_EQ(keys.readAll(), "CLIENT_RANDOM " + QByteArray(32, '\x01').toHex() + ' ' +
                                  QByteArray(48, '\x02').toHex() + '\n');
    EXPECT_EQ(keys.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), 0);
    const auto keyed = trace::readPcapng(shown.dir + QStringLiteral("/export.pcapng"));
    ASSERT_TRUE(keyed);
    EXPECT_EQ(keyed->secrets.size(), 1) << "the key log embedded as a decryption secrets block";
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("tf"), shown.bundle});
    ASSERT_TRUE(tar.waitForFinished(10000));
    const QString listing = QString::fromUtf8(tar.readAllStandardOutput());
    EXPECT_TRUE(listing.contains(QLatin1String("keys.log"))) << listing.toStdString();
    EXPECT_TRUE(listing.contains(QLatin1String("export.pcapng"))) << listing.toStdString();
}

TEST(ReportFiles, AFolderThatCannotBeWrittenIsAClearError) {
    ReportOutputs outputs;
    outputs.dir = QStringLiteral("/proc/m2mbench-report");

    const auto written = writeRunReports(sampleRun(), outputs);

    ASSERT_FALSE(written);
    EXPECT_TRUE(written.error().message.contains(QLatin1String("/proc/m2mbench-report")));
}
