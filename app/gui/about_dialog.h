// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

class QWidget;

namespace m2mbench::gui {

/// The About text: what the bench is and the versions of Qt, OpenSSL and QCustomPlot it runs
/// with, which a lab quotes in its test report.
QString aboutText();

void showAboutDialog(QWidget *parent);

} // namespace m2mbench::gui
