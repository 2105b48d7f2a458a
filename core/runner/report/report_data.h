// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/journal.h"

#include <vector>

namespace m2mbench::runner::report {

/// Who and what a report is about, beyond what the journal recorded.
struct ReportIdentity {
    QString lab;           ///< the test laboratory
    QString sutName;       ///< the product as the lab names it
    QString sutVersion;    ///< hardware/software version of the product
    bool showKeys = false; ///< key values in clear (the lab asked); masked otherwise
};

/// Everything a report shows of one run, read from the journal.
struct ReportData {
    RunRecord run;
    QList<JournalTestCase> testCases;
    std::vector<trace::Event> events;
    ReportIdentity identity;

    /// The events of one test case (between its first and last sequence numbers).
    [[nodiscard]] std::vector<trace::Event> eventsOf(const JournalTestCase &tc) const;
    /// Counts of each verdict among the test cases that ran.
    [[nodiscard]] QMap<Verdict, int> verdictCounts() const;
    /// The worst verdict of the run.
    [[nodiscard]] Verdict overall() const;
};

Result<ReportData> loadReportData(Journal &journal, qint64 runId, const ReportIdentity &identity);

/// Escapes text for HTML.
QString html(const QString &text);

} // namespace m2mbench::runner::report
