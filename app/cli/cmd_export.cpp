// SPDX-License-Identifier: Apache-2.0
// m2mbench-cli export RUN --pcap FILE [--keys]: the application-level pcapng of a recorded run,
// rebuilt from the journal (RUN = the run's number) or from a report folder's trace.jsonl.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runner/journal.h"
#include "core/runner/report/report_files.h"
#include "core/trace/pdu_export.h"
#include "core/trace/run_capture.h"
#include "core/trace/trace_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace m2mbench::cli {

namespace {

/// RUN as a journal run number, or nullopt when it is not one (a folder or file of that name
/// wins: a report folder may well be called "12").
std::optional<qint64> runNumberOf(const QString &run) {
    bool ok = false;
    const qint64 id = run.toLongLong(&ok);
    return ok && id > 0 && !QFileInfo::exists(run) ? std::optional<qint64>(id) : std::nullopt;
}

/// A report folder (holding trace.jsonl) or the trace file itself.
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
                QStringLiteral("no run, report folder or trace file '%1' (RUN is the run's number "
                               "in the journal, see m2mbench-cli runs, or the folder a run wrote "
                               "its reports to, e.g. m2mbench-reports/20240101-120000)")
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
    parser.addPositionalArgument(
        QStringLiteral("RUN"),
        QStringLiteral("the run's number in the journal (m2mbench-cli runs), or its report folder "
                       "(or that folder's trace.jsonl)"));
    parser.addOption({QStringLiteral("journal"),
                      QStringLiteral("the run journal, for RUN given as a number"),
                      QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("pcap"), QStringLiteral("the pcapng to write"), QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("keys"),
         QStringLiteral("embed the run's key log as a decryption secrets block and "
                        "show key values the run kept (the file becomes owner-only)")});
    parser.addOption({QStringLiteral("key-log"),
                      QStringLiteral("the key log to embed with --keys (default: for a run number, "
                                     "the TLS secrets the journal kept; for a folder, keys.log of "
                                     "the run's --pcap folder)"),
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

/// The export of run `runId` as the journal kept it: every event with its bytes, and the key
/// values (the journal is the user's own), shown only with --keys. The TLS secrets the run
/// recorded make the key log to embed, unless --key-log names another.
Result<trace::ExportInput> journalExportInput(qint64 runId, const QCommandLineParser &parser) {
    const QString path = parser.value(QStringLiteral("journal"));
    auto journal = runner::Journal::open(path.isEmpty() ? runner::Journal::defaultPath() : path);
    if (!journal) {
        return fail(journal.error());
    }
    auto run = (*journal)->run(runId);
    if (!run) {
        return fail(run.error()); // names the run, the journal and `m2mbench-cli runs`
    }
    auto events = (*journal)->events(runId);
    if (!events) {
        return fail(events.error());
    }
    const bool keys = parser.isSet(QStringLiteral("keys"));
    trace::ExportInput input = runner::report::exportInputOf(*run, std::move(*events), keys);
    if (!keys) {
        return input;
    }
    if (const QString given = parser.value(QStringLiteral("key-log")); !given.isEmpty()) {
        input.keyLog.fill('\0');
        auto keyLog = keyLogFor(QString(), QString(), given);
        if (!keyLog) {
            return fail(keyLog.error());
        }
        input.keyLog = *keyLog;
    } else if (input.keyLog.isEmpty()) {
        err() << "m2mbench-cli export: note: run " << runId
              << " had no TLS or DTLS session; no key log to embed\n";
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
                 "m2mbench-cli export 12 --pcap run.pcapng (run 12 of m2mbench-cli runs) or "
                 "m2mbench-cli export m2mbench-reports/20240101-120000 --pcap run.pcapng\n";
        return ExitUsage;
    }
    Result<trace::ExportInput> input = fail(Error::Kind::Config, QStringLiteral("no RUN"));
    if (const auto runId = runNumberOf(positional.first())) {
        input = journalExportInput(*runId, parser);
    } else {
        auto traceFile = traceFileOf(positional.first());
        input = traceFile ? exportInput(*traceFile, parser) : tl::unexpected(traceFile.error());
    }
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
