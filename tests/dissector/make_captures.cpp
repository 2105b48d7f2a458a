// SPDX-License-Identifier: Apache-2.0
// Writes the hand-made sample captures of dissector/tests/data (regenerate.sh runs it):
//     dissector_sample_captures OUTDIR
// mid-samples.pcapng: CoAP, PANA and the spec violations the plugin reports;
// records.pcapng, records-keys.pcapng: every kind of bench record (key values masked, shown);
// tls-live.pcapng (+ tls-keys.log): a TLS-PSK mId exchange captured live (needs capture rights).
#include "tests/dissector/mid_samples.h"
#include "tests/dissector/tls_session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace m2mbench;

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: dissector_sample_captures OUTDIR\n");
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    for (auto ok :
         {test::writeSampleCapture(out.filePath(QStringLiteral("mid-samples.pcapng"))),
          test::writeRecordCapture(out.filePath(QStringLiteral("records.pcapng")), false),
          test::writeRecordCapture(out.filePath(QStringLiteral("records-keys.pcapng")), true)}) {
        if (!ok) {
            std::fprintf(stderr, "%s\n", qPrintable(ok.error().message));
            return 3;
        }
    }
    QTemporaryDir work;
    auto tls = test::captureTlsExchange(work.path(), true);
    if (!tls) {
        std::fprintf(stderr, "no TLS capture: %s\n", qPrintable(tls.error().message));
        return 3;
    }
    for (const auto &[from, to] : {std::pair{tls->livePath, QStringLiteral("tls-live.pcapng")},
                                   std::pair{tls->keyLogPath, QStringLiteral("tls-keys.log")}}) {
        QFile::remove(out.filePath(to));
        QFile::copy(from, out.filePath(to));
        QFile::setPermissions(out.filePath(to), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                    QFileDevice::ReadGroup |
                                                    QFileDevice::ReadOther);
    }
    std::printf("wrote mid-samples.pcapng, records*.pcapng, tls-live.pcapng (TLS on port %u), "
                "tls-keys.log in %s\n",
                tls->port, qPrintable(out.absolutePath()));
    return 0;
}
