// SPDX-License-Identifier: Apache-2.0
#include "app/cli/run_execution.h"

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/debug_terminal.h"
#include "app/cli/signal_pipe.h"

#include "core/runner/reports.h"
#include "core/runner/suite.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace m2mbench::cli {

namespace {

/// Prints one line per test case as it ends, so a long run shows life.
class ProgressPrinter : public runner::RunObserver {
public:
    explicit ProgressPrinter(bool quiet)
        : m_quiet(quiet) {}

    void runStarted(const runner::RunSummary &summary, int total) override {
        if (m_quiet) {
            return;
        }
        out() << "Running " << total << " test case(s) against " << summary.target << '\n';
        if (summary.runId != 0) {
            out() << "Recording run " << summary.runId << " in the journal\n";
        }
        if (summary.xsdDir.isEmpty()) {
            out() << "Note: no TS 102 921 schema folder configured (--xsd-dir or M2M_XSD_DIR): "
                     "XML is checked for well-formedness, root and namespace only.\n";
        }
        out().flush();
    }

    void testFinished(const runner::TestResult &r) override {
        if (!m_quiet) {
            out() << QStringLiteral("  %1 %2\n").arg(verdictName(r.verdict), -7).arg(r.info.id);
            out().flush();
        }
    }

private:
    bool m_quiet;
};

QByteArray verdictJson(const runner::RunSummary &s) {
    QJsonArray rows;
    for (const runner::TestResult &r : s.results) {
        rows.append(QJsonObject{{QStringLiteral("id"), r.info.id},
                                {QStringLiteral("verdict"), verdictName(r.verdict)},
                                {QStringLiteral("timeMs"), static_cast<double>(r.durationNs) / 1e6},
                                {QStringLiteral("reason"), r.reason}});
    }
    QJsonArray skipped;
    for (const runner::Deselected &d : s.deselected) {
        skipped.append(
            QJsonObject{{QStringLiteral("id"), d.info.id}, {QStringLiteral("reason"), d.reason}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("run"), s.runId},
                                     {QStringLiteral("target"), s.target},
                                     {QStringLiteral("overall"), verdictName(s.overall())},
                                     {QStringLiteral("stopped"), s.stopped},
                                     {QStringLiteral("results"), rows},
                                     {QStringLiteral("notSelected"), skipped}})
        .toJson(QJsonDocument::Indented);
}

void printVerdicts(const runner::RunSummary &summary, const RunSettings &settings) {
    if (settings.json) {
        out() << verdictJson(summary);
        out().flush();
        return;
    }
    int passed = 0;
    for (const auto &r : summary.results) {
        passed += r.verdict == Verdict::Pass ? 1 : 0;
    }
    out() << '\n' << runner::verdictTable(summary);
    out() << QStringLiteral("\n%1 of %2 test case(s) passed; overall verdict %3%4\n")
                 .arg(passed)
                 .arg(summary.results.size())
                 .arg(verdictName(summary.overall()))
                 .arg(summary.stopped ? QStringLiteral(" (run stopped)") : QString());
    if (summary.runId != 0) {
        out() << "Journal: run " << summary.runId << '\n';
    }
    out().flush();
}

/// Writes the report folder and the extra JUnit copy; the verdicts are already on screen and in
/// the journal, so a folder that cannot be written loses nothing but the files.
int writeReportFiles(const runner::RunSummary &summary, const trace::Trace &trace,
                     const RunSettings &settings, const QString &command,
                     const runner::ReportExtras &extras) {
    QString reportDir = settings.reportDir;
    if (reportDir.isEmpty()) {
        reportDir = QStringLiteral("m2mbench-reports/") +
                    QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    }
    auto written = runner::writeReports(summary, trace, reportDir, extras);
    if (!written) {
        err() << "m2mbench-cli " << command << ": " << written.error().message << '\n';
        return ExitBenchError;
    }
    if (!settings.junit.isEmpty()) {
        QSaveFile f(settings.junit);
        if (!f.open(QIODevice::WriteOnly) ||
            f.write(runner::junitXml(summary, QStringLiteral("m2mbench"), extras.showKeys)) < 0 ||
            !f.commit()) {
            err() << "m2mbench-cli " << command << ": cannot write " << settings.junit << ": "
                  << f.errorString() << '\n';
            return ExitBenchError;
        }
    }
    if (!settings.json) {
        out() << "Reports: " << QDir(reportDir).absolutePath() << '\n';
    }
    return ExitOk;
}

} // namespace

