// SPDX-License-Identifier: Apache-2.0
// m2mbench-cli export RUN --pcap FILE [--keys]: the application-level pcapng of a recorded run,
// rebuilt from what the run left on disk.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/trace/pdu_export.h"
#include "core/trace/run_capture.h"
#include "core/trace/trace_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace m2mbench::cli {

namespace {

/// Where a recorded run is found. Today RUN is a report folder (holding trace.jsonl) or the
/// trace file itself; this is the one place that will also accept a journal run id once the
/// journal stores whole events (docs/wireshark.md, "Exporting a recorded run").
Result<QString> traceFileOf(const QString &run) {
    const QFileInfo info(run);
    if (info.isDir()) {
        const QString file = QDir(run).filePath(QLatin1String(trace::kTraceFileName));
        if (!QFileInfo::exists(file)) {
            return fail(Error::Kind::Config,
                        QStringLiteral("%1 holds no %2: give the report folder of a run made by "
                                       "this bench version (m2mbench-cli run --report DIR)")
                            .arg(run, QLatin1String(trace::kTraceFileName)));
        }
        return file;
    }
    if (info.isFile()) {
        return run;
    }
    return fail(Error::Kind::Config,
                QStringLiteral("no report folder or trace file '%1' (RUN is the folder a run "
                               "wrote its reports to, e.g. m2mbench-reports/20240101-120000)")
                    .arg(run));
}

/// The key log to embed: --key-log FILE, else keys.log in the run's --pcap folder or beside the
/// trace file.
Result<QByteArray> keyLogFor(const QString &traceFile, const QString &captureDir,
                             const QString &given) {
    QString path = given;
    const QString name = QLatin1String(trace::kKeyLogFileName);
    for (const QString &dir : {captureDir, QFileInfo(traceFile).absolutePath()}) {
        if (path.isEmpty() && !dir.isEmpty() && QFileInfo::exists(QDir(dir).filePath(name))) {
            path = QDir(dir).filePath(name);
        }
    }
    if (path.isEmpty()) {
        err() << "m2mbench-cli export: note: the run left no key log (it had no --pcap); nothing "
                 "to embed\n";
        return QByteArray();
    }
    QFile f(path);
    if (!f.exists()) {
        return fail(Error::Kind::Config, QStringLiteral("no key log %1").arg(path));
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    }
    return f.read(16 * 1024 * 1024);
}

void addExportOptions(QCommandLineParser &parser) {
    parser.setApplicationDescription(
        QStringLiteral("Writes the application-level pcapng of a recorded run: its messages as "
                       "the bench saw them (exported PDUs, link type 252) and its trace records "
                       "as etsim2m PDUs. Open it in Wireshark with the etsim2m plugin."));
    parser.addPositionalArgument(QStringLiteral("RUN"),
                                 QStringLiteral("the run's report folder (or its trace.jsonl)"));
    parser.addOption(
        {QStringLiteral("pcap"), QStringLiteral("the pcapng to write"), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("keys"),
         QStringLiteral("embed the run's key log as a decryption secrets block and "
                        "show key values the run kept (the file becomes owner-only)")});
    parser.addOption({QStringLiteral("key-log"),
                      QStringLiteral("the key log to embed with --keys (default: keys.log of the "
                                     "run's --pcap folder)"),
                      QStringLiteral("FILE")});
}

/// The export of a recorded run; with --keys, the key log and the key values it kept.
Result<trace::ExportInput> exportInput(const QString &traceFile, const QCommandLineParser &parser) {
    auto run = trace::readTraceFile(traceFile);
    if (!run) {
        return fail(run.error());
    }
    const bool keys = parser.isSet(QStringLiteral("keys"));
    trace::ExportInput input;
    input.info = run->info;
    input.events = std::move(run->events);
    input.liveFrames = run->frames;
    input.showKeys = keys && run->info.keysShown;
    if (keys) {
        auto keyLog =
            keyLogFor(traceFile, run->info.captureDir, parser.value(QStringLiteral("key-log")));
        if (!keyLog) {
            return fail(keyLog.error());
        }
        input.keyLog = *keyLog;
        if (!run->info.keysShown) {
            err() << "m2mbench-cli export: note: the run did not keep key values (run it with "
                     "--keys); key records stay masked\n";
        }
    }
    return input;
}

} // namespace

int exportCommand(const QStringList &args) {
    QCommandLineParser parser;
    addExportOptions(parser);
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    const QStringList positional = parser.positionalArguments();
    const QString output = parser.value(QStringLiteral("pcap"));
    if (positional.size() != 1 || output.isEmpty()) {
        err() << "m2mbench-cli export: give one RUN and --pcap FILE, e.g. "
                 "m2mbench-cli export m2mbench-reports/20240101-120000 --pcap run.pcapng\n";
        return ExitUsage;
    }
    auto traceFile = traceFileOf(positional.first());
    auto input = traceFile ? exportInput(*traceFile, parser) : tl::unexpected(traceFile.error());
    if (!input) {
        err() << "m2mbench-cli export: " << input.error().message << '\n';
        return input.error().kind == Error::Kind::Io ? ExitBenchError : ExitUsage;
    }
    const bool embedded = !input->keyLog.isEmpty();
    auto stats = trace::writePduExport(output, *input);
    input->keyLog.fill('\0');
    if (!stats) {
        err() << "m2mbench-cli export: " << stats.error().message << '\n';
        return ExitBenchError;
    }
    out() << QStringLiteral("Wrote %1: %2 messages, %3 trace records%4\n")
                 .arg(QDir(output).absolutePath())
                 .arg(stats->messages)
                 .arg(stats->records)
                 .arg(embedded ? QStringLiteral(", key log embedded") : QString());
    out().flush();
    return ExitOk;
}

} // namespace m2mbench::cli
