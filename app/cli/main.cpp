// SPDX-License-Identifier: Apache-2.0
// m2mbench-cli: the headless face of the bench. Thin: each command parses its arguments and
// hands over to core.
#include "app/cli/commands.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

namespace {

struct CommandEntry {
    const char *name;
    const char *summary;
    int (*fn)(const QStringList &);
};

const CommandEntry kCommands[] = {
    {"run", "run test cases against a SUT or the embedded reference nodes",
     m2mbench::cli::runCommand},
    {"list", "list test cases with their metadata", m2mbench::cli::listCommand},
    {"plan", "show which test cases a run would select, and why", m2mbench::cli::planCommand},
    {"faults", "list the reference NSCL's named faults (serve nscl --fault, run --nscl-fault)",
     m2mbench::cli::faultsCommand},
    {"runs", "list the runs recorded in the journal", m2mbench::cli::runsCommand},
    {"resume", "continue an interrupted run", m2mbench::cli::resumeCommand},
    {"report", "write the reports of a recorded run (HTML, PDF, JUnit, bundle)",
     m2mbench::cli::reportCommand},
    {"rerun", "replay test cases of a recorded run with its PICS, PIXIT and profile",
     m2mbench::cli::rerunCommand},
    {"export", "write the application-level pcapng of a recorded run (Wireshark, etsim2m)",
     m2mbench::cli::exportCommand},
    {"serve", "run a reference node as a standalone server (nscl, msbf, mas)",
     m2mbench::cli::serveCommand},
    {"bootstrap", "bootstrap as a D/G node with an MSBF (PANA, EAP-TLS) and show the keys",
     m2mbench::cli::bootstrapCommand},
    {"connect",
     "make a service connection to an NSCL as a D/G node (TLS-PSK, Kmr -> Kmc) and use it",
     m2mbench::cli::connectCommand},
    {"derive", "compute a key derivation of the profile by hand", m2mbench::cli::deriveCommand},
};

int usage(FILE *stream) {
    QTextStream out(stream);
    out << "Usage: m2mbench-cli COMMAND [OPTIONS]\n\nCommands:\n";
    for (const CommandEntry &c : kCommands) {
        out << QStringLiteral("  %1 %2\n")
                   .arg(QLatin1String(c.name), -8)
                   .arg(QLatin1String(c.summary));
    }
    out << "\nRun 'm2mbench-cli COMMAND --help' for the options of a command.\n"
           "Exit codes: 0 all passed / done, 1 some test case did not pass, 2 bad usage or "
           "configuration, 3 bench error.\n";
    return stream == stdout ? m2mbench::cli::ExitOk : m2mbench::cli::ExitUsage;
}

/// Reports lay out text for the PDF, which needs Qt's GUI module (offscreen, no display). Only
/// the commands that write reports pay for it.
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv) {
    const bool reports = argc > 1 && (qstrcmp(argv[1], "report") == 0);
    if (!reports) {
        return std::make_unique<QCoreApplication>(argc, argv);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    return std::make_unique<QGuiApplication>(argc, argv);
}

} // namespace

int main(int argc, char **argv) {
    const auto app = makeApplication(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("m2mbench-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(M2MBENCH_VERSION));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        return usage(stderr);
    }
    const QString command = args.at(1);
    if (command == u"--help" || command == u"-h" || command == u"help") {
        return usage(stdout);
    }
    if (command == u"--version" || command == u"version") {
        QTextStream(stdout) << "m2mbench-cli " << M2MBENCH_VERSION << '\n';
        return m2mbench::cli::ExitOk;
    }
    for (const CommandEntry &c : kCommands) {
        if (command == QLatin1String(c.name)) {
            // QCommandLineParser expects a program name first: keep "m2mbench-cli COMMAND".
            QStringList rest = args.mid(2);
            rest.prepend(args.at(0) + QLatin1Char(' ') + command);
            return c.fn(rest);
        }
    }
    QTextStream(stderr) << "m2mbench-cli: unknown command '" << command << "'\n";
    return usage(stderr);
}
