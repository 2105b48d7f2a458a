// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/testcase.h"

#include <QList>

namespace m2mbench::runner {

/// One clause of a document and the test cases that trace to it.
struct ClauseCoverage {
    QString document;
    QString clause;
    QStringList testCases;
};

/// Every clause the test cases reference, in document then clause order (9.3.2.6 before
/// 9.3.2.10), each with its test cases: what a lab reads to see what is covered.
QList<ClauseCoverage> coverageByClause(const QList<TestCaseInfo> &testCases);

/// The two tables as text: test case -> test purpose -> clauses, and clause -> test cases.
QString traceabilityText(const QList<TestCaseInfo> &testCases);

/// Orders clause numbers numerically per component ("9.3.2.10" after "9.3.2.9").
bool clauseLess(const QString &a, const QString &b);

} // namespace m2mbench::runner
