// SPDX-License-Identifier: Apache-2.0
// The cost of the test engine: N RETRIEVE steps from a script, through the runner, the trace and
// the device emulator, against the in-process reference NSCL over loopback — beside the same N
// requests from plain C++ (the bench's HTTP client alone, and a blocking POSIX socket client).
// Prints medians of several rounds and the ratios. Target (issue 2): runner >= 0.5 x plain.
#include "core/nodes/network_thread.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/protocol/http/http_client.h"
#include "core/runner/journal.h"
#include "core/runner/runner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>
#include <future>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace m2mbench;

namespace {

constexpr int kRequests = 2000;
const int kRounds = qEnvironmentVariableIntValue("BENCH_ROUNDS") > 0
                        ? qEnvironmentVariableIntValue("BENCH_ROUNDS")
                        : 9;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// Requests per second of the script: the body's own duration, as the runner measured it.
/// With a journal path, the run is recorded as the CLI records it.
struct ScriptRun {
    double rate = 0;   ///< RETRIEVE/s of the test body
    double wallMs = 0; ///< the whole run, journal writes included
};

ScriptRun scriptRun(const QString &suiteDir, const QString &journalPath = QString()) {
    auto suite = runner::loadSuite({suiteDir});
    if (!suite) {
        std::fprintf(stderr, "%s\n", qPrintable(suite.error().message));
        std::exit(3);
    }
    trace::Trace trace;
    runner::Runner r(trace);
    std::unique_ptr<runner::Journal> journal;
    if (!journalPath.isEmpty()) {
        journal = runner::Journal::open(journalPath).value();
        r.setJournal(journal.get());
    }
    QElapsedTimer wall;
    wall.start();
    auto summary = r.run(*suite, {});
    const double wallMs = static_cast<double>(wall.nsecsElapsed()) / 1e6;
    if (!summary || summary->results.size() != 1 || summary->results[0].verdict != Verdict::Pass) {
        std::fprintf(stderr, "benchmark test case did not pass: %s\n",
                     summary ? qPrintable(summary->results.value(0).reason)
                             : qPrintable(summary.error().message));
        std::exit(3);
    }
    return {kRequests / (static_cast<double>(summary->results[0].durationNs) / 1e9), wallMs};
}

double qtClientRate(nodes::NetworkThread &net, quint16 port) {
    std::promise<qint64> done;
    net.post([&] {
        auto *client = new http::Client(QStringLiteral("127.0.0.1"), port, {}, net.context());
        auto *timer = new QElapsedTimer;
        timer->start();
        auto count = std::make_shared<int>(0);
        std::function<void()> next;
        auto sendOne = std::make_shared<std::function<void()>>();
        *sendOne = [=, &done] {
            http::Request req;
            req.method = "GET";
            req.target = "/m2m";
            req.headers.add("Host", "127.0.0.1");
            client->send(req, 5000, [=, &done](const http::Exchange &ex) {
                if (ex.outcome != http::Exchange::Outcome::Ok || ++*count == kRequests) {
                    done.set_value(ex.outcome == http::Exchange::Outcome::Ok ? timer->nsecsElapsed()
                                                                             : -1);
                    delete timer;
                    client->deleteLater();
                    return;
                }
                (*sendOne)();
            });
        };
        (*sendOne)();
    });
    const qint64 ns = done.get_future().get();
    if (ns < 0) {
        std::fprintf(stderr, "plain Qt client failed\n");
        std::exit(3);
    }
    return kRequests / (static_cast<double>(ns) / 1e9);
}

double posixClientRate(quint16 port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        std::perror("connect");
        std::exit(3);
    }
    const QByteArray req = "GET /m2m HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    QElapsedTimer timer;
    timer.start();
    char buf[8192];
    for (int i = 0; i < kRequests; ++i) {
        if (::write(fd, req.constData(), static_cast<size_t>(req.size())) != req.size()) {
            std::exit(3);
        }
        QByteArray got;
        qsizetype need = -1;
        while (need < 0 || got.size() < need) {
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0) {
                std::exit(3);
            }
            got.append(buf, n);
            const qsizetype head = got.indexOf("\r\n\r\n");
            if (need < 0 && head >= 0) {
                const qsizetype at = got.indexOf("Content-Length: ");
                need = head + 4 + got.mid(at + 16, got.indexOf('\r', at) - at - 16).toLongLong();
            }
        }
    }
    const double rate = kRequests / (static_cast<double>(timer.nsecsElapsed()) / 1e9);
    ::close(fd);
    return rate;
}

