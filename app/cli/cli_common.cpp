// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cli_common.h"

#include "app/cli/commands.h"

namespace m2mbench::cli {

QTextStream &out() {
    static QTextStream s(stdout);
    return s;
}

QTextStream &err() {
    static QTextStream s(stderr);
    return s;
}

void addBindingOptions(QCommandLineParser &parser) {
    parser.addOption(
        {QStringLiteral("status-deleted"),
         QStringLiteral("HTTP code for STATUS_DELETED: a 4xx/5xx code or 'unmapped' (default 410)"),
         QStringLiteral("CODE"), QStringLiteral("410")});
    parser.addOption(
        {QStringLiteral("status-expired"),
         QStringLiteral("HTTP code for STATUS_EXPIRED: a 4xx/5xx code or 'unmapped' (default 410)"),
         QStringLiteral("CODE"), QStringLiteral("410")});
}

Result<http::BindingProfile> bindingFrom(const QCommandLineParser &parser) {
    http::BindingProfile profile;
    for (const auto &[name, field] :
         {std::pair{QStringLiteral("status-deleted"), &profile.status.deleted},
          std::pair{QStringLiteral("status-expired"), &profile.status.expired}}) {
        if (!mid::HttpStatusProfile::parseCode(parser.value(name), field)) {
            return fail(
                Error::Kind::Config,
                QStringLiteral("--%1 '%2': expected an HTTP code from 400 to 599 or 'unmapped'")
                    .arg(name, parser.value(name)));
        }
    }
    return profile;
}

std::optional<runner::Suite> loadSuiteFor(const QStringList &paths, const QString &command,
                                          int *exitCode) {
    auto suite =
        runner::loadSuite(paths.isEmpty() ? QStringList{runner::defaultTestcasesDir()} : paths);
    if (!suite) {
        err() << "m2mbench-cli " << command << ": " << suite.error().message << '\n';
        *exitCode = suite.error().kind == Error::Kind::Config ? ExitUsage : ExitBenchError;
        return std::nullopt;
    }
    return *suite;
}

bool parseOrExit(QCommandLineParser &parser, const QStringList &args, int *exitCode) {
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(args)) {
        err() << "m2mbench-cli: " << parser.errorText() << '\n';
        err().flush();
        *exitCode = ExitUsage;
        return false;
    }
    if (parser.isSet(help)) {
        out() << parser.helpText();
        out().flush();
        *exitCode = ExitOk;
        return false;
    }
    return true;
}

} // namespace m2mbench::cli
