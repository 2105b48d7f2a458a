// SPDX-License-Identifier: Apache-2.0
// The device emulator bootstraps through the MSBF in pass-through mode; the EAP server is hostapd
// (driver=none, eap_server=1, its RADIUS server on a free port of 127.0.0.1). The MSK the device
// derived must be the one hostapd derived (its -K debug line) and the one the MSBF received in
// the MS-MPPE keys (both sides' Kmr equal).
#include "core/common/hex.h"
#include "tests/interop/interop_support.h"
#include "tests/nodes/boot_bed.h"
#include "tests/support/printers.h"

#include <iostream>

using namespace m2mbench;
using namespace m2mbench::test;

namespace {

const QByteArray kSecret("hostapd-radius-secret");

/// The n-th (0-based) MSK hostapd printed with -K, or empty.
QByteArray hostapdMsk(const QString &log, int n) {
    int seen = 0;
    for (const QString &line : log.split(QLatin1Char('\n'))) {
        if (line.contains(QLatin1String("EAP-TLS: Derived key - hexdump(len=64):")) &&
            seen++ == n) {
            return fromHex(line.section(QStringLiteral("):"), 1).trimmed()).value_or(QByteArray());
        }
    }
    return {};
}

} // namespace

TEST(HostapdInterop, DeviceBootstrapsThroughTheMsbfToHostapdWithTheSameMsk) {
    const QString hostapd = findTool(QStringLiteral("hostapd"));
    if (hostapd.isEmpty()) {
        GTEST_SKIP() << missingToolMessage(QStringLiteral("hostapd"), QStringLiteral("hostapd"))
                            .toStdString();
    }
    QTemporaryDir dir;
    const BootPki &pki = BootPki::get();
    writeFile(dir.filePath(QStringLiteral("ca.pem")), pki.ca.certificatePem);
    writeFile(dir.filePath(QStringLiteral("server.pem")), pki.msbf.certificatePem);
    writeFile(dir.filePath(QStringLiteral("server.key")), pki.msbf.privateKeyPem.exposeBytes(),
              QFile::ReadOwner | QFile::WriteOwner);
    writeFile(dir.filePath(QStringLiteral("eap_user")), "* TLS\n");
    writeFile(dir.filePath(QStringLiteral("clients")), "127.0.0.1/32 " + kSecret + "\n");
    const quint16 port = freeUdpPort();
    writeFile(dir.filePath(QStringLiteral("hostapd.conf")),
              QStringLiteral(
                  "driver=none\ninterface=m2mbench-as\nlogger_stdout=-1\nlogger_stdout_level=0\n"
                  "eap_server=1\neap_user_file=%1/eap_user\nradius_server_clients=%1/clients\n"
                  "radius_server_auth_port=%2\nca_cert=%1/ca.pem\nserver_cert=%1/server.pem\n"
                  "private_key=%1/server.key\ntls_flags=[ENABLE-TLSv1.3]\n")
                  .arg(dir.path())
                  .arg(port)
                  .toUtf8());
    Tool as;
    ASSERT_TRUE(as.start(hostapd, {QStringLiteral("-dd"), QStringLiteral("-K"),
                                   dir.filePath(QStringLiteral("hostapd.conf"))}));
    ASSERT_TRUE(as.waitForText(QStringLiteral("Setup of interface done"), 8000))
        << as.output().right(2000).toStdString();
    BootBed bed;
    nodes::MsbfConfig front;
    front.aaa = radius::ClientConfig{QHostAddress::LocalHost, port, kSecret, 3000, 2};
    bed.startMsbf(front);
    int run = 0;
    for (const int version : {0x0303, 0x0304}) {
        nodes::DeviceBootstrapConfig c = bed.deviceConfig();
        c.tlsMinVersion = c.tlsMaxVersion = version;

        const nodes::BootstrapResult r = bed.bootstrap(c, 15000);

        ASSERT_EQ(r.outcome, nodes::BootstrapResult::Outcome::Bootstrapped)
            << r.reason.toStdString() << "\n"
            << as.output().right(3000).toStdString();
        EXPECT_EQ(r.kmrSource, QStringLiteral("MSK"));
        EXPECT_EQ(r.tlsVersion,
                  version == 0x0303 ? QStringLiteral("TLS 1.2") : QStringLiteral("TLS 1.3"));
        ASSERT_TRUE(as.waitForCount(QStringLiteral("EAP-TLS: Derived key"), run + 1, 3000));
        const QByteArray theirs = hostapdMsk(as.output(), run++);
        ASSERT_EQ(theirs.size(), 64) << "hostapd printed no MSK for this run";
        EXPECT_EQ(r.msk.value.exposeBytes(), theirs) << "the device's MSK must be hostapd's";
        ASSERT_TRUE(bed.msbfWait([](const nodes::MsbfSessionInfo &i) {
            return i.outcome == nodes::MsbfSessionInfo::Outcome::Bootstrapped;
        }));
        EXPECT_TRUE(bed.msbfInfo()->kmr.value.equals(r.kmr.value))
            << "the MSBF's Kmr from the MS-MPPE keys";
        std::cout << "[interop] " << r.tlsVersion.toStdString() << ": device MSK "
                  << toHex(r.msk.value.exposeBytes().left(8)).toStdString()
                  << "...; hostapd: EAP-TLS: Derived key - hexdump(len=64): "
                  << toHex(theirs.left(8)).toStdString() << "...\n";
    }
}