void writeSuite(const QTemporaryDir &dir) {
    QFile::copy(QStringLiteral(M2MBENCH_SOURCE_DIR "/testcases/etsi-m2m/nscl/pixit.json"),
                dir.filePath(QStringLiteral("pixit.json")));
    QFile::copy(QStringLiteral(M2MBENCH_SOURCE_DIR "/testcases/etsi-m2m/nscl/pics.json"),
                dir.filePath(QStringLiteral("pics.json")));
    QFile f(dir.filePath(QStringLiteral("TC_BENCH_RETRIEVE.js")));
    f.open(QIODevice::WriteOnly);
    f.write(QStringLiteral(
                "export const meta = { id: 'TC_BENCH_RETRIEVE', title: 'retrieve loop', purpose: "
                "'TP_BENCH',\n"
                "  configuration: 'CFG_NSCL', references: [{document: 'bench', clause: '-'}] };\n"
                "export function body(ctx) {\n"
                "  const base = ctx.pixit('PX_NSCL_BASE');\n"
                "  let ok = 0;\n"
                "  for (let i = 0; i < %1; ++i) {\n"
                "    if (ctx.device.retrieve(base).status === 'STATUS_OK') { ++ok; }\n"
                "  }\n"
                "  ctx.expectEqual(ok, %1, 'every RETRIEVE answered STATUS_OK');\n"
                "}\n")
                .arg(kRequests)
                .toUtf8());
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    writeSuite(dir);
    nodes::NetworkThread net;
    auto *nscl = net.invoke([&] { return new nodes::NsclNode({}, {}, net.context()); });
    const quint16 port =
        net.invoke([&] { return nscl->listenHttp(QHostAddress::LocalHost, 0).value(); });

    const QByteArray givenWindow = qgetenv("M2MBENCH_BUSY_POLL_US");
    std::vector<double> script, unpolled, scriptWall, journaledWall, qtPlain, posix;
    std::vector<double> pairedRatio, pairedOverhead;
    for (int round = 0; round < kRounds; ++round) {
        // The runner's network thread with busy polling off, as before it had any: the gain of
        // the window, measured beside it (network_thread.h).
        qputenv("M2MBENCH_BUSY_POLL_US", "0");
        unpolled.push_back(scriptRun(dir.path()).rate);
        if (givenWindow.isEmpty()) {
            qunsetenv("M2MBENCH_BUSY_POLL_US");
        } else {
            qputenv("M2MBENCH_BUSY_POLL_US", givenWindow);
        }
        const ScriptRun bare = scriptRun(dir.path());
        // A journal of its own per round, so that every round records into an empty file.
        const ScriptRun recorded =
            scriptRun(dir.path(), dir.filePath(QStringLiteral("journal-%1.sqlite").arg(round)));
        script.push_back(bare.rate);
        scriptWall.push_back(bare.wallMs);
        journaledWall.push_back(recorded.wallMs);
        qtPlain.push_back(qtClientRate(net, port));
        posix.push_back(posixClientRate(port));
        // Ratios of the measurements of one round, taken moments apart: they drift less with
        // the machine's load than the ratio of two medians.
        pairedRatio.push_back(bare.rate / qtPlain.back());
        pairedOverhead.push_back(recorded.wallMs / bare.wallMs - 1.0);
        if (qEnvironmentVariableIsSet("BENCH_VERBOSE")) {
            std::printf("  round %d: runner %.0f/s, plain %.0f/s, run %.1f ms, journaled %.1f ms\n",
                        round + 1, bare.rate, qtPlain.back(), bare.wallMs, recorded.wallMs);
        }
    }
    const double bareMs = median(scriptWall);
    const double recordedMs = median(journaledWall);
    const double s = median(script);
    const double q = median(qtPlain);
    const double p = median(posix);
    std::printf("RETRIEVE /m2m x %d against the in-process reference NSCL over loopback, median of "
                "%d rounds\n",
                kRequests, kRounds);
    std::printf("  script through the runner      : %9.0f requests/s (network thread busy-polls "
                "%d us)\n",
                s, nodes::NetworkThread::defaultBusyPollUs());
    std::printf("  the same, busy polling off     : %9.0f requests/s\n", median(unpolled));
    std::printf("  plain C++ (bench HTTP client)  : %9.0f requests/s\n", q);
    std::printf("  plain C++ (blocking POSIX)     : %9.0f requests/s\n", p);
    std::printf("  ratio runner / plain HTTP client: %.2f\n", s / q);
    std::printf("  ratio runner / blocking POSIX   : %.2f\n", s / p);
    std::printf("  median of the rounds' own ratios: %.2f (runner / plain HTTP client)\n",
                median(pairedRatio));
    std::printf("  target: runner >= 0.50 x plain  : %s\n",
                s / std::max(q, p) >= 0.5 ? "met" : "NOT met");
    std::printf("  whole run without the journal   : %9.1f ms\n", bareMs);
    std::printf("  whole run with the journal      : %9.1f ms (%d events recorded)\n", recordedMs,
                2 * kRequests + 5);
    std::printf("  journal overhead                : %.1f %% (target < 10 %%)\n",
                (recordedMs / bareMs - 1.0) * 100.0);
    std::printf("  median of the rounds' overheads : %.1f %%\n", median(pairedOverhead) * 100.0);
    return 0;
}
