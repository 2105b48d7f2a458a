// SPDX-License-Identifier: Apache-2.0
// eapol_test (wpa_supplicant's EAP peer with a RADIUS client) authenticates with EAP-TLS against
// the MSBF's RADIUS front end: it must print "MPPE keys OK: 1  mismatch: 0" (its own MSK equals
// the MS-MPPE keys of our Access-Accept) and SUCCESS, with TLS 1.2 and TLS 1.3; a certificate of
// an untrusted CA must end in FAILURE.
#include "tests/interop/interop_support.h"
#include "tests/nodes/boot_bed.h"
#include "tests/support/printers.h"

#include <iostream>

using namespace m2mbench;
using namespace m2mbench::test;

namespace {

const QByteArray kSecret("front-end-secret");

struct EapolRun {
    int exitCode = -1;
    QString output;
};

EapolRun eapolTest(const QString &program, QTemporaryDir &dir, quint16 port, bool tls13,
                   const crypto::Credential &device) {
    writeFile(dir.filePath(QStringLiteral("device.pem")), device.certificatePem);
    writeFile(dir.filePath(QStringLiteral("device.key")), device.privateKeyPem.exposeBytes(),
              QFile::ReadOwner | QFile::WriteOwner);
    writeFile(
        dir.filePath(QStringLiteral("eapol.conf")),
        QStringLiteral(
            "network={\n key_mgmt=IEEE8021X\n eap=TLS\n identity=\"%1\"\n ca_cert=\"%2/ca.pem\"\n"
            " client_cert=\"%2/device.pem\"\n private_key=\"%2/device.key\"\n eapol_flags=0\n%3}\n")
            .arg(BootPki::get().identity, dir.path(),
                 tls13 ? QStringLiteral(" phase1=\"tls_disable_tlsv1_3=0\"\n") : QString())
            .toUtf8());
    Tool tool;
    EXPECT_TRUE(
        tool.start(program, {QStringLiteral("-c"), dir.filePath(QStringLiteral("eapol.conf")),
                             QStringLiteral("-a"), QStringLiteral("127.0.0.1"),
                             QStringLiteral("-p"), QString::number(port), QStringLiteral("-s"),
                             QString::fromLatin1(kSecret), QStringLiteral("-r"),
                             QStringLiteral("0"), QStringLiteral("-t"), QStringLiteral("15")}));
    const int code = tool.finish(30000);
    return {code, tool.output()};
}

class EapolTestInterop : public ::testing::Test {
protected:
    void SetUp() override {
        m_program = findTool(QStringLiteral("eapol_test"));
        if (m_program.isEmpty()) {
            GTEST_SKIP() << missingToolMessage(QStringLiteral("eapol_test"),
                                               QStringLiteral("eapoltest"))
                                .toStdString();
        }
        writeFile(m_dir.filePath(QStringLiteral("ca.pem")), BootPki::get().ca.certificatePem);
        m_bed.sut.invoke([this] {
            nodes::MsbfConfig c;
            c.profile = bootProfile();
            c.credential = BootPki::get().msbf;
            c.caPem = BootPki::get().ca.certificatePem;
            c.devices = {bootDevice()};
            c.port = 0;
            m_msbf = new nodes::MsbfNode(c);
            m_port = *m_msbf->listenRadius(QHostAddress::LocalHost, 0, kSecret);
        });
    }

    void TearDown() override {
        m_bed.sut.invoke([this] { delete m_msbf; });
    }

    QString m_program;
    QTemporaryDir m_dir;
    BootBed m_bed;
    nodes::MsbfNode *m_msbf = nullptr;
    quint16 m_port = 0;
};

} // namespace

TEST_F(EapolTestInterop, Tls12MppeKeysAgree) {
    const EapolRun r = eapolTest(m_program, m_dir, m_port, false, BootPki::get().device);

    EXPECT_EQ(r.exitCode, 0) << r.output.right(3000).toStdString();
    EXPECT_TRUE(r.output.contains(QLatin1String("MPPE keys OK: 1  mismatch: 0")))
        << r.output.right(3000).toStdString();
    EXPECT_TRUE(r.output.trimmed().endsWith(QLatin1String("SUCCESS")));
    std::cout << "[interop] eapol_test TLS 1.2: "
              << lineWith(r.output, QStringLiteral("MPPE keys OK")).toStdString() << "\n";
}

TEST_F(EapolTestInterop, Tls13MppeKeysAgree) {
    const EapolRun r = eapolTest(m_program, m_dir, m_port, true, BootPki::get().device);

    EXPECT_EQ(r.exitCode, 0) << r.output.right(3000).toStdString();
    EXPECT_TRUE(r.output.contains(QLatin1String("Using TLS version TLSv1.3")))
        << "TLS 1.3 was not negotiated";
    EXPECT_TRUE(r.output.contains(QLatin1String("MPPE keys OK: 1  mismatch: 0")))
        << r.output.right(3000).toStdString();
    std::cout << "[interop] eapol_test TLS 1.3: "
              << lineWith(r.output, QStringLiteral("MPPE keys OK")).toStdString() << "\n";
}

TEST_F(EapolTestInterop, AnUntrustedCertificateIsRejected) {
    const EapolRun r = eapolTest(m_program, m_dir, m_port, false, BootPki::get().rogueDevice);

    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.output.contains(QLatin1String("Access-Reject")) ||
                r.output.contains(QLatin1String("EAP-FAILURE")))
        << r.output.right(3000).toStdString();
    EXPECT_FALSE(r.output.contains(QLatin1String("MPPE keys OK: 1")));
}
