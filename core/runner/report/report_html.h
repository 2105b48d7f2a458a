// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/report/report_data.h"

namespace m2mbench::runner::report {

/// How the HTML is meant to be read.
enum class HtmlFlavor {
    Browser, ///< self-contained, charts inline as SVG
    Print,   ///< the subset QTextDocument lays out for the PDF; charts are images named
             ///< "msc:<test case id>" that the PDF writer provides
};

/// A protocol conformance test report structured after ISO/IEC 9646-6 / ITU-T X.294: the
/// identification of the SUT, the laboratory, the bench and its profile; PICS and PIXIT as
/// applied; static and dynamic conformance summaries; each test case with its verdict, reason,
/// spec references and chart; observations.
QString reportHtml(const ReportData &data, HtmlFlavor flavor);

/// The ids of the test cases whose chart the Print flavor shows as an image.
QStringList printedCharts(const ReportData &data);

} // namespace m2mbench::runner::report
