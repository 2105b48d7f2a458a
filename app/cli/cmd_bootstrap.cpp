// SPDX-License-Identifier: Apache-2.0
// `m2mbench-cli bootstrap`: the D/G node's side of the M2M Service Bootstrap against an MSBF,
// printing the outcome, the bootstrap parameters, the exchange and the derivation tree.
#include "app/cli/boot_cli.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/signal_pipe.h"

#include "core/common/endpoint.h"
#include "core/common/hex.h"
#include "core/crypto/pki.h"
#include "core/nodes/device/bootstrap_client.h"
#include "core/protocol/mid/resources.h"
#include "core/protocol/pana/udp_pcap.h"

#include <QCoreApplication>
#include <QTimer>

namespace m2mbench::cli {

namespace {

void addOptions(QCommandLineParser &p) {
    p.setApplicationDescription(QStringLiteral(
        "Bootstraps as a D/G node (PANA Client, EAP-TLS peer) with an MSBF and prints the outcome, "
        "the bootstrap parameters, the PANA exchange and the key derivation tree."));
    p.addOption({QStringLiteral("msbf"),
                 QStringLiteral("the MSBF's PANA address (port 716 by default)"),
                 QStringLiteral("ADDR[:PORT]")});
    p.addOption({QStringLiteral("method"), QStringLiteral("EAP method: eap-tls (default)"),
                 QStringLiteral("METHOD"), QStringLiteral("eap-tls")});
    p.addOption({QStringLiteral("cert"), QStringLiteral("the device's certificate (PEM)"),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("key"), QStringLiteral("the device's private key (PEM)"),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("ca"),
                 QStringLiteral("CA certificate(s) to trust for the MSBF (PEM)"),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("node-id"),
                 QStringLiteral("own M2M-Node-ID (32 hex digits); default: from the certificate"),
                 QStringLiteral("HEX")});
    p.addOption({QStringLiteral("identity"),
                 QStringLiteral("EAP identity (default: the profile's pattern)"),
                 QStringLiteral("NAI")});
    p.addOption({QStringLiteral("server-name"),
                 QStringLiteral("name expected in the MSBF's certificate ('-': none; default: the "
                                "profile's msbfFqdn)"),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("tls"), QStringLiteral("TLS version: 1.2, 1.3 or any (default)"),
                 QStringLiteral("VERSION"), QStringLiteral("any")});
    p.addOption({QStringLiteral("kmr-from"), QStringLiteral("auto (as the MSBF says), emsk or msk"),
                 QStringLiteral("KEY"), QStringLiteral("auto")});
    p.addOption({QStringLiteral("bind"),
                 QStringLiteral("local address (default: 127.0.0.1 for a loopback MSBF, else any)"),
                 QStringLiteral("ADDR")});
    p.addOption({QStringLiteral("timeout"),
                 QStringLiteral("milliseconds to wait for the outcome (default 15000)"),
                 QStringLiteral("MS"), QStringLiteral("15000")});
    p.addOption({QStringLiteral("keylog"),
                 QStringLiteral("write the TLS secrets to FILE (NSS key log, mode 0600)"),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("pcap"),
         QStringLiteral("write the PANA datagrams to FILE (pcap, synthetic IPv4/UDP headers)"),
         QStringLiteral("FILE")});
    p.addOption({QStringLiteral("keep-session"),
                 QStringLiteral("do not terminate the PANA session at the end")});
    p.addOption(
        {QStringLiteral("show-keys"), QStringLiteral("print key values instead of masking them")});
    p.addOption({QStringLiteral("quiet"), QStringLiteral("print the outcome only")});
    addProfileOption(p);
}

struct Setup {
    nodes::DeviceBootstrapConfig config;
    int timeoutMs = 15000;
    std::shared_ptr<KeyLogFile> keyLog;
};

Result<void> identityFrom(const QCommandLineParser &p, nodes::DeviceBootstrapConfig &c) {
    c.identity = p.value(QStringLiteral("identity"));
    if (p.isSet(QStringLiteral("node-id"))) {
        auto nodeId = fromHex(p.value(QStringLiteral("node-id")));
        if (!nodeId || nodeId->size() != 16) {
            return fail(Error::Kind::Config, QStringLiteral("--node-id: 16 octets in hex"));
        }
        c.nodeId = *nodeId;
    } else if (auto info = crypto::inspectCertificate(c.credential.certificatePem)) {
        c.nodeId = crypto::nodeIdFromUris(info->uris, c.profile.bootstrap.nodeIdUriPrefix)
                       .value_or(QByteArray());
        if (c.identity.isEmpty() && c.nodeId.isEmpty()) {
            c.identity = info->commonName;
        }
    }
    if (c.identity.isEmpty() && c.nodeId.isEmpty()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("give --identity or --node-id: the certificate names neither"));
    }
    return {};
}

Result<void> choicesFrom(const QCommandLineParser &p, nodes::DeviceBootstrapConfig &c) {
    const QString tls = p.value(QStringLiteral("tls"));
    if (tls == u"1.2") {
        c.tlsMaxVersion = 0x0303;
    } else if (tls == u"1.3") {
        c.tlsMinVersion = 0x0304;
    } else if (tls != u"any") {
        return fail(Error::Kind::Config, QStringLiteral("--tls: 1.2, 1.3 or any"));
    }
    const QString from = p.value(QStringLiteral("kmr-from"));
    c.kmrSource = from == u"emsk"  ? nodes::DeviceBootstrapConfig::KmrSource::Emsk
                  : from == u"msk" ? nodes::DeviceBootstrapConfig::KmrSource::Msk
                                   : nodes::DeviceBootstrapConfig::KmrSource::Auto;
    const QHostAddress msbfAddress(c.msbfHost);
    if (msbfAddress.isNull()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("--msbf needs a numeric address, not '%1'").arg(c.msbfHost));
    }
    c.bindAddress = p.isSet(QStringLiteral("bind")) ? QHostAddress(p.value(QStringLiteral("bind")))
                    : msbfAddress.isLoopback()      ? QHostAddress(QHostAddress::LocalHost)
                                                    : QHostAddress(QHostAddress::AnyIPv4);
    return {};
}

