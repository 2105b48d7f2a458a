// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/run_execution.h"

#include "core/nodes/nscl/nscl_faults.h"

namespace m2mbench::cli {

int runCommand(const QStringList &args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs test cases. With no --target, against the embedded reference nodes."));
    parser.addPositionalArgument(
        QStringLiteral("SUITE"),
        QStringLiteral("test case files or folders (default: the bundled suite)"),
        QStringLiteral("[SUITE...]"));
    parser.addOption({QStringLiteral("target"),
                      QStringLiteral("URL of the SUT, e.g. http://192.0.2.10:8080/m2m"),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("only"),
                      QStringLiteral("run only this test case (repeatable)"),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("pixit"), QStringLiteral("the lab's PIXIT values (JSON)"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("pics"), QStringLiteral("the product's PICS answers (JSON)"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("no-pics"),
                      QStringLiteral("run a named SUT without its PICS (the report says so)")});
    parser.addOption({QStringLiteral("set"), QStringLiteral("override one PIXIT item (repeatable)"),
                      QStringLiteral("PX_NAME=VALUE")});
    parser.addOption({QStringLiteral("xsd-dir"),
                      QStringLiteral("folder of the TS 102 921 schemas (default $M2M_XSD_DIR)"),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("profile"),
                      QStringLiteral("the lab's key-derivation profile (JSON) over the default"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("nscl-fault"),
                      QStringLiteral("start the embedded NSCL with this fault (repeatable; "
                                     "m2mbench-cli faults lists them)"),
                      QStringLiteral("NAME")});
    addRunSettingsOptions(parser);
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
    runner::RunOptions options;
    options.target = parser.value(QStringLiteral("target"));
    options.only = parser.values(QStringLiteral("only"));
    options.pixitFile = parser.value(QStringLiteral("pixit"));
    options.picsFile = parser.value(QStringLiteral("pics"));
    options.noPics = parser.isSet(QStringLiteral("no-pics"));
    options.pixitOverrides = parser.values(QStringLiteral("set"));
    options.xsdDir = parser.value(QStringLiteral("xsd-dir"));
    options.profileFile = parser.value(QStringLiteral("profile"));
    options.binding = *binding;
    options.nsclFaults = parser.values(QStringLiteral("nscl-fault"));
    if (!options.nsclFaults.isEmpty() && !options.target.isEmpty()) {
        err() << "m2mbench-cli run: --nscl-fault applies to the embedded NSCL, not to a --target\n";
        return ExitUsage;
    }
    if (auto faults = nodes::parseNsclFaults(options.nsclFaults); !faults) {
        err() << "m2mbench-cli run: " << faults.error().message << '\n';
        return ExitUsage;
    }
    // PICS decide what is tested: a product run without them is refused unless the lab says so.
    if (!options.target.isEmpty() && options.picsFile.isEmpty() && !options.noPics) {
        err() << "m2mbench-cli run: a run against a named SUT needs the product's PICS: give "
                 "--pics FILE (proformas: testcases/*/pics.json), or --no-pics to run without "
                 "them (the report will say so)\n";
        return ExitUsage;
    }
    return executeRun(parser.positionalArguments(), options, runSettingsFrom(parser),
                      QStringLiteral("run"));
}

} // namespace m2mbench::cli
