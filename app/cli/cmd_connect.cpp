// SPDX-License-Identifier: Apache-2.0
// m2mbench-cli connect: the D/G node's side of the service connection by hand. With a Kmr it
// opens TLS-PSK to the NSCL, derives Kmc and checks the NSCL's key confirmation; with a Kmc given
// it skips that. Then it can RETRIEVE a resource over a secured (or plain CoAP) binding.

#include "app/cli/boot_cli.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/nscl_security_cli.h"

#include "core/common/endpoint.h"
#include "core/common/hex.h"
#include "core/crypto/profile_bootstrap.h"
#include "core/nodes/device/device_node.h"
#include "core/protocol/mid/resources.h"
#include "core/trace/key_log.h"

#include <QCoreApplication>
#include <QTimer>

namespace m2mbench::cli {

namespace {

void addOptions(QCommandLineParser &p) {
    p.setApplicationDescription(
        QStringLiteral("Makes a service connection to an NSCL as a D/G node (TLS-PSK keyed by Kmr, "
                       "Kmc derived and confirmed), then optionally retrieves a resource over a "
                       "secured binding."));
    p.addOption({QStringLiteral("nscl"),
                 QStringLiteral("the NSCL's HTTP/TLS-PSK address (also its service connection "
                                "unless --connection)"),
                 QStringLiteral("HOST:PORT")});
    p.addOption({QStringLiteral("connection"),
                 QStringLiteral("the NSCL's service connection port, when it has its own"),
                 QStringLiteral("HOST:PORT")});
    p.addOption({QStringLiteral("coap"), QStringLiteral("the NSCL's plain CoAP address"),
                 QStringLiteral("HOST:PORT")});
    p.addOption({QStringLiteral("coaps"), QStringLiteral("the NSCL's CoAP/DTLS-PSK address"),
                 QStringLiteral("HOST:PORT")});
    p.addOption({QStringLiteral("kmr"), QStringLiteral("the node's Kmr (SCL-ID: the profile's)"),
                 QStringLiteral("NODE-ID:INDEX:HEX[:SCL-ID]")});
    p.addOption({QStringLiteral("kmc"),
                 QStringLiteral("a Kmc given by hand: no service connection is made"),
                 QStringLiteral("NODE-ID:INDEX:HEX[:SCL-ID]")});
    p.addOption({QStringLiteral("lifetime"),
                 QStringLiteral("ask the NSCL for this Kmc lifetime in seconds"),
                 QStringLiteral("S")});
    p.addOption({QStringLiteral("retrieve"),
                 QStringLiteral("RETRIEVE this path afterwards (e.g. /m2m)"),
                 QStringLiteral("PATH")});
    p.addOption({QStringLiteral("binding"),
                 QStringLiteral("binding of --retrieve: https-psk (default), coaps or coap"),
                 QStringLiteral("NAME"), QStringLiteral("https-psk")});
    p.addOption({QStringLiteral("base"), QStringLiteral("path of <sclBase> (default /m2m)"),
                 QStringLiteral("PATH"), QStringLiteral("/m2m")});
    p.addOption({QStringLiteral("tls-ciphers"), QStringLiteral("OpenSSL cipher list (TLS-PSK)"),
                 QStringLiteral("LIST"), QLatin1String(tls::kDefaultTlsCiphers)});
    p.addOption({QStringLiteral("keylog"),
                 QStringLiteral("write the TLS/DTLS secrets to FILE (NSS key log)"),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("timeout"), QStringLiteral("milliseconds per step (default 10000)"),
                 QStringLiteral("MS"), QStringLiteral("10000")});
    p.addOption(
        {QStringLiteral("show-keys"), QStringLiteral("print key values instead of masking them")});
    addProfileOption(p);
}

Result<void> endpointInto(const QCommandLineParser &p, const QString &option, QString *host,
                          quint16 *port) {
    if (!p.isSet(option)) {
        return {};
    }
    auto e = Endpoint::parse(p.value(option));
    if (!e) {
        return fail(e.error().wrap(QStringLiteral("--") + option));
    }
    *host = e->host;
    *port = e->port;
    return {};
}

Result<nodes::DeviceConfig> configFrom(const QCommandLineParser &p) {
    auto profile = profileFrom(p);
    if (!profile) {
        return fail(profile.error());
    }
    nodes::DeviceConfig dc;
    nodes::DeviceSecurityConfig &s = dc.security;
    s.profile = *profile;
    s.basePath = p.value(QStringLiteral("base"));
    s.tlsCiphers = p.value(QStringLiteral("tls-ciphers"));
    s.requestedKmcLifetimeSeconds = p.value(QStringLiteral("lifetime")).toLongLong();
    const auto binding = nodes::bindingFromName(p.value(QStringLiteral("binding")));
    if (!binding || *binding == nodes::MidBinding::Http) {
        return fail(Error::Kind::Config, QStringLiteral("--binding: https-psk, coaps or coap"));
    }
    s.binding = *binding;
    for (const auto &[option, host, port] :
         {std::tuple{QStringLiteral("nscl"), &s.httpsHost, &s.httpsPort},
          std::tuple{QStringLiteral("connection"), &s.connectionHost, &s.connectionPort},
          std::tuple{QStringLiteral("coap"), &s.coapHost, &s.coapPort},
          std::tuple{QStringLiteral("coaps"), &s.coapsHost, &s.coapsPort}}) {
        if (auto ok = endpointInto(p, option, host, port); !ok) {
            return fail(ok.error());
        }
    }
    dc.host = !s.httpsHost.isEmpty() ? s.httpsHost : s.coapsHost;
    if (p.isSet(QStringLiteral("kmr"))) {
        auto k = parseGivenKey(p.value(QStringLiteral("kmr")), QStringLiteral("kmr"));
        if (!k) {
            return fail(k.error());
        }
        s.keys.nodeId = k->nodeId;
        s.keys.kmrIndex = k->index;
        s.keys.kmr = k->key;
        s.keys.kmrOrigin = QStringLiteral("pre-provisioned (--kmr)");
        s.keys.sclId = k->sclId;
    }
    if (p.isSet(QStringLiteral("kmc"))) {
        auto k = parseGivenKey(p.value(QStringLiteral("kmc")), QStringLiteral("kmc"));
        if (!k) {
            return fail(k.error());
        }
        nodes::ConnectionState given;
        given.nodeId = k->nodeId;
        given.kmcIndex = k->index;
        given.kmc = k->key;
        given.sclId = k->sclId;
        if (s.keys.nodeId.isEmpty()) {
            s.keys.nodeId = k->nodeId;
            s.keys.sclId = k->sclId;
        }
        s.keys.givenKmc = given;
    }
    if (s.keys.nodeId.isEmpty()) {
        return fail(Error::Kind::Config, QStringLiteral("give --kmr (or --kmc)"));
    }
    if (s.keys.sclId.isEmpty()) {
        s.keys.sclId = crypto::sclIdFor(profile->bootstrap, s.keys.nodeId);
    }
    if (s.keys.givenKmc && s.keys.givenKmc->sclId.isEmpty()) {
        s.keys.givenKmc->sclId = s.keys.sclId;
    }
    if (!s.keys.givenKmc && s.httpsPort == 0 && s.connectionPort == 0) {
        return fail(Error::Kind::Config,
                    QStringLiteral("--nscl (or --connection) is needed for a service connection"));
    }
    return dc;
}

/// Runs the event loop until `finished` is set or `timeoutMs` (plus a margin) passes.
void waitUntil(const bool &finished, int timeoutMs) {
    if (finished) {
        return;
    }
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, QCoreApplication::instance(),
                     &QCoreApplication::quit);
    guard.start(timeoutMs + 2000);
    QCoreApplication::exec();
}

void printConnection(const nodes::ConnectResult &r) {
    const QString headline = r.state && r.confirmed ? QStringLiteral("established")
                             : r.outcome == http::Exchange::Outcome::Ok
                                 ? QStringLiteral("not established")
                                 : http::outcomeName(r.outcome);
    out() << "Service connection: " << headline
          << (r.detail.isEmpty() ? QString() : QStringLiteral(" - ") + r.detail) << '\n';
    if (!r.state) {
        return;
    }
    const nodes::ConnectionState &c = *r.state;
    out() << QStringLiteral("  cipher          %1\n  connection id   %2\n  Kmc index       %3\n"
                            "  Kmc lifetime    %4\n  SCL-ID          %5\n  key confirmation %6\n")
                 .arg(r.cipher)
                 .arg(c.connectionId)
                 .arg(c.kmcIndex)
                 .arg(c.expiry.isValid() ? mid::formatDateTime(c.expiry) : QStringLiteral("none"),
                      c.sclId,
                      r.confirmed ? QStringLiteral("matches the Kmc derived here")
                                  : QStringLiteral("DOES NOT match"));
}

} // namespace

