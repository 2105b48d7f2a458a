// SPDX-License-Identifier: Apache-2.0
// CFG_BOOT and CFG_DG through the runner: the bundled test cases against the embedded nodes, and
// MSBFs that are absent, stall after the start, or answer garbage: each ends with a verdict and a
// reason within the bootstrap timeout.
#include "core/nodes/network_thread.h"
#include "core/protocol/pana/pana_message.h"
#include "tests/runner/script_fixture.h"
#include "tests/support/printers.h"

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QThread>
#include <QUdpSocket>

using namespace m2mbench;
using namespace m2mbench::runner;

namespace {

constexpr int kBootTimeoutMs = 1500;

/// A PANA peer on its own thread that misbehaves in one way.
class FakeMsbf {
public:
    enum class Behaviour { Silent, StallAfterStart, Garbage };

    explicit FakeMsbf(Behaviour behaviour)
        : m_behaviour(behaviour) {
        m_thread.invoke([this] { start(); });
    }

    ~FakeMsbf() {
        m_thread.invoke([this] { delete m_socket; });
    }

    [[nodiscard]] quint16 port() const { return m_port; }

private:
    void start() {
        m_socket = new QUdpSocket();
        m_socket->bind(QHostAddress::LocalHost, 0);
        m_port = m_socket->localPort();
        QObject::connect(m_socket, &QUdpSocket::readyRead, m_socket, [this] {
            while (m_socket->hasPendingDatagrams()) {
                const QNetworkDatagram d = m_socket->receiveDatagram();
                if (m_behaviour == Behaviour::Garbage) {
                    m_socket->writeDatagram(QByteArray("HTTP/1.1 200 OK\r\n\r\n"),
                                            d.senderAddress(), d.senderPort());
                } else if (m_behaviour == Behaviour::StallAfterStart && !m_answered) {
                    m_answered = true;
                    pana::Message par;
                    par.type = pana::MessageType::Auth;
                    par.flags = pana::Flag::Request | pana::Flag::Start;
                    par.sessionId = 0x1234;
                    par.seq = 77;
                    par.avps = {pana::Avp::u32(pana::AvpCode::PrfAlgorithm, 2),
                                pana::Avp::u32(pana::AvpCode::IntegrityAlgorithm, 7)};
                    m_socket->writeDatagram(par.encode(), d.senderAddress(), d.senderPort());
                }
            }
        });
    }

    Behaviour m_behaviour;
    nodes::NetworkThread m_thread{QStringLiteral("fake-msbf")};
    QUdpSocket *m_socket = nullptr;
    quint16 m_port = 0;
    bool m_answered = false;
};

struct Outcome {
    Verdict verdict = Verdict::None;
    QString reason;
    qint64 elapsedMs = 0;
};

Outcome runOne(const QString &id, const QStringList &overrides, const QString &target = {}) {
    trace::Trace trace;
    RunOptions options;
    options.only = {id};
    options.target = target;
    options.pixitOverrides = overrides;
    QElapsedTimer timer;
    timer.start();
    const RunSummary s =
        test::runSuite({test::sourceDir() + QStringLiteral("/testcases")}, trace, options);
    Outcome o;
    o.elapsedMs = timer.elapsed();
    if (s.results.size() == 1) {
        o.verdict = s.results.first().verdict;
        o.reason = s.results.first().reason;
    }
    return o;
}

QStringList against(quint16 port) {
    return {QStringLiteral("PX_MSBF_ADDRESS=127.0.0.1:%1").arg(port),
            QStringLiteral("PX_MAS_ADDRESS=-"),
            QStringLiteral("PX_BOOT_TIMEOUT_MS=%1").arg(kBootTimeoutMs)};
}

} // namespace

TEST(BootConfiguration, EveryBundledBootAndDgTestCasePassesAgainstTheEmbeddedNodes) {
    trace::Trace trace;
    RunOptions options;

    const RunSummary s =
        test::runSuite({test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/boot"),
                        test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/dg")},
                       trace, options);

    ASSERT_GE(s.results.size(), 20);
    for (const TestResult &r : s.results) {
        EXPECT_EQ(r.verdict, Verdict::Pass)
            << r.info.id.toStdString() << ": " << r.reason.toStdString();
    }
}

TEST(BootConfiguration, AnMsbfThatNeverAnswersIsInconclusive) {
    FakeMsbf msbf(FakeMsbf::Behaviour::Silent);

    const Outcome o = runOne(QStringLiteral("TC_BOOT_001"), against(msbf.port()));

    EXPECT_EQ(o.verdict, Verdict::Inconc) << o.reason.toStdString();
    EXPECT_TRUE(o.reason.contains(QLatin1String("never answered"))) << o.reason.toStdString();
    EXPECT_LT(o.elapsedMs, kBootTimeoutMs + 4000);
}

TEST(BootConfiguration, AnMsbfThatStallsAfterTheStartFails) {
    FakeMsbf msbf(FakeMsbf::Behaviour::StallAfterStart);

    const Outcome o = runOne(QStringLiteral("TC_BOOT_001"), against(msbf.port()));

    EXPECT_EQ(o.verdict, Verdict::Fail) << o.reason.toStdString();
    EXPECT_TRUE(o.reason.contains(QLatin1String("no decision"))) << o.reason.toStdString();
    EXPECT_LT(o.elapsedMs, kBootTimeoutMs + 4000);
}

TEST(BootConfiguration, AnMsbfThatAnswersGarbageFails) {
    FakeMsbf msbf(FakeMsbf::Behaviour::Garbage);

    const Outcome o = runOne(QStringLiteral("TC_BOOT_001"), against(msbf.port()));

    EXPECT_EQ(o.verdict, Verdict::Fail) << o.reason.toStdString();
    EXPECT_LT(o.elapsedMs, kBootTimeoutMs + 4000);
}

TEST(BootConfiguration, ARunAgainstAnNsclDeselectsTheBootstrapWithTheReason) {
    trace::Trace trace;
    RunOptions options;
    options.target = QStringLiteral("http://127.0.0.1:1/m2m");
    options.only = {QStringLiteral("TC_BOOT_001"), QStringLiteral("TC_DG_BOOT_001")};

    const RunSummary s =
        test::runSuite({test::sourceDir() + QStringLiteral("/testcases")}, trace, options);

    EXPECT_TRUE(s.results.isEmpty());
    int notApplicable = 0;
    for (const Deselected &d : s.deselected) {
        if (d.info.id == u"TC_BOOT_001" || d.info.id == u"TC_DG_BOOT_001") {
            ++notApplicable;
            EXPECT_TRUE(d.reason.startsWith(QLatin1String("not applicable")))
                << d.reason.toStdString();
        }
    }
    EXPECT_EQ(notApplicable, 2);
}

TEST(BootConfiguration, ADeviceThatNeverStartsIsInconclusive) {
    QUdpSocket nobody;
    nobody.bind(QHostAddress::LocalHost, 0);

    const Outcome o =
        runOne(QStringLiteral("TC_DG_BOOT_001"),
               {QStringLiteral("PX_DG_DEVICE_ADDRESS=wait"), QStringLiteral("PX_DG_WAIT_MS=800")});

    EXPECT_EQ(o.verdict, Verdict::Inconc) << o.reason.toStdString();
    EXPECT_TRUE(o.reason.contains(QLatin1String("started no bootstrap"))) << o.reason.toStdString();
}
