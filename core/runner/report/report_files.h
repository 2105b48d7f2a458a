// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/report/report_data.h"
#include "core/runner/runner.h"
#include "core/trace/pdu_export.h"

namespace m2mbench::runner::report {

/// The run as a RunSummary, so that the JUnit and JSON writers serve journal runs too.
RunSummary summaryOf(const ReportData &data);

/// The journal's record of the run as JSON: run, test cases, events (raw bytes in base64; key
/// values masked unless the identity says to show them).
QByteArray journalExtract(const ReportData &data);

/// The application-level capture of a journaled run (docs/wireshark.md): its messages as
/// exported PDUs and its records as etsim2m PDUs, the SUT's endpoints taken from the target.
/// With `showKeys`, the key values and the TLS/DTLS secrets the run recorded (as the key log to
/// embed); otherwise both stay out.
trace::ExportInput exportInputOf(const RunRecord &run, std::vector<trace::Event> events,
                                 bool showKeys);

/// Writes the PDF report (QTextDocument on a QPdfWriter). Needs a QGuiApplication.
Result<void> writePdf(const ReportData &data, const QString &path);

/// What `m2mbench-cli report` writes.
struct ReportOutputs {
    /// report.html, report.pdf, junit.xml, summary.json, run.json, export.pcapng (the run's
    /// messages and records, rebuilt from the journal) and, with the keys shown, keys.log
    QString dir;
    QString bundle;         ///< a .tar holding all of it plus `extraFiles`; empty for none
    QStringList extraFiles; ///< e.g. the run's pcapng and key log
    bool pdf = true;
};

/// Writes every report of the run; returns the files written.
Result<QStringList> writeRunReports(const ReportData &data, const ReportOutputs &outputs);

/// A POSIX ustar archive of the files, each stored under its name without folders.
Result<void> writeTar(const QString &archive, const QStringList &files);

} // namespace m2mbench::runner::report
