// SPDX-License-Identifier: Apache-2.0
// freeDiameterd (TLS off for this peer, 127.0.0.1, free ports) connects to the bench's MAS:
// CER/CEA, then DWR/DWA both ways on a short Tw, then DPR/DPA from the MAS.
#include "core/nodes/mas/mas_node.h"
#include "core/nodes/network_thread.h"
#include "tests/interop/interop_support.h"
#include "tests/protocol/boot_pki.h"
#include "tests/support/printers.h"

#include <chrono>
#include <future>
#include <iostream>
#include <memory>

using namespace m2mbench;
using namespace m2mbench::test;

TEST(FreeDiameterInterop, MasCompletesCapabilitiesWatchdogAndDisconnect) {
    const QString fd = findTool(QStringLiteral("freeDiameterd"));
    if (fd.isEmpty()) {
        GTEST_SKIP() << missingToolMessage(QStringLiteral("freeDiameterd"),
                                           QStringLiteral("freediameter"))
                            .toStdString();
    }
    // freeDiameter insists on a TLS certificate for its own identity, even with TLS off.
    auto ca = crypto::TestPki::create(QStringLiteral("freeDiameter test CA"));
    ASSERT_TRUE(ca);
    auto fdCert = ca->issueServer(QStringLiteral("fd.m2mbench.test"));
    ASSERT_TRUE(fdCert);
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("ca.pem")), ca->caCertificatePem());
    writeFile(dir.filePath(QStringLiteral("fd.pem")), fdCert->certificatePem);
    writeFile(dir.filePath(QStringLiteral("fd.key")), fdCert->privateKeyPem.exposeBytes(),
              QFile::ReadOwner | QFile::WriteOwner);

    nodes::NetworkThread net;
    nodes::MasNode *mas = nullptr;
    quint16 masPort = 0;
    net.invoke([&] {
        nodes::MasConfig c;
        c.profile.watchdogSeconds = 6; // RFC 3539's minimum Tw, so that both sides probe soon
        c.originHost = QStringLiteral("mas.m2mbench.test");
        c.originRealm = QStringLiteral("m2mbench.test");
        mas = new nodes::MasNode(c);
        masPort = *mas->listen(QHostAddress::LocalHost, 0);
    });
    writeFile(
        dir.filePath(QStringLiteral("fd.conf")),
        QStringLiteral("Identity = \"fd.m2mbench.test\";\nRealm = \"m2mbench.test\";\nPort = "
                       "%1;\nSecPort = %2;\n"
                       "ListenOn = \"127.0.0.1\";\nNo_SCTP;\nNo_IPv6;\nTLS_Cred = \"%3/fd.pem\", "
                       "\"%3/fd.key\";\n"
                       "TLS_CA = \"%3/ca.pem\";\nTwTimer = 6;\n"
                       "LoadExtension = \"/usr/lib/freeDiameter/dbg_msg_dumps.fdx\" : \"0x0080\";\n"
                       "ConnectPeer = \"mas.m2mbench.test\" { ConnectTo = \"127.0.0.1\"; Port = "
                       "%4; No_TLS; No_SCTP; };\n")
            .arg(freeTcpPort())
            .arg(freeTcpPort())
            .arg(dir.path())
            .arg(masPort)
            .toUtf8());
    Tool peer;
    ASSERT_TRUE(peer.start(fd, {QStringLiteral("-c"), dir.filePath(QStringLiteral("fd.conf"))}));
    ASSERT_TRUE(peer.waitForText(QStringLiteral("-> 'STATE_OPEN'"), 10000))
        << peer.output().right(3000).toStdString();

    // Tw = 6 s +- 2 s: freeDiameter probes the idle connection; the MAS probes once it has
    // seen that (its own timer would not fire: the peer's DWRs are traffic, RFC 3539 3.4.1).
    QElapsedTimer t;
    t.start();
    int received = 0;
    int answered = 0;
    bool probed = false;
    while (t.elapsed() < 16000 && (received == 0 || answered == 0)) {
        QThread::msleep(200);
        std::tie(received, answered) = net.invoke([&] {
            const auto connections = mas->connections();
            if (connections.isEmpty()) {
                return std::pair{0, 0};
            }
            if (connections.first()->watchdogsReceived() > 0 && !probed) {
                probed = true;
                connections.first()->sendWatchdog();
            }
            return std::pair{connections.first()->watchdogsReceived(),
                             connections.first()->watchdogsAnswered()};
        });
    }
    EXPECT_GE(received, 1) << "no DWR from freeDiameterd was answered";
    EXPECT_GE(answered, 1) << "freeDiameterd did not answer the MAS's DWR";
    // The connection deletes itself once closed: its close reason is caught from the signal.
    auto closed = std::make_shared<std::promise<QString>>();
    auto closeReason = closed->get_future();
    net.invoke([&] {
        const auto connections = mas->connections();
        if (connections.isEmpty()) {
            closed->set_value(QStringLiteral("no connection left to disconnect"));
            return;
        }
        auto *c = connections.first();
        QObject::connect(c, &diameter::PeerConnection::closed, c,
                         [closed](const QString &why) { closed->set_value(why); });
        c->disconnect(0);
    });
    const bool disconnected =
        closeReason.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
    EXPECT_TRUE(disconnected) << "the MAS's connection did not close within 5 s of its DPR";
    const QString why = disconnected ? closeReason.get() : QString();
    EXPECT_TRUE(why.contains(QLatin1String("DPA received"))) << why.toStdString();
    QThread::msleep(500);
    peer.stop(); // freeDiameterd's output is block-buffered: read it all once it ended
    const QString log = peer.output();
    net.invoke([&] { delete mas; });

    EXPECT_TRUE(log.contains(QLatin1String("'Capabilities-Exchange-Answer'")));
    EXPECT_TRUE(log.contains(QLatin1String("'Device-Watchdog-Answer'")));
    EXPECT_TRUE(log.contains(QLatin1String("'Disconnect-Peer-Request'")));
    std::cout
        << "[interop] freeDiameterd: "
        << lineWith(log, QStringLiteral("Connected to 'mas.m2mbench.test'")).left(120).toStdString()
        << "\n[interop] freeDiameterd: "
        << lineWith(log, QStringLiteral("-> 'STATE_OPEN'")).toStdString()
        << "\n[interop] MAS: " << received << " DWR answered, " << answered
        << " DWA received, closed: " << why.toStdString() << '\n';
}
