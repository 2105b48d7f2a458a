// SPDX-License-Identifier: Apache-2.0
// The journal's commands: list past runs, continue an interrupted one, replay one test case.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/run_execution.h"

#include "core/runner/journal.h"

#include <QJsonArray>

namespace m2mbench::cli {

namespace {

std::unique_ptr<runner::Journal> openJournal(const QCommandLineParser &parser, const QString &cmd) {
    const QString path = parser.value(QStringLiteral("journal"));
    auto journal = runner::Journal::open(path.isEmpty() ? runner::Journal::defaultPath() : path);
    if (!journal) {
        err() << "m2mbench-cli " << cmd << ": " << journal.error().message << '\n';
        return nullptr;
    }
    return std::move(*journal);
}

/// The options of a recorded run, with its PICS, PIXIT and profile exactly as applied.
runner::RunOptions replayOptions(const runner::RunRecord &run) {
    runner::RunOptions options = runner::RunOptions::fromJson(run.options);
    options.pixitValues = run.pixit;
    options.picsValues = run.pics;
    options.profileJson = run.profile;
    // The files may have changed since: the recorded values are what counts.
    options.pixitFile.clear();
    options.picsFile.clear();
    options.pixitOverrides.clear();
    options.profileFile.clear();
    return options;
}

QStringList suitesOf(const runner::RunRecord &run) {
    QStringList out;
    for (const QJsonValue &v : run.options.value(QStringLiteral("suites")).toArray()) {
        out.append(v.toString());
    }
    return out;
}

Result<qint64> runIdArgument(const QCommandLineParser &parser) {
    const QStringList pos = parser.positionalArguments();
    bool ok = false;
    const qint64 id = pos.value(0).toLongLong(&ok);
    if (pos.size() != 1 || !ok || id <= 0) {
        return fail(Error::Kind::Config,
                    QStringLiteral("expected one RUN number (see `m2mbench-cli runs`)"));
    }
    return id;
}

int replay(const QStringList &args, bool resume) {
    const QString cmd = resume ? QStringLiteral("resume") : QStringLiteral("rerun");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        resume
            ? QStringLiteral(
                  "Continues an interrupted or stopped run: runs the test cases it did not finish.")
            : QStringLiteral("Runs test cases of a recorded run again, with the same PICS, PIXIT "
                             "and profile."));
    parser.addPositionalArgument(QStringLiteral("RUN"), QStringLiteral("the run's number"));
    if (!resume) {
        parser.addOption({QStringLiteral("only"),
                          QStringLiteral("the test case to replay (repeatable)"),
                          QStringLiteral("ID")});
    }
    addRunSettingsOptions(parser);
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    auto id = runIdArgument(parser);
    if (!id) {
        err() << "m2mbench-cli " << cmd << ": " << id.error().message << '\n';
        return ExitUsage;
    }
    auto journal = openJournal(parser, cmd);
    if (!journal) {
        return ExitUsage;
    }
    auto run = journal->run(*id);
    if (!run) {
        err() << "m2mbench-cli " << cmd << ": " << run.error().message << '\n';
        return ExitUsage;
    }
    journal.reset(); // executeRun opens its own
    runner::RunOptions options = replayOptions(*run);
    RunSettings settings = runSettingsFrom(parser);
    if (resume) {
        settings.resumeRunId = *id;
    } else {
        options.only = parser.values(QStringLiteral("only"));
        if (options.only.isEmpty()) {
            err() << "m2mbench-cli rerun: name the test case with --only ID\n";
            return ExitUsage;
        }
    }
    return executeRun(suitesOf(*run), options, settings, cmd);
}

} // namespace

int runsCommand(const QStringList &args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists the runs recorded in the journal."));
    parser.addOption(
        {QStringLiteral("journal"), QStringLiteral("the run journal"), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("limit"), QStringLiteral("how many (default 20)"),
                      QStringLiteral("N"), QStringLiteral("20")});
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    auto journal = openJournal(parser, QStringLiteral("runs"));
    if (!journal) {
        return ExitUsage;
    }
    auto runs = journal->runs(parser.value(QStringLiteral("limit")).toInt());
    if (!runs) {
        err() << "m2mbench-cli runs: " << runs.error().message << '\n';
        return ExitBenchError;
    }
    out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                 .arg(QStringLiteral("RUN"), 5)
                 .arg(QStringLiteral("STARTED (UTC)"), -19)
                 .arg(QStringLiteral("STATUS"), -11)
                 .arg(QStringLiteral("VERDICTS"), -28)
                 .arg(QStringLiteral("TARGET"));
    for (const runner::RunRecord &r : *runs) {
        auto tcs = journal->testCases(r.id);
        QMap<QString, int> counts;
        QString interrupted;
        for (const runner::JournalTestCase &tc : tcs.value_or(QList<runner::JournalTestCase>())) {
            if (tc.state == runner::JournalTestCase::State::Done) {
                ++counts[verdictName(tc.verdict)];
            } else if (tc.state == runner::JournalTestCase::State::Interrupted) {
                interrupted = tc.info.id;
            }
        }
        QStringList parts;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
        }
        out() << QStringLiteral("%1  %2  %3  %4  %5\n")
                     .arg(r.id, 5)
                     .arg(r.started.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), -19)
                     .arg(runner::runStatusName(r.status), -11)
                     .arg(parts.join(QStringLiteral(", ")), -28)
                     .arg(r.target);
        if (!interrupted.isEmpty()) {
            out() << "       interrupted during " << interrupted << " (m2mbench-cli resume " << r.id
                  << ")\n";
        }
    }
    return ExitOk;
}

int resumeCommand(const QStringList &args) {
    return replay(args, true);
}

int rerunCommand(const QStringList &args) {
    return replay(args, false);
}

} // namespace m2mbench::cli
