// SPDX-License-Identifier: Apache-2.0
#include "core/runner/report/report_data.h"

#include <algorithm>

namespace m2mbench::runner::report {

std::vector<trace::Event> ReportData::eventsOf(const JournalTestCase &tc) const {
    std::vector<trace::Event> out;
    if (tc.firstSeq == 0) {
        return out;
    }
    const quint64 last = tc.lastSeq != 0 ? tc.lastSeq : ~quint64(0);
    auto it = std::lower_bound(events.begin(), events.end(), tc.firstSeq,
                               [](const trace::Event &e, quint64 seq) { return e.seq < seq; });
    for (; it != events.end() && it->seq <= last; ++it) {
        out.push_back(*it);
    }
    return out;
}

QMap<Verdict, int> ReportData::verdictCounts() const {
    QMap<Verdict, int> counts;
    for (const JournalTestCase &tc : testCases) {
        if (tc.state == JournalTestCase::State::Done ||
            tc.state == JournalTestCase::State::Interrupted) {
            ++counts[tc.verdict];
        }
    }
    return counts;
}

Verdict ReportData::overall() const {
    Verdict v = Verdict::None;
    for (const JournalTestCase &tc : testCases) {
        if (tc.state == JournalTestCase::State::Done) {
            v = worse(v, tc.verdict);
        } else if (tc.state == JournalTestCase::State::Interrupted) {
            v = worse(v, Verdict::Inconc);
        }
    }
    return v;
}

Result<ReportData> loadReportData(Journal &journal, qint64 runId, const ReportIdentity &identity) {
    ReportData d;
    d.identity = identity;
    auto run = journal.run(runId);
    if (!run) {
        return fail(run.error());
    }
    d.run = *run;
    auto tcs = journal.testCases(runId);
    if (!tcs) {
        return fail(tcs.error());
    }
    d.testCases = *tcs;
    auto events = journal.events(runId);
    if (!events) {
        return fail(events.error());
    }
    d.events = std::move(*events);
    return d;
}

QString html(const QString &text) {
    return text.toHtmlEscaped();
}

} // namespace m2mbench::runner::report
