// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/signal_pipe.h"

#include "core/runner/reports.h"
#include "core/runner/runner.h"
#include "core/runner/suite.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace m2mbench::cli {

namespace {

/// Prints one line per test case as it ends, so a long run shows life.
class ProgressPrinter : public runner::RunObserver {
public:
    explicit ProgressPrinter(bool quiet)
        : m_quiet(quiet) {}

    void runStarted(const runner::RunSummary &summary, int total) override {
        if (!m_quiet) {
            out() << "Running " << total << " test case(s) against " << summary.target << '\n';
            if (summary.xsdDir.isEmpty()) {
                out() << "Note: no TS 102 921 schema folder configured (--xsd-dir or M2M_XSD_DIR): "
                         "XML is checked for well-formedness, root and namespace only.\n";
            }
            out().flush();
        }
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

} // namespace

int runCommand(const QStringList &args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs test cases. With no --target, against the embedded reference NSCL."));
    parser.addPositionalArgument(
        QStringLiteral("SUITE"),
        QStringLiteral("test case files or folders (default: the bundled suite)"),
        QStringLiteral("[SUITE...]"));
    parser.addOption({QStringLiteral("target"),
                      QStringLiteral("URL of the SUT, e.g. http://192.0.2.10:8080/m2m"),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("junit"), QStringLiteral("also write JUnit XML to FILE"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("report"),
                      QStringLiteral("folder for the reports (default: m2mbench-reports/<time>)"),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("only"),
                      QStringLiteral("run only this test case (repeatable)"),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("pixit"), QStringLiteral("the lab's PIXIT values (JSON)"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("pics"), QStringLiteral("the lab's PICS answers (JSON)"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("set"), QStringLiteral("override one PIXIT item (repeatable)"),
                      QStringLiteral("PX_NAME=VALUE")});
    parser.addOption({QStringLiteral("xsd-dir"),
                      QStringLiteral("folder of the TS 102 921 schemas (default $M2M_XSD_DIR)"),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("quiet"), QStringLiteral("print only the verdict table")});
    addBindingOptions(parser);
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    auto binding = bindingFrom(parser);
    if (!binding) {
        err() << "m2mbench-cli run: " << binding.error().message << '\n';
        return ExitUsage;
    }
    QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        paths.append(runner::defaultTestcasesDir());
    }
    auto suite = runner::loadSuite(paths);
    if (!suite) {
        err() << "m2mbench-cli run: " << suite.error().message << '\n';
        return suite.error().kind == Error::Kind::Config ? ExitUsage : ExitBenchError;
    }
    runner::RunOptions options;
    options.target = parser.value(QStringLiteral("target"));
    options.only = parser.values(QStringLiteral("only"));
    options.pixitFile = parser.value(QStringLiteral("pixit"));
    options.picsFile = parser.value(QStringLiteral("pics"));
    options.pixitOverrides = parser.values(QStringLiteral("set"));
    options.xsdDir = parser.value(QStringLiteral("xsd-dir"));
    options.binding = *binding;

    trace::Trace trace;
    runner::Runner runner(trace);
    ProgressPrinter printer(parser.isSet(QStringLiteral("quiet")));
    SignalWatcher watcher([&runner](int) { runner.stop(); });
    auto summary = runner.run(*suite, options, &printer);
    if (!summary) {
        err() << "m2mbench-cli run: " << summary.error().message << '\n';
        return summary.error().kind == Error::Kind::Config ? ExitUsage : ExitBenchError;
    }
    out() << '\n' << runner::verdictTable(*summary);
    QString reportDir = parser.value(QStringLiteral("report"));
    if (reportDir.isEmpty()) {
        reportDir = QStringLiteral("m2mbench-reports/") +
                    QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    }
    auto written = runner::writeReports(*summary, trace, reportDir);
    if (!written) {
        err() << "m2mbench-cli run: " << written.error().message << '\n';
        return ExitBenchError;
    }
    const QString junit = parser.value(QStringLiteral("junit"));
    if (!junit.isEmpty()) {
        QSaveFile f(junit);
        if (!f.open(QIODevice::WriteOnly) || f.write(runner::junitXml(*summary)) < 0 ||
            !f.commit()) {
            err() << "m2mbench-cli run: cannot write " << junit << ": " << f.errorString() << '\n';
            return ExitBenchError;
        }
    }
    int passed = 0;
    for (const auto &r : summary->results) {
        passed += r.verdict == Verdict::Pass ? 1 : 0;
    }
    out() << QStringLiteral("\n%1 of %2 test case(s) passed; overall verdict %3%4\nReports: %5\n")
                 .arg(passed)
                 .arg(summary->results.size())
                 .arg(verdictName(summary->overall()))
                 .arg(summary->stopped ? QStringLiteral(" (run stopped)") : QString())
                 .arg(QDir(reportDir).absolutePath());
    out().flush();
    return summary->allPassed() ? ExitOk : ExitFailed;
}

} // namespace m2mbench::cli
