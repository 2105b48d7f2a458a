// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/report/report_data.h"
#include "core/runner/runner.h"

namespace m2mbench::runner::report {

/// The run as a RunSummary, so that the JUnit and JSON writers serve journal runs too.
RunSummary summaryOf(const ReportData &data);

/// The journal's record of the run as JSON: run, test cases, events (raw bytes in base64; key
/// values masked unless the identity says to show them).
QByteArray journalExtract(const ReportData &data);

/// Writes the PDF report (QTextDocument on a QPdfWriter). Needs a QGuiApplication.
Result<void> writePdf(const ReportData &data, const QString &path);

/// What `m2mbench-cli report` writes.
struct ReportOutputs {
    QString dir;            ///< report.html, report.pdf, junit.xml, summary.json, run.json, charts/
    QString bundle;         ///< a .tar holding all of it plus `extraFiles`; empty for none
    QStringList extraFiles; ///< e.g. the run's pcapng and key log
    bool pdf = true;
};

/// Writes every report of the run; returns the files written.
Result<QStringList> writeRunReports(const ReportData &data, const ReportOutputs &outputs);

/// A POSIX ustar archive of the files, each stored under its name without folders.
Result<void> writeTar(const QString &archive, const QStringList &files);

} // namespace m2mbench::runner::report
