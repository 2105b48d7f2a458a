// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/runner/plan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace m2mbench::cli {

int planCommand(const QStringList &args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints every test case as selected or not, with the reason: the PICS predicate and the "
        "values that decided it."));
    parser.addPositionalArgument(QStringLiteral("SUITE"),
                                 QStringLiteral("test case files or folders"),
                                 QStringLiteral("[SUITE...]"));
    parser.addOption({QStringLiteral("pics"), QStringLiteral("the product's PICS answers (JSON)"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("pixit"), QStringLiteral("the lab's PIXIT values (JSON)"),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("only"),
                      QStringLiteral("plan only this test case (repeatable)"),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("print JSON")});
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    const auto suite = loadSuiteFor(parser.positionalArguments(), QStringLiteral("plan"), &code);
    if (!suite) {
        return code;
    }
    runner::RunOptions options;
    options.picsFile = parser.value(QStringLiteral("pics"));
    options.pixitFile = parser.value(QStringLiteral("pixit"));
    options.only = parser.values(QStringLiteral("only"));
    auto plan = runner::planRun(*suite, options);
    if (!plan) {
        err() << "m2mbench-cli plan: " << plan.error().message << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const runner::PlanEntry &e : *plan) {
            rows.append(QJsonObject{{QStringLiteral("id"), e.info.id},
                                    {QStringLiteral("selected"), e.selected},
                                    {QStringLiteral("reason"), e.reason}});
        }
        out() << QJsonDocument(rows).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    int selected = 0;
    for (const runner::PlanEntry &e : *plan) {
        selected += e.selected ? 1 : 0;
        out() << QStringLiteral("%1  %2  %3\n")
                     .arg(e.selected ? QStringLiteral("selected    ")
                                     : QStringLiteral("not selected"))
                     .arg(e.info.id, -20)
                     .arg(e.reason);
    }
    out() << selected << " of " << plan->size() << " test case(s) selected\n";
    return ExitOk;
}

} // namespace m2mbench::cli
