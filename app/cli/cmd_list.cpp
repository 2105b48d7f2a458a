// SPDX-License-Identifier: Apache-2.0
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"

#include "core/nodes/nscl/nscl_faults.h"
#include "core/runner/suite.h"
#include "core/runner/traceability.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace m2mbench::cli {

int listCommand(const QStringList &args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists test cases with their metadata."));
    parser.addPositionalArgument(QStringLiteral("SUITE"),
                                 QStringLiteral("test case files or folders"),
                                 QStringLiteral("[SUITE...]"));
    parser.addOption({QStringLiteral("json"), QStringLiteral("print JSON")});
    parser.addOption({QStringLiteral("matrix"),
                      QStringLiteral("print the traceability matrix: test case -> test purpose -> "
                                     "clauses, and clause -> test cases")});
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    const auto suite = loadSuiteFor(parser.positionalArguments(), QStringLiteral("list"), &code);
    if (!suite) {
        return code;
    }
    if (parser.isSet(QStringLiteral("matrix")) && !parser.isSet(QStringLiteral("json"))) {
        out() << runner::traceabilityText(suite->testCases);
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray all;
        for (const runner::TestCaseInfo &tc : suite->testCases) {
            QJsonArray refs;
            for (const auto &r : tc.references) {
                refs.append(QJsonObject{{QStringLiteral("document"), r.document},
                                        {QStringLiteral("clause"), r.clause}});
            }
            all.append(QJsonObject{{QStringLiteral("id"), tc.id},
                                   {QStringLiteral("title"), tc.title},
                                   {QStringLiteral("purpose"), tc.purpose},
                                   {QStringLiteral("objective"), tc.objective},
                                   {QStringLiteral("configuration"), tc.configuration},
                                   {QStringLiteral("pics"), tc.pics},
                                   {QStringLiteral("pixit"), QJsonArray::fromStringList(tc.pixit)},
                                   {QStringLiteral("references"), refs},
                                   {QStringLiteral("file"), tc.file}});
        }
        if (!parser.isSet(QStringLiteral("matrix"))) {
            out() << QJsonDocument(all).toJson(QJsonDocument::Indented);
            return ExitOk;
        }
        QJsonArray clauses;
        for (const runner::ClauseCoverage &c : runner::coverageByClause(suite->testCases)) {
            clauses.append(QJsonObject{
                {QStringLiteral("document"), c.document},
                {QStringLiteral("clause"), c.clause},
                {QStringLiteral("testCases"), QJsonArray::fromStringList(c.testCases)}});
        }
        out() << QJsonDocument(QJsonObject{{QStringLiteral("testCases"), all},
                                           {QStringLiteral("clauses"), clauses}})
                     .toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    for (const runner::TestCaseInfo &tc : suite->testCases) {
        QStringList refs;
        for (const auto &r : tc.references) {
            refs.append(r.document + QLatin1Char(' ') + r.clause);
        }
        out() << tc.id << "  " << tc.title << '\n'
              << "    purpose: " << tc.purpose << "   configuration: " << tc.configuration << '\n'
              << "    PICS: " << (tc.pics.isEmpty() ? QStringLiteral("(always)") : tc.pics) << '\n'
              << "    PIXIT: " << tc.pixit.join(QStringLiteral(", ")) << '\n'
              << "    references: " << refs.join(QStringLiteral("; ")) << '\n';
    }
    out() << suite->testCases.size() << " test case(s)\n";
    return ExitOk;
}

} // namespace m2mbench::cli

namespace m2mbench::cli {

int faultsCommand(const QStringList &args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Lists the named faults the reference NSCL can be started with."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("print JSON")});
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    const auto &catalogue = nodes::nsclFaultCatalogue();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray all;
        for (const nodes::NsclFault &f : catalogue) {
            all.append(QJsonObject{{QStringLiteral("name"), f.name},
                                   {QStringLiteral("area"), f.area},
                                   {QStringLiteral("description"), f.description}});
        }
        out() << QJsonDocument(all).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    qsizetype width = 0;
    for (const nodes::NsclFault &f : catalogue) {
        width = std::max(width, f.name.size());
    }
    QString area;
    for (const nodes::NsclFault &f : catalogue) {
        if (f.area != area) {
            area = f.area;
            out() << (area == catalogue.first().area ? "" : "\n") << area << '\n';
        }
        out() << "  " << f.name.leftJustified(width) << "  " << f.description << '\n';
    }
    out() << '\n'
          << catalogue.size()
          << " fault(s); serve nscl --fault NAME, or run --nscl-fault NAME for the embedded NSCL\n";
    return ExitOk;
}

} // namespace m2mbench::cli
