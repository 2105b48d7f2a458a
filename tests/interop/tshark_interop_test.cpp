// SPDX-License-Identifier: Apache-2.0
// A bootstrap written as a pcap (the device's datagrams from the trace, synthetic Ethernet/IPv4/
// UDP headers with the real addresses and ports) must dissect in tshark as PANA carrying EAP and
// TLS, with no malformed packet and no error-level expert item; with the bench's key log, the
// TLS 1.3 handshake decrypts.
#include "core/protocol/pana/udp_pcap.h"
#include "tests/interop/interop_support.h"
#include "tests/nodes/boot_bed.h"
#include "tests/support/printers.h"

#include <QMutex>

#include <iostream>

using namespace m2mbench;
using namespace m2mbench::test;

namespace {

/// The device's own view of the exchange: what it sent and what it received.
QList<pana::UdpDatagram> deviceDatagrams(const trace::Trace &trace, quint16 devicePort,
                                         quint16 msbfPort) {
    QList<pana::UdpDatagram> out;
    const QHostAddress local(QHostAddress::LocalHost);
    for (const trace::Event &e : trace.since(0)) {
        const bool sent = e.kind == trace::EventKind::MessageSent && e.from == u"D/G node";
        const bool received = e.kind == trace::EventKind::MessageReceived && e.to == u"D/G node";
        if (e.protocol != u"PANA" || (!sent && !received)) {
            continue;
        }
        out.append(pana::UdpDatagram{local, sent ? devicePort : msbfPort, local,
                                     sent ? msbfPort : devicePort, e.raw, e.wallTime});
    }
    return out;
}

QString runTshark(const QString &tshark, const QStringList &args) {
    QString launcher;
    const QStringList full = unprivileged(tshark, args, &launcher);
    Tool t;
    EXPECT_TRUE(t.start(launcher, full));
    const int code = t.finish(60000);
    EXPECT_EQ(code, 0) << t.output().right(2000).toStdString();
    return t.output();
}

} // namespace

TEST(TsharkInterop, ABootstrapCaptureDecodesAsPanaWithEapAndTlsCleanly) {
    const QString tshark = findTool(QStringLiteral("tshark"));
    if (tshark.isEmpty()) {
        GTEST_SKIP()
            << missingToolMessage(QStringLiteral("tshark"), QStringLiteral("tshark")).toStdString();
    }
    if (::geteuid() == 0 && findTool(QStringLiteral("setpriv")).isEmpty()) {
        GTEST_SKIP() << "SKIPPED: running as root without setpriv to drop privileges for tshark";
    }
    BootBed bed;
    bed.startMsbf();
    auto keyLog = std::make_shared<QByteArray>();
    auto mutex = std::make_shared<QMutex>();
    QList<pana::UdpDatagram> datagrams;
    for (const int version : {0x0303, 0x0304}) {
        nodes::DeviceBootstrapConfig c = bed.deviceConfig();
        c.tlsMinVersion = c.tlsMaxVersion = version;
        c.keyLog = [keyLog, mutex](const QByteArray &line) {
            QMutexLocker lock(mutex.get());
            keyLog->append(line + '\n');
        };
        bed.trace.append(trace::Event::log(QStringLiteral("test"), QStringLiteral("next")));
        const quint64 from = bed.trace.size();
        const nodes::BootstrapResult r = bed.bootstrap(c);
        ASSERT_EQ(r.outcome, nodes::BootstrapResult::Outcome::Bootstrapped)
            << r.reason.toStdString();
        const quint16 devicePort = bed.net.invoke([&] { return bed.device->localPort(); });
        trace::Trace part;
        for (const trace::Event &e : bed.trace.since(from)) {
            part.append(e);
        }
        datagrams += deviceDatagrams(part, devicePort, bed.msbfPort);
    }
    // tshark runs unprivileged: the folder and files must be readable by everyone.
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                          QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup |
                                          QFile::ExeGroup);
    const QString pcap = dir.filePath(QStringLiteral("bootstrap.pcap"));
    const QString keys = dir.filePath(QStringLiteral("keys.log"));
    ASSERT_TRUE(pana::writePcap(pcap, datagrams));
    QFile::setPermissions(pcap, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther |
                                    QFile::ReadGroup);
    writeFile(keys, *keyLog);
    const QStringList decodeAs{QStringLiteral("-d"),
                               QStringLiteral("udp.port==%1,pana").arg(bed.msbfPort),
                               QStringLiteral("-o"), QStringLiteral("tls.keylog_file:") + keys};

    const QString expert =
        runTshark(tshark, QStringList{QStringLiteral("-r"), pcap} + decodeAs +
                              QStringList{QStringLiteral("-q"), QStringLiteral("-z"),
                                          QStringLiteral("expert")});
    const QString protocols =
        runTshark(tshark, QStringList{QStringLiteral("-r"), pcap} + decodeAs +
                              QStringList{QStringLiteral("-T"), QStringLiteral("fields"),
                                          QStringLiteral("-e"), QStringLiteral("frame.protocols")});
    const QString verbose = runTshark(tshark, QStringList{QStringLiteral("-r"), pcap} + decodeAs +
                                                  QStringList{QStringLiteral("-V")});

    EXPECT_FALSE(expert.contains(QLatin1String("Errors ("))) << expert.toStdString();
    EXPECT_FALSE(expert.contains(QLatin1String("Malformed"))) << expert.toStdString();
    EXPECT_FALSE(verbose.contains(QLatin1String("Malformed Packet")));
    EXPECT_TRUE(protocols.contains(QLatin1String("pana:eap:tls"))) << protocols.toStdString();
    EXPECT_EQ(protocols.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), datagrams.size());
    for (const QString &line : protocols.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        EXPECT_TRUE(line.contains(QLatin1String(":pana")))
            << "not dissected as PANA: " << line.toStdString();
    }
    EXPECT_TRUE(verbose.contains(QLatin1String("Certificate Verify")))
        << "the key log did not decrypt TLS 1.3";
    std::cout << "[interop] tshark -z expert on " << datagrams.size() << " frames: "
              << (expert.trimmed().isEmpty() ? std::string("no expert items")
                                             : expert.trimmed().toStdString())
              << "\n";
}
