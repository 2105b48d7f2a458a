// SPDX-License-Identifier: Apache-2.0
// Notification fan-out of the reference NSCL (issue 6): N subscriptions (1,000 by default) to one
// <contentInstances>, their contacts spread over S subscriber HTTP servers on 127.0.0.1; each
// round creates one content instance and times, from the CREATE to the last notification
// received, the whole fan-out. Prints each round and the median. BENCH_SUBSCRIBERS,
// BENCH_SERVERS and BENCH_ROUNDS override the sizes.
#include "core/nodes/network_thread.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/protocol/http/http_server.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

using namespace m2mbench;

namespace {

int envInt(const char *name, int fallback) {
    const int v = qEnvironmentVariableIntValue(name);
    return v > 0 ? v : fallback;
}

mid::Request request(mid::Method method, const QString &target, const QByteArray &body = {}) {
    mid::Request r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.requestingEntity = QStringLiteral("bench");
    r.contentType =
        body.startsWith('<') ? QStringLiteral("application/xml") : QStringLiteral("text/plain");
    return r;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int subscribers = envInt("BENCH_SUBSCRIBERS", 1000);
    const int servers = std::min(envInt("BENCH_SERVERS", 20), subscribers);
    const int rounds = envInt("BENCH_ROUNDS", 7);

    nodes::NetworkThread net(QStringLiteral("bench-nscl"));
    nodes::NetworkThread sinkNet(QStringLiteral("bench-subscribers"));
    std::atomic<int> received{0};

    auto *nscl = net.invoke([] { return new nodes::NsclNode(); });
    std::vector<http::Server *> sinks;
    std::vector<quint16> ports;
    for (int s = 0; s < servers; ++s) {
        auto *server = sinkNet.invoke([&received] {
            return new http::Server([&received](const http::Request &, const http::PeerInfo &) {
                received.fetch_add(1, std::memory_order_relaxed);
                http::Response r;
                r.status = 200;
                r.reason = "OK";
                return r;
            });
        });
        const auto port =
            sinkNet.invoke([server] { return server->listen(QHostAddress::LocalHost, 0); });
        if (!port) {
            std::fprintf(stderr, "subscriber server: %s\n", qPrintable(port.error().message));
            return 3;
        }
        sinks.push_back(server);
        ports.push_back(*port);
    }

    nodes::NsclService &service = nscl->service();
    const QString instances = QStringLiteral("/m2m/containers/fanout/contentInstances");
    net.invoke([&] {
        service.handle(request(mid::Method::Create, QStringLiteral("/m2m/containers"),
                               "<m2m:container xmlns:m2m=\"http://uri.etsi.org/m2m\" "
                               "m2m:id=\"fanout\"/>"));
        for (int i = 0; i < subscribers; ++i) {
            const QByteArray contact = QStringLiteral("http://127.0.0.1:%1/app-%2")
                                           .arg(ports[static_cast<size_t>(i % servers)])
                                           .arg(i)
                                           .toUtf8();
            const auto r = service.handle(
                request(mid::Method::Create, instances + QStringLiteral("/subscriptions"),
                        "<m2m:subscription xmlns:m2m=\"http://uri.etsi.org/m2m\"><m2m:contact>" +
                            contact + "</m2m:contact></m2m:subscription>"));
            if (r.status != mid::StatusCode::Created) {
                std::fprintf(stderr, "subscription %d: %s\n", i, r.body.constData());
                std::exit(3);
            }
        }
    });

    std::printf("notification fan-out: %d subscriptions to one <contentInstances>, contacts on %d "
                "HTTP servers (127.0.0.1), %d connections per server from the NSCL\n",
                subscribers, servers, nodes::kNotifyConnectionsPerEndpoint);
    std::vector<double> ms;
    for (int round = 0; round <= rounds; ++round) { // round 0 opens the connections: warm-up
        const int before = received.load();
        QElapsedTimer t;
        t.start();
        net.invoke([&] { service.handle(request(mid::Method::Create, instances, "21.5")); });
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (received.load() - before < subscribers &&
               std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        const double elapsed = static_cast<double>(t.nsecsElapsed()) / 1e6;
        const int got = received.load() - before;
        if (got < subscribers) {
            std::printf("round %d: only %d of %d notifications in 60 s\n", round, got, subscribers);
            return 1;
        }
        if (round == 0) {
            std::printf("warm-up (connections opened): %.1f ms\n", elapsed);
            continue;
        }
        ms.push_back(elapsed);
        std::printf("round %d: CREATE to last of %d notifications: %.1f ms\n", round, got, elapsed);
    }
    std::sort(ms.begin(), ms.end());
    std::printf(
        "median: %.1f ms for %d notifications (%.1f us each); delivered %llu, failed %llu\n",
        ms[ms.size() / 2], subscribers, ms[ms.size() / 2] * 1000.0 / subscribers,
        static_cast<unsigned long long>(nscl->notificationsDelivered()),
        static_cast<unsigned long long>(nscl->notificationsFailed()));
    net.invoke([nscl] { delete nscl; });
    for (http::Server *s : sinks) {
        sinkNet.invoke([s] { delete s; });
    }
    return 0;
}
