// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/cli/capture_options.h"
#include "core/runner/runner.h"

#include <QCommandLineParser>

namespace m2mbench::cli {

/// What the CLI does around a run: where reports and the journal go, how much it prints.
struct RunSettings {
    QString reportDir;   ///< empty: m2mbench-reports/<time>
    QString junit;       ///< an extra JUnit copy
    QString journalPath; ///< empty: the default journal
    bool noJournal = false;
    bool quiet = false;
    bool json = false;         ///< the verdict table as JSON on stdout
    qint64 resumeRunId = 0;    ///< continue this run instead of starting one
    CaptureSettings capture;   ///< --pcap, --keys and friends (docs/wireshark.md)
    bool step = false;         ///< stop at every message (--step)
    QStringList breakpoints;   ///< --break SPEC
    bool keepSutState = false; ///< --keep-sut-state: no postamble after a failure
};

/// Adds the options shared by run, resume and rerun (--report, --junit, --journal, ...).
void addRunSettingsOptions(QCommandLineParser &parser);
RunSettings runSettingsFrom(const QCommandLineParser &parser);

/// Loads the suite, runs it with the journal, prints the verdicts and writes the reports;
/// returns the CLI exit code. `command` prefixes messages ("run", "rerun", ...).
int executeRun(const QStringList &suitePaths, const runner::RunOptions &options,
               const RunSettings &settings, const QString &command);

} // namespace m2mbench::cli
