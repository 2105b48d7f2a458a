// SPDX-License-Identifier: Apache-2.0
#include "core/runner/traceability.h"

#include <QMap>

#include <algorithm>

namespace m2mbench::runner {

bool clauseLess(const QString &a, const QString &b) {
    const QStringList pa = a.split(QLatin1Char('.'));
    const QStringList pb = b.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < std::min(pa.size(), pb.size()); ++i) {
        bool okA = false;
        bool okB = false;
        const int na = pa[i].toInt(&okA);
        const int nb = pb[i].toInt(&okB);
        if (okA && okB && na != nb) {
            return na < nb;
        }
        if (!(okA && okB) && pa[i] != pb[i]) {
            return pa[i] < pb[i];
        }
    }
    return pa.size() < pb.size();
}

QList<ClauseCoverage> coverageByClause(const QList<TestCaseInfo> &testCases) {
    QMap<QString, QList<ClauseCoverage>> byDocument;
    for (const TestCaseInfo &tc : testCases) {
        for (const SpecReference &ref : tc.references) {
            QList<ClauseCoverage> &clauses = byDocument[ref.document];
            auto it = std::find_if(clauses.begin(), clauses.end(),
                                   [&](const ClauseCoverage &c) { return c.clause == ref.clause; });
            if (it == clauses.end()) {
                clauses.append({ref.document, ref.clause, {tc.id}});
            } else if (!it->testCases.contains(tc.id)) {
                it->testCases.append(tc.id);
            }
        }
    }
    QList<ClauseCoverage> out;
    for (auto it = byDocument.begin(); it != byDocument.end(); ++it) {
        std::sort(it->begin(), it->end(), [](const ClauseCoverage &a, const ClauseCoverage &b) {
            return clauseLess(a.clause, b.clause);
        });
        out.append(*it);
    }
    return out;
}

QString traceabilityText(const QList<TestCaseInfo> &testCases) {
    int idWidth = 9;
    int tpWidth = 12;
    for (const TestCaseInfo &tc : testCases) {
        idWidth = std::max(idWidth, static_cast<int>(tc.id.size()));
        tpWidth = std::max(tpWidth, static_cast<int>(tc.purpose.size()));
    }
    QString out = QStringLiteral("%1  %2  %3\n")
                      .arg(QStringLiteral("TEST CASE"), -idWidth)
                      .arg(QStringLiteral("TEST PURPOSE"), -tpWidth)
                      .arg(QStringLiteral("REFERENCES"));
    for (const TestCaseInfo &tc : testCases) {
        QStringList refs;
        for (const SpecReference &r : tc.references) {
            refs.append(r.document + QLatin1Char(' ') + r.clause);
        }
        out += QStringLiteral("%1  %2  %3\n")
                   .arg(tc.id, -idWidth)
                   .arg(tc.purpose, -tpWidth)
                   .arg(refs.join(QStringLiteral("; ")));
    }
    out += QStringLiteral("\nDOCUMENT / CLAUSE -> TEST CASES\n");
    QString document;
    for (const ClauseCoverage &c : coverageByClause(testCases)) {
        if (c.document != document) {
            document = c.document;
            out += document + QLatin1Char('\n');
        }
        out += QStringLiteral("  %1  %2\n")
                   .arg(c.clause, -24)
                   .arg(c.testCases.join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace m2mbench::runner
