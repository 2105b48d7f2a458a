// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runner/journal.h"
#include "core/runner/report/report_files.h"

#include <QDir>

namespace m2mbench::cli {

int reportCommand(const QStringList &args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes the reports of a recorded run from the journal: report.html, report.pdf (a "
        "protocol conformance test report after ISO/IEC 9646-6), junit.xml, summary.json and "
        "run.json, and optionally a bundle (.tar) for submission."));
    parser.addPositionalArgument(QStringLiteral("RUN"),
                                 QStringLiteral("the run's number (m2mbench-cli runs)"));
    parser.addOption(
        {QStringLiteral("journal"), QStringLiteral("the run journal"), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("dir"),
                      QStringLiteral("where to write (default m2mbench-reports/run-RUN)"),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("bundle"),
                      QStringLiteral("also write one archive of everything"),
                      QStringLiteral("FILE.tar")});
    parser.addOption(
        {QStringLiteral("add"),
         QStringLiteral("a file to put in the bundle too, e.g. the pcapng (repeatable)"),
         QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("lab"), QStringLiteral("the test laboratory"), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("sut-name"), QStringLiteral("the product under test"),
                      QStringLiteral("NAME")});
    parser.addOption(
        {QStringLiteral("sut-version"), QStringLiteral("its version"), QStringLiteral("VERSION")});
    parser.addOption(
        {QStringLiteral("show-keys"), QStringLiteral("key values in clear (masked by default)")});
    parser.addOption({QStringLiteral("no-pdf"), QStringLiteral("skip the PDF")});
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    bool ok = false;
    const qint64 runId = parser.positionalArguments().value(0).toLongLong(&ok);
    if (!ok || parser.positionalArguments().size() != 1) {
        err() << "m2mbench-cli report: expected one RUN number (see `m2mbench-cli runs`)\n";
        return ExitUsage;
    }
    const QString path = parser.value(QStringLiteral("journal"));
    auto journal = runner::Journal::open(path.isEmpty() ? runner::Journal::defaultPath() : path);
    if (!journal) {
        err() << "m2mbench-cli report: " << journal.error().message << '\n';
        return ExitUsage;
    }
    runner::report::ReportIdentity identity;
    identity.lab = parser.value(QStringLiteral("lab"));
    identity.sutName = parser.value(QStringLiteral("sut-name"));
    identity.sutVersion = parser.value(QStringLiteral("sut-version"));
    identity.showKeys = parser.isSet(QStringLiteral("show-keys"));
    auto data = runner::report::loadReportData(**journal, runId, identity);
    if (!data) {
        err() << "m2mbench-cli report: " << data.error().message << '\n';
        return ExitUsage;
    }
    runner::report::ReportOutputs outputs;
    outputs.dir = parser.value(QStringLiteral("dir"));
    if (outputs.dir.isEmpty()) {
        outputs.dir = QStringLiteral("m2mbench-reports/run-%1").arg(runId);
    }
    outputs.bundle = parser.value(QStringLiteral("bundle"));
    outputs.extraFiles = parser.values(QStringLiteral("add"));
    outputs.pdf = !parser.isSet(QStringLiteral("no-pdf"));
    auto written = runner::report::writeRunReports(*data, outputs);
    if (!written) {
        err() << "m2mbench-cli report: " << written.error().message << '\n';
        return ExitBenchError;
    }
    for (const QString &file : *written) {
        out() << QDir::current().relativeFilePath(file) << '\n';
    }
    return ExitOk;
}

} // namespace m2mbench::cli
