// SPDX-License-Identifier: Apache-2.0
// RETRIEVE <sclBase> per second from the device emulator to the in-process reference NSCL over
// each binding of mId, in one run: plain HTTP, HTTP over TLS-PSK (Kmc), plain CoAP and CoAP over
// DTLS-PSK (Kmc). The secured bindings keep their session (keep-alive) after one service
// connection made before timing. Prints medians of several rounds and the secured / plain
// ratios. Target (issue 5): each secured binding >= 0.6 x its plain one.
#include "core/nodes/device/device_node.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/runner/secure_setup.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace m2mbench;

namespace {

const int kRequests = qEnvironmentVariableIntValue("BENCH_REQUESTS") > 0
                          ? qEnvironmentVariableIntValue("BENCH_REQUESTS")
                          : 2000;
const int kRounds = qEnvironmentVariableIntValue("BENCH_ROUNDS") > 0
                        ? qEnvironmentVariableIntValue("BENCH_ROUNDS")
                        : 5;
const QString kSclId = QStringLiteral("gscl-bench-01");

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Round {
    double rate = 0;
    int failed = 0;
};

/// `n` RETRIEVEs one after the other over `binding`; each next one leaves from the event loop.
Round retrieveRound(nodes::DeviceNode &device, nodes::MidBinding binding, int n) {
    mid::Request request;
    request.method = mid::Method::Retrieve;
    request.target = QStringLiteral("/m2m");
    request.requestingEntity = kSclId;
    Round r;
    int done = 0;
    QEventLoop loop;
    QTimer guard; // bounded whatever the NSCL does
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(120000);
    std::function<void()> next;
    next = [&] {
        device.requestOver(binding, request, std::nullopt, 5000, [&](const nodes::MidExchange &ex) {
            const bool ok = ex.transport.outcome == http::Exchange::Outcome::Ok && ex.decoded &&
                            ex.decoded->status && *ex.decoded->status == mid::StatusCode::Ok;
            r.failed += ok ? 0 : 1;
            if (++done == n) {
                loop.quit();
            } else {
                QMetaObject::invokeMethod(&loop, next, Qt::QueuedConnection);
            }
        });
    };
    QElapsedTimer t;
    t.start();
    QMetaObject::invokeMethod(&loop, next, Qt::QueuedConnection);
    loop.exec();
    const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
    r.failed += n - done;
    r.rate = done / seconds;
    return r;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    auto profile = crypto::Profile::builtin();
    if (!profile) {
        std::fprintf(stderr, "%s\n", qPrintable(profile.error().message));
        return 3;
    }
    nodes::DeviceKeys keys;
    keys.nodeId = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    keys.kmrIndex = 1;
    keys.kmr = SecureBytes::fromByteArray(QByteArray(32, '\x42'));
    keys.sclId = kSclId;

    nodes::NsclNode nscl;
    auto httpPort = nscl.listenHttp(QHostAddress::LocalHost, 0);
    runner::EmbeddedSecurity es;
    es.profile = *profile;
    es.keys = keys;
    es.useMas = false; // the MAS is asked once per service connection, not per request
    es.tlsCiphers = QLatin1String(tls::kDefaultTlsCiphers);
    es.dtlsCiphers = QLatin1String(tls::kDefaultDtlsCiphers);
    auto ports = httpPort ? runner::startEmbeddedSecurity(&nscl, es)
                          : Result<runner::SecurePorts>(tl::unexpected(httpPort.error()));
    if (!ports) {
        std::fprintf(stderr, "the NSCL: %s\n", qPrintable(ports.error().message));
        return 3;
    }

    nodes::DeviceConfig dc;
    dc.host = QStringLiteral("127.0.0.1");
    dc.port = *httpPort;
    nodes::DeviceSecurityConfig &s = dc.security;
    s.profile = *profile;
    s.keys = keys;
    s.httpsHost = s.coapHost = s.coapsHost = dc.host;
    s.httpsPort = ports->https;
    s.coapPort = ports->coap;
    s.coapsPort = ports->coaps;
    nodes::DeviceNode device(dc, nullptr);

    struct Binding {
        nodes::MidBinding binding;
        const char *name;
        std::vector<double> rates;
    };
    std::vector<Binding> bindings = {{nodes::MidBinding::Http, "HTTP", {}},
                                     {nodes::MidBinding::HttpsPsk, "HTTP over TLS-PSK", {}},
                                     {nodes::MidBinding::Coap, "CoAP", {}},
                                     {nodes::MidBinding::Coaps, "CoAP over DTLS-PSK", {}}};
    int failed = 0;
    for (Binding &b : bindings) { // warm up: the service connection, sessions, caches
        failed += retrieveRound(device, b.binding, 20).failed;
    }
    // Rounds interleave the bindings, so that a slower moment of the machine hits all four.
    for (int round = 0; round < kRounds; ++round) {
        for (Binding &b : bindings) {
            const Round r = retrieveRound(device, b.binding, kRequests);
            failed += r.failed;
            b.rates.push_back(r.rate);
        }
    }
    std::printf("RETRIEVE /m2m x %d from the device emulator to the in-process reference NSCL, "
                "median of %d rounds\n",
                kRequests, kRounds);
    for (const Binding &b : bindings) {
        std::printf("  %-22s: %9.0f requests/s\n", b.name, median(b.rates));
    }
    const double https = median(bindings[1].rates) / median(bindings[0].rates);
    const double coaps = median(bindings[3].rates) / median(bindings[2].rates);
    std::printf("  ratio HTTP/TLS-PSK / HTTP : %.2f  (target >= 0.60: %s)\n", https,
                https >= 0.6 ? "met" : "NOT met");
    std::printf("  ratio CoAP/DTLS / CoAP    : %.2f  (target >= 0.60: %s)\n", coaps,
                coaps >= 0.6 ? "met" : "NOT met");
    if (failed != 0) {
        std::printf("  %d request(s) did not get STATUS_OK: the figures are not valid\n", failed);
        return 1;
    }
    return 0;
}
