// SPDX-License-Identifier: Apache-2.0
// `m2mbench-cli derive`: a thin shell around the key calculator of core/crypto, which the tests
// drive in-process.
#include "app/cli/commands.h"

#include "core/crypto/calculator.h"

#include <QTextStream>

namespace m2mbench::cli {

int deriveCommand(const QStringList &args) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    // args[0] is "m2mbench-cli derive" (for QCommandLineParser users); the calculator takes the
    // arguments after the command.
    return crypto::runDeriveCalculator(args.mid(1), out, err);
}

} // namespace m2mbench::cli
