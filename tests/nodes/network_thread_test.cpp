// SPDX-License-Identifier: Apache-2.0
// The network thread's busy polling: its window is what was asked (within bounds), and with it
// the thread's event loop still runs timers on time, serves sockets and takes posts from other
// threads, whether it is inside the window or asleep after it.
#include "core/nodes/network_thread.h"

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>
#include <future>
#include <thread>

using namespace m2mbench::nodes;

namespace {

/// Sets M2MBENCH_BUSY_POLL_US for one scope and puts back what was there.
class BusyPollEnv {
public:
    explicit BusyPollEnv(const QByteArray &value)
        : m_had(qEnvironmentVariableIsSet(kName))
        , m_old(qgetenv(kName)) {
        qputenv(kName, value);
    }
    ~BusyPollEnv() {
        if (m_had) {
            qputenv(kName, m_old);
        } else {
            qunsetenv(kName);
        }
    }
    BusyPollEnv(const BusyPollEnv &) = delete;
    BusyPollEnv &operator=(const BusyPollEnv &) = delete;

private:
    static constexpr const char *kName = "M2MBENCH_BUSY_POLL_US";
    bool m_had;
    QByteArray m_old;
};

} // namespace

TEST(NetworkThread, BusyPollsForTheWindowAskedWithinBounds) {
    EXPECT_EQ(NetworkThread(QStringLiteral("t-off"), 0).busyPollUs(), 0);
    EXPECT_EQ(NetworkThread(QStringLiteral("t-50"), 50).busyPollUs(), 50);
    EXPECT_EQ(NetworkThread(QStringLiteral("t-huge"), 1'000'000).busyPollUs(),
              NetworkThread::kMaxBusyPollUs);
    EXPECT_EQ(NetworkThread(QStringLiteral("t-neg"), -3).busyPollUs(), 0);
}

TEST(NetworkThread, TakesItsDefaultWindowFromTheEnvironment) {
    {
        BusyPollEnv env("250");
        EXPECT_EQ(NetworkThread::defaultBusyPollUs(), 250);
        EXPECT_EQ(NetworkThread().busyPollUs(), 250);
    }
    {
        BusyPollEnv env("0");
        EXPECT_EQ(NetworkThread().busyPollUs(), 0);
    }
    {
        BusyPollEnv env("-7");
        EXPECT_EQ(NetworkThread::defaultBusyPollUs(), 0);
    }
    {
        BusyPollEnv env("99999999");
        EXPECT_EQ(NetworkThread::defaultBusyPollUs(), NetworkThread::kMaxBusyPollUs);
    }
    {
        BusyPollEnv env("fast");
        EXPECT_EQ(NetworkThread::defaultBusyPollUs(), NetworkThread::kDefaultBusyPollUs);
    }
}

TEST(NetworkThread, RunsTimersSocketsAndPostsWhileBusyPolling) {
    // The longest window: a timer shorter than it, one longer, a loopback exchange and posts
    // from this thread, before and after the thread has fallen asleep.
    NetworkThread net(QStringLiteral("t-busy"), NetworkThread::kMaxBusyPollUs);
    ASSERT_EQ(net.busyPollUs(), NetworkThread::kMaxBusyPollUs)
        << "Qt's GLib event dispatcher is not in use (QT_NO_GLIB?): nothing to test";

    for (const int delayMs : {3, 40}) {
        std::promise<qint64> fired;
        QElapsedTimer clock;
        clock.start();
        net.post([&] {
            QTimer::singleShot(delayMs, net.context(), [&] { fired.set_value(clock.elapsed()); });
        });
        auto future = fired.get_future();
        ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready)
            << "a " << delayMs << " ms timer never fired";
        // Never early; "late" is only bounded loosely (a loaded machine can be slow).
        EXPECT_GE(future.get(), delayMs);
    }

    // Asleep: the window (10 ms) has long passed, a post must still wake the thread.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(net.invoke([] { return 42; }), 42);

    // A loopback echo, both ends on the thread.
    std::promise<QByteArray> echoed;
    net.post([&] {
        auto *server = new QTcpServer(net.context());
        ASSERT_TRUE(server->listen(QHostAddress::LocalHost, 0));
        QObject::connect(server, &QTcpServer::newConnection, server, [server] {
            QTcpSocket *peer = server->nextPendingConnection();
            QObject::connect(peer, &QTcpSocket::readyRead, peer,
                             [peer] { peer->write(peer->readAll()); });
        });
        auto *client = new QTcpSocket(net.context());
        QObject::connect(client, &QTcpSocket::connected, client,
                         [client] { client->write("ping"); });
        QObject::connect(client, &QTcpSocket::readyRead, client, [client, &echoed] {
            if (client->bytesAvailable() >= 4) {
                echoed.set_value(client->readAll());
            }
        });
        client->connectToHost(QHostAddress::LocalHost, server->serverPort());
    });
    auto echo = echoed.get_future();
    ASSERT_EQ(echo.wait_for(std::chrono::seconds(5)), std::future_status::ready);
    EXPECT_EQ(echo.get(), QByteArray("ping"));

    // Many round trips from another thread, each one answered.
    int answered = 0;
    for (int i = 0; i < 200; ++i) {
        answered += net.invoke([i] { return i; }) == i ? 1 : 0;
    }
    EXPECT_EQ(answered, 200);
}
