// SPDX-License-Identifier: Apache-2.0
// Live capture on the loopback interface: needs capture privileges (the tests run as root);
// without them each test says so and skips. No traffic leaves 127.0.0.1.
#include "core/trace/live_capture.h"
#include "core/trace/pcapng_reader.h"
#include "core/trace/pcapng_writer.h"
#include "core/trace/run_capture.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QTemporaryDir>

#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace m2mbench;
using namespace m2mbench::trace;

namespace {

const QByteArray kRequest = QByteArrayLiteral("GET /m2m HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
const QByteArray kResponse = QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

/// One request and one answer over real loopback TCP, on a server thread: what a capture sees.
class LoopbackExchange {
public:
    LoopbackExchange() {
        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        ::bind(m_listener, reinterpret_cast<sockaddr *>(&a), sizeof a);
        ::listen(m_listener, 1);
        ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
    }
    ~LoopbackExchange() { ::close(m_listener); }

    [[nodiscard]] quint16 port() const { return m_port; }

    /// Sends the request, answers it, records both in `trace` as the bench's nodes do.
    void run(Trace &trace) {
        std::thread server([this] {
            const int c = ::accept(m_listener, nullptr, nullptr);
            char buf[512];
            ::recv(c, buf, sizeof buf, 0);
            ::send(c, kResponse.constData(), static_cast<size_t>(kResponse.size()), MSG_NOSIGNAL);
            ::close(c);
        });
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(m_port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        trace.append(message(EventKind::MessageSent, kRequest));
        ::send(fd, kRequest.constData(), static_cast<size_t>(kRequest.size()), MSG_NOSIGNAL);
        char buf[512];
        const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_WAITALL);
        if (n > 0) {
            trace.append(message(EventKind::MessageReceived, QByteArray(buf, n)));
        }
        ::close(fd);
        server.join();
    }

private:
    static Event message(EventKind kind, const QByteArray &raw) {
        Event e;
        e.kind = kind;
        e.from = kind == EventKind::MessageSent ? QStringLiteral("D/GSCL") : QStringLiteral("NSCL");
        e.to = kind == EventKind::MessageSent ? QStringLiteral("NSCL") : QStringLiteral("D/GSCL");
        e.protocol = QStringLiteral("HTTP");
        e.raw = raw;
        return e;
    }

    int m_listener = -1;
    quint16 m_port = 0;
};

#define SKIP_WITHOUT_CAPTURE_PRIVILEGE()                                                           \
    if (::geteuid() != 0) {                                                                        \
        GTEST_SKIP() << "live capture needs root or CAP_NET_RAW; running as uid " << ::geteuid();  \
    }

} // namespace

TEST(LiveCapture, WritesTheExchangeAndLinksEachMessageToItsFrame) {
    SKIP_WITHOUT_CAPTURE_PRIVILEGE();
    QTemporaryDir dir;
    LoopbackExchange exchange;
    Trace trace;
    auto frames = std::make_shared<FrameIndex>();
    LiveCaptureOptions options;
    options.interface = QStringLiteral("lo");
    options.filter = QStringLiteral("tcp port %1").arg(exchange.port());
    options.path = dir.filePath(QStringLiteral("live.pcapng"));
    auto capture = LiveCapture::start(options, trace, frames);
    ASSERT_TRUE(capture) << capture.error().reason.toStdString();
    (*capture)->addSecrets(QByteArrayLiteral("CLIENT_RANDOM 00 00\n"));

    exchange.run(trace);
    const auto stats = (*capture)->stop();
    const auto file = readPcapng(options.path);

    ASSERT_TRUE(stats) << stats.error().message.toStdString();
    EXPECT_EQ(stats->linkedEvents, 2u);
    EXPECT_EQ(stats->unlinkedEvents, 0u);
    ASSERT_TRUE(file);
    EXPECT_EQ(static_cast<quint64>(file->packets.size()), stats->frames);
    EXPECT_GE(file->packets.size(), 6); // handshake, request, response, close
    ASSERT_EQ(file->secrets.size(), 1);
    EXPECT_EQ(file->secrets[0].beforePacket, 0);
    const auto request = frames->find(1);
    const auto response = frames->find(2);
    ASSERT_TRUE(request && response);
    EXPECT_TRUE(file->packets[request->lastFrame - 1].data.endsWith(kRequest));
    EXPECT_TRUE(file->packets[response->lastFrame - 1].data.endsWith(kResponse));
    EXPECT_EQ(request->flow.destinationPort, exchange.port());
    EXPECT_EQ(response->flow.sourcePort, exchange.port());
}

TEST(LiveCapture, SaysWhyWhenTheInterfaceCannotBeOpened) {
    QTemporaryDir dir;
    Trace trace;
    LiveCaptureOptions options;
    options.interface = QStringLiteral("m2mb-no-such0");
    options.path = dir.filePath(QStringLiteral("live.pcapng"));

    auto capture = LiveCapture::start(options, trace, std::make_shared<FrameIndex>());

    ASSERT_FALSE(capture);
    EXPECT_TRUE(capture.error().reason.contains(QLatin1String("m2mb-no-such0")))
        << capture.error().reason.toStdString();
}

TEST(LiveCapture, RefusesAFilterLibpcapCannotCompile) {
    SKIP_WITHOUT_CAPTURE_PRIVILEGE();
    QTemporaryDir dir;
    Trace trace;
    LiveCaptureOptions options;
    options.interface = QStringLiteral("lo");
    options.filter = QStringLiteral("tcp port banana");
    options.path = dir.filePath(QStringLiteral("live.pcapng"));

    auto capture = LiveCapture::start(options, trace, std::make_shared<FrameIndex>());

    ASSERT_FALSE(capture);
    EXPECT_TRUE(capture.error().reason.contains(QLatin1String("capture filter")));
}

TEST(RunCapture, CapturesTowardsTheTargetAndExportsTheRun) {
    SKIP_WITHOUT_CAPTURE_PRIVILEGE();
    QTemporaryDir dir;
    LoopbackExchange exchange;
    Trace trace;
    RunCapture capture(trace, RunCaptureOptions{dir.path(), false, {}, {}, true});
    ASSERT_TRUE(capture.prepare());

    const QString note =
        capture.begin(QStringLiteral("http://127.0.0.1:%1/m2m").arg(exchange.port()));
    exchange.run(trace);
    const auto result = capture.finish(RunInfo{});

    EXPECT_TRUE(capture.frames()->frameOf(1) > 0) << note.toStdString();
    EXPECT_TRUE(note.contains(QLatin1String("on lo"))) << note.toStdString();
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_TRUE(result->notes.isEmpty()) << result->notes.join(u'\n').toStdString();
    EXPECT_EQ(result->exported.messages, 2);
    EXPECT_EQ(result->live.linkedEvents, 2u);
    EXPECT_TRUE(readPcapng(result->livePath));
    EXPECT_TRUE(readPcapng(result->exportPath));
    EXPECT_TRUE(QFile::exists(result->keyLogPath));
}

TEST(RunCapture, FallsBackToTheExportWhenItMayNotCapture) {
    QTemporaryDir dir;
    LoopbackExchange exchange;
    Trace trace;
    // A bogus interface stands for any refusal (no privilege, no device): the same path.
    RunCapture capture(
        trace, RunCaptureOptions{dir.path(), false, QStringLiteral("m2mb-no-such0"), {}, true});
    ASSERT_TRUE(capture.prepare());

    const QString note =
        capture.begin(QStringLiteral("http://127.0.0.1:%1/m2m").arg(exchange.port()));
    exchange.run(trace);
    const auto result = capture.finish(RunInfo{});

    EXPECT_FALSE(capture.liveRunning());
    EXPECT_TRUE(note.contains(QLatin1String("application-level export only")))
        << note.toStdString();
    ASSERT_TRUE(result);
    EXPECT_TRUE(result->livePath.isEmpty());
    EXPECT_EQ(result->exported.messages, 2);
    EXPECT_TRUE(result->notes.isEmpty()); // said once, by begin()
    EXPECT_FALSE(QFile::exists(dir.filePath(QLatin1String(kLiveCaptureFileName))));
}
