// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/runner/runner.h"
#include "core/trace/trace.h"

namespace m2mbench::runner {

/// JUnit XML: pass -> passed; fail -> <failure>; error -> <error>; inconc and none -> <failure>
/// naming the verdict, so that no CI ever shows them as passed. Deselected test cases are
/// <skipped> with their reason.
QByteArray junitXml(const RunSummary &summary,
                    const QString &suiteName = QStringLiteral("m2mbench"));

/// The run as JSON: what was tested, PIXIT and PICS as applied, each verdict and reason.
QByteArray summaryJson(const RunSummary &summary);

/// The trace as text, one event a line with decoded fields indented below; key values masked.
QByteArray traceText(const trace::Trace &trace);

/// The verdict table the CLI prints: id, verdict, time, reason.
QString verdictTable(const RunSummary &summary);

/// Writes junit.xml, summary.json and trace.txt into `dir` (created when missing); returns the
/// paths written.
Result<QStringList> writeReports(const RunSummary &summary, const trace::Trace &trace,
                                 const QString &dir);

} // namespace m2mbench::runner
