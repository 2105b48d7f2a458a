// SPDX-License-Identifier: Apache-2.0
// Report generation for a large run: 500 test cases, 50,000 messages, recorded in a journal.
// Prints the time to load the run from the journal, to write the HTML and to write the PDF.
// Target (issue 7): HTML and PDF together under 5 s.
#include "core/runner/journal.h"
#include "core/runner/report/report_files.h"
#include "core/runner/report/report_html.h"

#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <cstdio>

using namespace m2mbench;
using namespace m2mbench::runner;

namespace {

constexpr int kTestCases = 500;
constexpr int kMessagesPerTestCase = 100;

void fillJournal(Journal &journal, qint64 runId, trace::Trace &trace) {
    QList<JournalTestCase> plan;
    for (int t = 0; t < kTestCases; ++t) {
        JournalTestCase tc;
        tc.info.id = QStringLiteral("TC_LOAD_%1").arg(t, 3, 10, QLatin1Char('0'));
        tc.info.title = QStringLiteral("Synthetic test case %1").arg(t);
        tc.info.purpose = QStringLiteral("TP_LOAD_%1").arg(t);
        tc.info.configuration = QStringLiteral("CFG_NSCL");
        tc.info.references = {{QStringLiteral("ETSI TS 102 690"), QStringLiteral("9.3.2.6.2")}};
        plan.append(tc);
    }
    journal.recordPlan(runId, plan);
    journal.attach(trace, runId);
    const QByteArray raw = "GET /m2m/scls/gscl-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    for (int t = 0; t < kTestCases; ++t) {
        TestResult r;
        r.info = plan[t].info;
        r.firstSeq = trace.size() + 1;
        journal.testStarted(runId, r.info.id, r.firstSeq);
        for (int m = 0; m < kMessagesPerTestCase; ++m) {
            trace::Event e;
            e.kind = m % 2 == 0 ? trace::EventKind::MessageSent : trace::EventKind::MessageReceived;
            e.testCaseId = r.info.id;
            e.from = m % 2 == 0 ? QStringLiteral("D/GSCL") : QStringLiteral("NSCL");
            e.to = m % 2 == 0 ? QStringLiteral("NSCL") : QStringLiteral("D/GSCL");
            e.protocol = QStringLiteral("HTTP");
            e.summary = QStringLiteral("RETRIEVE /m2m/scls/gscl-01 (%1)").arg(m);
            e.raw = raw;
            trace.append(e);
        }
        r.lastSeq = trace.size();
        r.verdict = t % 10 == 0 ? Verdict::Fail : Verdict::Pass;
        r.reason = t % 10 == 0 ? QStringLiteral("[body] status is STATUS_OK: got STATUS_NOT_FOUND")
                               : QString();
        journal.testFinished(runId, r);
    }
    journal.endRun(runId, RunStatus::Finished, QStringLiteral("synthetic"));
    journal.detach();
}

} // namespace

int main(int argc, char **argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTemporaryDir dir;
    auto journal = Journal::open(dir.filePath(QStringLiteral("journal.sqlite"))).value();
    trace::Trace trace;
    RunRecord record;
    record.started = QDateTime::currentDateTimeUtc();
    const qint64 runId = journal->beginRun(record).value();
    QElapsedTimer t;
    t.start();
    fillJournal(*journal, runId, trace);
    const qint64 fillNs = t.nsecsElapsed();
    t.restart();
    auto data = report::loadReportData(*journal, runId, {});
    const qint64 loadMs = t.restart();
    const QString html = report::reportHtml(*data, report::HtmlFlavor::Browser);
    QFile f(dir.filePath(QStringLiteral("report.html")));
    f.open(QIODevice::WriteOnly);
    f.write(html.toUtf8());
    f.close();
    const qint64 htmlMs = t.restart();
    auto pdf = report::writePdf(*data, dir.filePath(QStringLiteral("report.pdf")));
    const qint64 pdfMs = t.elapsed();
    if (!data || !pdf) {
        std::fprintf(stderr, "report failed\n");
        return 3;
    }
    std::printf("Report of a run with %d test cases and %zu messages\n", kTestCases,
                data->events.size());
    std::printf("  record in the journal : %6lld ms (%.1f us per event, appended and written)\n",
                static_cast<long long>(fillNs / 1000000),
                static_cast<double>(fillNs) / 1e3 / static_cast<double>(data->events.size()));
    std::printf("  load from the journal : %6lld ms\n", static_cast<long long>(loadMs));
    std::printf("  HTML (%5.1f MB)       : %6lld ms\n", f.size() / 1e6,
                static_cast<long long>(htmlMs));
    std::printf("  PDF  (%5.1f MB)       : %6lld ms\n",
                QFile(dir.filePath(QStringLiteral("report.pdf"))).size() / 1e6,
                static_cast<long long>(pdfMs));
    std::printf("  HTML + PDF            : %6lld ms (target < 5000 ms)\n",
                static_cast<long long>(htmlMs + pdfMs));
    return 0;
}