Result<Setup> setupFrom(const QCommandLineParser &p) {
    if (p.value(QStringLiteral("method")) != u"eap-tls") {
        return fail(Error::Kind::Config, QStringLiteral("--method: only eap-tls is implemented"));
    }
    if (!p.isSet(QStringLiteral("msbf")) || !p.isSet(QStringLiteral("cert")) ||
        !p.isSet(QStringLiteral("key")) || !p.isSet(QStringLiteral("ca"))) {
        return fail(Error::Kind::Config,
                    QStringLiteral("--msbf, --cert, --key and --ca are needed "
                                   "('serve msbf' prints where its run PKI is)"));
    }
    auto profile = profileFrom(p);
    auto msbf = Endpoint::parse(p.value(QStringLiteral("msbf")), 716);
    auto credential =
        crypto::loadCredential(p.value(QStringLiteral("cert")), p.value(QStringLiteral("key")));
    auto ca = crypto::loadCertificates(p.value(QStringLiteral("ca")));
    if (!profile || !msbf || !credential || !ca) {
        return fail(!profile      ? profile.error()
                    : !msbf       ? msbf.error()
                    : !credential ? credential.error()
                                  : ca.error());
    }
    Setup s;
    nodes::DeviceBootstrapConfig &c = s.config;
    c.profile = *profile;
    c.msbfHost = msbf->host;
    c.msbfPort = msbf->port;
    c.credential = *credential;
    c.caPem = *ca;
    c.expectedServerName = p.value(QStringLiteral("server-name"));
    for (const auto &step : {&identityFrom, &choicesFrom}) {
        if (auto ok = step(p, c); !ok) {
            return fail(ok.error());
        }
    }
    s.timeoutMs = p.value(QStringLiteral("timeout")).toInt();
    if (p.isSet(QStringLiteral("keylog"))) {
        auto file = KeyLogFile::open(p.value(QStringLiteral("keylog")));
        if (!file) {
            return fail(file.error());
        }
        s.keyLog = *file;
        c.keyLog = KeyLogFile::sink(s.keyLog);
    }
    return s;
}

void printExchange(const trace::Trace &trace) {
    out() << "\nExchange:\n";
    for (const trace::Event &e : trace.since(0)) {
        if (e.isMessage()) {
            out() << QStringLiteral("  %1 -> %2  %3\n").arg(e.from, e.to, e.summary.left(160));
        } else if (e.kind == trace::EventKind::Log && e.text.contains(QLatin1String("discarded"))) {
            out() << QStringLiteral("  [%1] %2\n").arg(e.from, e.text.left(160));
        }
    }
}

