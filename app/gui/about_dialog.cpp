// SPDX-License-Identifier: Apache-2.0
#include "app/gui/about_dialog.h"

#include <QMessageBox>
#include <openssl/crypto.h>
#include <qcustomplot.h>

namespace m2mbench::gui {

QString aboutText() {
    return QObject::tr("<h3>M2M Bench %1</h3>"
                       "<p>Conformance and interoperability test bench for the ETSI M2M service "
                       "layer (ETSI TS 102 690, TS 102 921).</p>"
                       "<table>"
                       "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
                       "<tr><td>OpenSSL</td><td>%4</td></tr>"
                       "<tr><td>QCustomPlot</td><td>%5</td></tr>"
                       "</table>"
                       "<p>Licensed under the Apache License 2.0.</p>")
        .arg(QStringLiteral(M2MBENCH_VERSION), QString::fromLatin1(qVersion()),
             QStringLiteral(QT_VERSION_STR), QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)),
             QStringLiteral(QCUSTOMPLOT_VERSION_STR));
}

void showAboutDialog(QWidget *parent) {
    QMessageBox::about(parent, QObject::tr("About M2M Bench"), aboutText());
}

} // namespace m2mbench::gui