void addRunSettingsOptions(QCommandLineParser &parser) {
    parser.addOption(
        {QStringLiteral("step"),
         QStringLiteral("debug in the terminal: stop before and after every message")});
    parser.addOption({QStringLiteral("break"),
                      QStringLiteral("stop at send|receive|check[:TEST CASE[:NODE[:TEXT]]] "
                                     "(repeatable; commands at the prompt)"),
                      QStringLiteral("SPEC")});
    parser.addOption({QStringLiteral("keep-sut-state"),
                      QStringLiteral("after a failed test case, skip its postamble")});
    parser.addOption({QStringLiteral("junit"), QStringLiteral("also write JUnit XML to FILE"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("report"),
                      QStringLiteral("folder for the reports (default: m2mbench-reports/<time>)"),
                      QStringLiteral("DIR")});
    parser.addOption(
        {QStringLiteral("journal"),
         QStringLiteral("the run journal (default: %1)").arg(runner::Journal::defaultPath()),
         QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("no-journal"), QStringLiteral("do not record the run")});
    parser.addOption({QStringLiteral("quiet"), QStringLiteral("print only the verdict table")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("print the verdicts as JSON")});
    addCaptureOptions(parser);
}

RunSettings runSettingsFrom(const QCommandLineParser &parser) {
    RunSettings s;
    s.step = parser.isSet(QStringLiteral("step"));
    s.breakpoints = parser.values(QStringLiteral("break"));
    s.keepSutState = parser.isSet(QStringLiteral("keep-sut-state"));
    s.reportDir = parser.value(QStringLiteral("report"));
    s.junit = parser.value(QStringLiteral("junit"));
    s.journalPath = parser.value(QStringLiteral("journal"));
    s.noJournal = parser.isSet(QStringLiteral("no-journal"));
    s.json = parser.isSet(QStringLiteral("json"));
    s.quiet = parser.isSet(QStringLiteral("quiet")) || s.json;
    s.capture = captureSettingsFrom(parser);
    return s;
}

int executeRun(const QStringList &suitePaths, const runner::RunOptions &options,
               const RunSettings &settings, const QString &command) {
    int code = ExitOk;
    const auto suite = loadSuiteFor(suitePaths, command, &code);
    if (!suite) {
        return code;
    }
    std::unique_ptr<runner::Journal> journal;
    if (!settings.noJournal) {
        auto opened = runner::Journal::open(
            settings.journalPath.isEmpty() ? runner::Journal::defaultPath() : settings.journalPath);
        if (!opened) {
            err() << "m2mbench-cli " << command << ": " << opened.error().message
                  << " (or run with --no-journal)\n";
            return ExitUsage;
        }
        journal = std::move(*opened);
    }
    trace::Trace trace;
    runner::Runner runner(trace);
    runner.setJournal(journal.get());
    runner.setResume(settings.resumeRunId);
    runner::Debugger debugger;
    if (settings.step || !settings.breakpoints.isEmpty() || settings.keepSutState) {
        QList<runner::Breakpoint> breakpoints;
        for (const QString &spec : settings.breakpoints) {
            const auto b = runner::Breakpoint::parse(spec);
            if (!b) {
                err() << "m2mbench-cli " << command << ": --break '" << spec
                      << "': expected send|receive|check[:TEST CASE[:NODE[:TEXT]]]\n";
                return ExitUsage;
            }
            breakpoints.append(*b);
        }
        debugger.setBreakpoints(breakpoints);
        debugger.setStepping(settings.step);
        debugger.setKeepSutStateOnFailure(settings.keepSutState);
        debugger.setInteractive(terminalDebugger(debugger));
        runner.setDebugger(&debugger);
    }
    ProgressPrinter printer(settings.quiet);
    CaptureSession capture(settings.capture, trace, &printer, settings.quiet);
    if (auto ok = capture.prepare(); !ok) {
        err() << "m2mbench-cli " << command << ": " << ok.error().message << '\n';
        return ok.error().kind == Error::Kind::Config ? ExitUsage : ExitBenchError;
    }
    SignalWatcher watcher([&runner](int) { runner.stop(); });
    auto summary = runner.run(*suite, options, &capture);
    if (!summary) {
        err() << "m2mbench-cli " << command << ": " << summary.error().message << '\n';
        return summary.error().kind == Error::Kind::Config ? ExitUsage : ExitBenchError;
    }
    if (!summary->journalError.isEmpty()) {
        err() << "m2mbench-cli " << command << ": warning: the journal could not record all of "
              << "the run: " << summary->journalError << '\n';
    }
    printVerdicts(*summary, settings);
    auto extras = capture.finish(*summary, trace);
    if (!extras) {
        err() << "m2mbench-cli " << command << ": " << extras.error().message << '\n';
        return ExitBenchError;
    }
    if (const int written = writeReportFiles(*summary, trace, settings, command, *extras);
        written != ExitOk) {
        return written;
    }
    return summary->allPassed() ? ExitOk : ExitFailed;
}

} // namespace m2mbench::cli
