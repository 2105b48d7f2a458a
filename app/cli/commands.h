// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace m2mbench::cli {

/// Exit codes every command shares, so that CI scripts can tell outcomes apart.
enum ExitCode : int {
    ExitOk = 0,         ///< everything selected passed / the command did what was asked
    ExitFailed = 1,     ///< some test case did not pass (fail, inconc, none)
    ExitUsage = 2,      ///< bad command line, bad input values, bad configuration
    ExitBenchError = 3, ///< the bench itself failed (I/O, OpenSSL, a script that did not load)
};

/// Each command receives the arguments that follow its name and returns an ExitCode.
int runCommand(const QStringList &args);
int listCommand(const QStringList &args);
int serveCommand(const QStringList &args);
int deriveCommand(const QStringList &args);
int bootstrapCommand(const QStringList &args);
int connectCommand(const QStringList &args);
int serveMsbfCommand(const QStringList &args);
int serveMasCommand(const QStringList &args);
int planCommand(const QStringList &args);
int runsCommand(const QStringList &args);
int reportCommand(const QStringList &args);
int resumeCommand(const QStringList &args);
int rerunCommand(const QStringList &args);
int exportCommand(const QStringList &args);
int faultsCommand(const QStringList &args);

} // namespace m2mbench::cli
