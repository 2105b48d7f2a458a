// SPDX-License-Identifier: Apache-2.0
// Two Diameter peer connections over TCP on 127.0.0.1, in this process: the capabilities
// exchange, then DPR/DPA from either side (RFC 6733 section 5.4), and a DPR nobody answers.
#include "core/protocol/diameter/diameter_peer.h"
#include "tests/support/printers.h"
#include "tests/support/wait.h"

#include <gtest/gtest.h>

#include <QTcpServer>
#include <QTcpSocket>

#include <memory>
#include <optional>

using namespace m2mbench;
using namespace m2mbench::diameter;

namespace {

LocalPeer localPeer(const QString &host) {
    LocalPeer p;
    p.originHost = host;
    p.originRealm = QStringLiteral("m2mbench.test");
    return p;
}

/// The MAS's side accepts, an NSCL's side connects; both record how they closed.
class DiameterPair {
public:
    DiameterPair() {
        EXPECT_TRUE(m_server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            if (socket == nullptr || mas) {
                delete socket;
                return;
            }
            mas = std::make_unique<PeerConnection>(localPeer(QStringLiteral("mas.m2mbench.test")),
                                                   socket);
            watch(*mas, masClosed);
        });
        nscl = std::make_unique<PeerConnection>(localPeer(QStringLiteral("nscl.m2mbench.test")));
        watch(*nscl, nsclClosed);
        nscl->connectTo(QStringLiteral("127.0.0.1"), m_server.serverPort(), 3000);
    }

    bool bothOpen() const { return mas && mas->isOpen() && nscl->isOpen(); }
    bool bothClosed() const { return masClosed && nsclClosed; }

    std::optional<QString> masClosed; // before the connections: they write here until they go
    std::optional<QString> nsclClosed;
    std::unique_ptr<PeerConnection> mas;
    std::unique_ptr<PeerConnection> nscl;

private:
    static void watch(PeerConnection &c, std::optional<QString> &into) {
        QObject::connect(&c, &PeerConnection::closed, &c,
                         [&into](const QString &why) { into = why; });
    }

    QTcpServer m_server;
};

} // namespace

TEST(DiameterPeer, MasInitiatedDisconnectEndsOnTheDpa) {
    DiameterPair pair;
    ASSERT_TRUE(test::waitUntil([&] { return pair.bothOpen(); }, 5000));

    pair.mas->disconnect(0);

    ASSERT_TRUE(test::waitUntil([&] { return pair.bothClosed(); }, 5000));
    EXPECT_EQ(pair.mas->state(), PeerConnection::State::Closed);
    EXPECT_TRUE(pair.masClosed->contains(QLatin1String("DPA received")))
        << pair.masClosed->toStdString();
    EXPECT_TRUE(pair.nsclClosed->contains(QLatin1String("the peer disconnected (DPR, "
                                                        "Disconnect-Cause 0)")))
        << pair.nsclClosed->toStdString();
}

TEST(DiameterPeer, PeerInitiatedDisconnectIsAnsweredWithADpa) {
    DiameterPair pair;
    ASSERT_TRUE(test::waitUntil([&] { return pair.bothOpen(); }, 5000));

    pair.nscl->disconnect(2); // DO_NOT_WANT_TO_TALK_TO_YOU

    ASSERT_TRUE(test::waitUntil([&] { return pair.bothClosed(); }, 5000));
    EXPECT_TRUE(pair.nsclClosed->contains(QLatin1String("DPA received")))
        << pair.nsclClosed->toStdString();
    EXPECT_TRUE(pair.masClosed->contains(QLatin1String("the peer disconnected (DPR, "
                                                       "Disconnect-Cause 2)")))
        << pair.masClosed->toStdString();
}

TEST(DiameterPeer, ADprWithoutAnswerClosesAfterTheWait) {
    DiameterPair pair;
    ASSERT_TRUE(test::waitUntil([&] { return pair.bothOpen(); }, 5000));
    // The MAS side stops reading: its socket no longer tells it that anything arrived.
    auto *socket = pair.mas->findChild<QTcpSocket *>();
    ASSERT_NE(socket, nullptr);
    socket->blockSignals(true);

    pair.nscl->disconnect(0);

    ASSERT_TRUE(test::waitUntil([&] { return pair.nsclClosed.has_value(); }, 5000));
    EXPECT_TRUE(pair.nsclClosed->contains(QLatin1String("no DPA within")))
        << pair.nsclClosed->toStdString();
    EXPECT_FALSE(pair.masClosed.has_value());
}