void printResult(const nodes::BootstrapResult &r) {
    out() << "Outcome: " << nodes::outcomeName(r.outcome) << " - " << r.reason << '\n';
    if (r.outcome != nodes::BootstrapResult::Outcome::Bootstrapped) {
        return;
    }
    out() << QStringLiteral("  EAP-TLS        %1 %2, MSBF %3\n")
                 .arg(r.tlsVersion, r.tlsCipher, r.serverCertificate.subject);
    out() << QStringLiteral("  M2M-Node-ID    %1\n  SCL-ID         %2\n  NSCL list      %3\n  MAS  "
                            "          %4\n")
                 .arg(toHex(r.nodeId), r.sclId, r.nsclList.join(QStringLiteral(", ")), r.masFqdn);
    out() << QStringLiteral("  Kmr index      %1, expires %2, from %3\n")
                 .arg(r.kmrIndex)
                 .arg(mid::formatDateTime(r.kmrExpiry), r.kmrSource);
    out() << QStringLiteral(
                 "  PANA           Key-Id %1, Session-Lifetime %2 s, final PAR AUTH %3\n")
                 .arg(r.keyId)
                 .arg(r.sessionLifetime)
                 .arg(pana::authCheckName(r.finalAuth));
}

Result<void> writeCapture(const QString &path, const trace::Trace &trace,
                          const nodes::DeviceBootstrapConfig &c, quint16 localPort) {
    QList<pana::UdpDatagram> datagrams;
    const QHostAddress device = c.bindAddress.isEqual(QHostAddress(QHostAddress::AnyIPv4))
                                    ? QHostAddress(QStringLiteral("192.0.2.1"))
                                    : c.bindAddress;
    for (const trace::Event &e : trace.since(0)) {
        if (!e.isMessage() || e.protocol != u"PANA") {
            continue;
        }
        const bool sent = e.kind == trace::EventKind::MessageSent;
        pana::UdpDatagram d;
        d.source = sent ? device : QHostAddress(c.msbfHost);
        d.sourcePort = sent ? localPort : c.msbfPort;
        d.destination = sent ? QHostAddress(c.msbfHost) : device;
        d.destinationPort = sent ? c.msbfPort : localPort;
        d.payload = e.raw;
        d.time = e.wallTime;
        datagrams.append(d);
    }
    return pana::writePcap(path, datagrams);
}

} // namespace

int bootstrapCommand(const QStringList &args) {
    QCommandLineParser parser;
    addOptions(parser);
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    auto setup = setupFrom(parser);
    if (!setup) {
        err() << "m2mbench-cli bootstrap: " << setup.error().message << '\n';
        return ExitUsage;
    }
    trace::Trace trace;
    nodes::DeviceBootstrap device(setup->config, &trace);
    if (auto ok = device.start(); !ok) {
        err() << "m2mbench-cli bootstrap: " << ok.error().message << '\n';
        return ExitBenchError;
    }
    SignalWatcher watcher([](int) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), &QCoreApplication::quit,
                                  Qt::QueuedConnection);
    });
    bool decided = false;
    device.waitFor(
        [&] { return device.result().outcome != nodes::BootstrapResult::Outcome::Pending; },
        setup->timeoutMs,
        [&](bool ok) {
            decided = ok;
            QCoreApplication::quit();
        });
    QCoreApplication::exec();
    if (!decided) {
        device.cancel(QStringLiteral("no outcome within %1 ms (--timeout)").arg(setup->timeoutMs));
    }
    const nodes::BootstrapResult result = device.result();
    if (result.outcome == nodes::BootstrapResult::Outcome::Bootstrapped &&
        !parser.isSet(QStringLiteral("keep-session")) && device.session() &&
        device.session()->terminate()) {
        device.waitFor([&] { return device.session()->isClosed(); }, 2000,
                       [](bool) { QCoreApplication::quit(); });
        QCoreApplication::exec();
    }
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    printResult(result);
    if (!quiet) {
        printExchange(trace);
        out() << "\nKey derivation tree:\n"
              << keyTree(device.keys().records(), parser.isSet(QStringLiteral("show-keys")));
        if (!parser.isSet(QStringLiteral("show-keys"))) {
            out() << "(secret values are masked: add --show-keys to see them)\n";
        }
    }
    if (parser.isSet(QStringLiteral("pcap"))) {
        if (auto ok = writeCapture(parser.value(QStringLiteral("pcap")), trace, setup->config,
                                   device.localPort());
            !ok) {
            err() << "m2mbench-cli bootstrap: " << ok.error().message << '\n';
            return ExitBenchError;
        }
        out() << "Capture: " << parser.value(QStringLiteral("pcap")) << '\n';
    }
    out().flush();
    return result.outcome == nodes::BootstrapResult::Outcome::Bootstrapped ? ExitOk : ExitFailed;
}

} // namespace m2mbench::cli