int connectCommand(const QStringList &args) {
    QCommandLineParser parser;
    addOptions(parser);
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    auto config = configFrom(parser);
    if (!config) {
        err() << "m2mbench-cli connect: " << config.error().message << '\n';
        return ExitUsage;
    }
    const int timeoutMs = std::max(100, parser.value(QStringLiteral("timeout")).toInt());
    trace::Trace trace;
    trace::KeyLogWriter keyLog(parser.value(QStringLiteral("keylog")));
    if (auto ok = keyLog.open(); !ok) {
        err() << "m2mbench-cli connect: --keylog: " << ok.error().message << '\n';
        return ExitUsage;
    }
    trace.addObserver(&keyLog);
    int exit = ExitOk;
    {
        nodes::DeviceNode node(*config, &trace);
        if (!config->security.keys.givenKmc) {
            bool finished = false;
            nodes::ConnectResult result;
            nodes::ConnectOptions options;
            options.requestedLifetimeSeconds = config->security.requestedKmcLifetimeSeconds;
            node.connectService(options, timeoutMs, [&](const nodes::ConnectResult &r) {
                result = r;
                finished = true;
                QCoreApplication::quit();
            });
            waitUntil(finished, timeoutMs);
            if (!finished) {
                node.cancelAll();
                result.detail = QStringLiteral("no outcome within %1 ms").arg(timeoutMs);
            }
            printConnection(result);
            if (!result.state || !result.confirmed) {
                exit = ExitFailed;
            }
        } else {
            out() << "Service connection: none (Kmc given with --kmc)\n";
        }
        if (exit == ExitOk && parser.isSet(QStringLiteral("retrieve"))) {
            mid::Request request;
            request.method = mid::Method::Retrieve;
            request.target = parser.value(QStringLiteral("retrieve"));
            request.requestingEntity = config->security.keys.sclId;
            bool finished = false;
            nodes::MidExchange exchange;
            node.requestOver(config->security.binding, request, std::nullopt, timeoutMs,
                             [&](const nodes::MidExchange &ex) {
                                 exchange = ex;
                                 finished = true;
                                 QCoreApplication::quit();
                             });
            waitUntil(finished, timeoutMs);
            if (!finished) {
                node.cancelAll();
            }
            out() << "RETRIEVE " << request.target << " ("
                  << nodes::bindingName(config->security.binding) << "): "
                  << (finished ? http::outcomeName(exchange.transport.outcome)
                               : QStringLiteral("no answer"));
            if (finished && exchange.decoded) {
                const auto &d = *exchange.decoded;
                out() << ", " << (d.status ? mid::statusName(*d.status) : QStringLiteral("?"));
                if (d.httpStatus != 0) {
                    out() << " (HTTP " << d.httpStatus << ')';
                }
                out() << '\n' << QString::fromUtf8(d.primitive.body.left(64 * 1024)) << '\n';
            } else {
                out() << (finished ? QStringLiteral(" - ") + exchange.transport.detail : QString())
                      << '\n';
            }
            if (!finished || !exchange.decoded) {
                exit = ExitFailed;
            }
        }
        out() << "\nExchange:\n";
        for (const trace::Event &e : trace.since(0)) {
            if (e.isMessage()) {
                out() << QStringLiteral("  %1 -> %2  %3\n").arg(e.from, e.to, e.summary.left(160));
            }
        }
        const bool show = parser.isSet(QStringLiteral("show-keys"));
        out() << "\nKey derivation tree:\n" << keyTree(node.keys().records(), show);
        if (!show) {
            out() << "(secret values are masked: add --show-keys to see them)\n";
        }
        if (!keyLog.path().isEmpty()) {
            out() << keyLog.lineCount() << " TLS/DTLS secret line(s) written to " << keyLog.path()
                  << '\n';
        }
    }
    trace.removeObserver(&keyLog);
    return exit;
}

} // namespace m2mbench::cli
