// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/runner/runner.h"
#include "core/trace/frame_index.h"
#include "core/trace/run_info.h"
#include "core/trace/trace.h"

#include <memory>

namespace m2mbench::runner {

/// JUnit XML: pass -> passed; fail -> <failure>; error -> <error>; inconc and none -> <failure>
/// naming the verdict, so that no CI ever shows them as passed. Deselected test cases are
/// <skipped> with their reason. The PIXIT items that hold keys are masked unless `showKeys`.
QByteArray junitXml(const RunSummary &summary,
                    const QString &suiteName = QStringLiteral("m2mbench"), bool showKeys = false);

/// The run as JSON: what was tested, PIXIT and PICS as applied, each verdict and reason. The
/// PIXIT items that hold keys are masked unless `showKeys`.
QByteArray summaryJson(const RunSummary &summary, bool showKeys = false);

/// The trace as text, one event a line with decoded fields indented below; key values masked.
/// Messages the live capture placed carry their frame numbers.
QByteArray traceText(const trace::Trace &trace, const trace::FrameIndex *frames = nullptr);

/// What trace.jsonl and the capture files say about the run as a whole (target, start, the
/// SUT's endpoints and sclBase path, run id).
trace::RunInfo runInfoOf(const RunSummary &summary, const trace::Trace &trace);

/// What a run adds to its reports when it was captured (docs/wireshark.md).
struct ReportExtras {
    std::shared_ptr<const trace::FrameIndex> frames; ///< links into the live capture, or null
    QString liveCapture;   ///< file name of the live pcapng, when one was made
    QString captureDir;    ///< the --pcap folder (absolute), when the run was captured
    bool showKeys = false; ///< the user asked for key values (trace.jsonl, PIXIT keys)
};

/// The verdict table the CLI prints: id, verdict, time, reason.
QString verdictTable(const RunSummary &summary);

/// Writes junit.xml, summary.json, trace.txt and trace.jsonl (the machine-readable trace that
/// `m2mbench-cli export` reads) into `dir` (created when missing); returns the paths written.
Result<QStringList> writeReports(const RunSummary &summary, const trace::Trace &trace,
                                 const QString &dir, const ReportExtras &extras = {});

} // namespace m2mbench::runner
