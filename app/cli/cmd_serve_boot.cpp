// SPDX-License-Identifier: Apache-2.0
// `m2mbench-cli serve msbf` and `serve mas`: the reference MSBF and MAS as standalone servers,
// printing each bootstrap's outcome and key derivation tree, and each Diameter event.
#include "app/cli/boot_cli.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/signal_pipe.h"

#include "core/common/endpoint.h"
#include "core/common/hex.h"
#include "core/crypto/pki.h"
#include "core/nodes/mas/mas_node.h"
#include "core/nodes/msbf/msbf_node.h"

#include <QCoreApplication>
#include <QDir>

namespace m2mbench::cli {

namespace {

void quitOnSignal(int) {
    QMetaObject::invokeMethod(QCoreApplication::instance(), &QCoreApplication::quit,
                              Qt::QueuedConnection);
}

Result<QHostAddress> numeric(const Endpoint &e, const QString &option) {
    QHostAddress a;
    if (!a.setAddress(e.host)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("%1 needs a numeric address, not '%2'").arg(option, e.host));
    }
    return a;
}

void addMsbfOptions(QCommandLineParser &p) {
    p.setApplicationDescription(QStringLiteral("Serves the reference MSBF: a PANA Authentication "
                                               "Agent with an EAP-TLS server (or a RADIUS "
                                               "pass-through to an AAA server), Kmr provisioning "
                                               "to a MAS, and optionally a RADIUS front end."));
    p.addOption({QStringLiteral("listen"),
                 QStringLiteral("PANA address and UDP port (default 127.0.0.1:716)"),
                 QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:716")});
    p.addOption({QStringLiteral("ca"),
                 QStringLiteral("CA certificate(s) that issue device certificates (PEM)"),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("cert"), QStringLiteral("the MSBF's certificate (PEM)"),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("key"), QStringLiteral("the MSBF's private key (PEM)"),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("pki-dir"),
                 QStringLiteral("without --ca/--cert/--key: where the generated run PKI is written "
                                "(default m2mbench-pki)"),
                 QStringLiteral("DIR"), QStringLiteral("m2mbench-pki")});
    p.addOption({QStringLiteral("devices"),
                 QStringLiteral("subscriber list (JSON); default: any device whose identity and "
                                "certificate name the same M2M-Node-ID"),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("lax-binding"),
         QStringLiteral("do not require the certificate to name the identity's M2M-Node-ID")});
    p.addOption({QStringLiteral("radius-listen"),
                 QStringLiteral("serve a RADIUS front end (EAP-TLS for external EAP peers)"),
                 QStringLiteral("ADDR:PORT")});
    p.addOption({QStringLiteral("radius-secret"),
                 QStringLiteral("shared secret of the RADIUS front end"), QStringLiteral("S")});
    p.addOption({QStringLiteral("aaa"),
                 QStringLiteral("pass-through: run EAP on this RADIUS AAA server instead"),
                 QStringLiteral("ADDR:PORT")});
    p.addOption({QStringLiteral("aaa-secret"), QStringLiteral("shared secret with the AAA server"),
                 QStringLiteral("S")});
    p.addOption({QStringLiteral("mas"),
                 QStringLiteral("provision Kmr to the MAS at this Diameter address"),
                 QStringLiteral("ADDR:PORT")});
    p.addOption({QStringLiteral("mas-optional"),
                 QStringLiteral("bootstrap even when the MAS does not confirm (default: "
                                "PANA_AUTHORIZATION_REJECTED)")});
    p.addOption({QStringLiteral("keylog"),
                 QStringLiteral("write the TLS secrets to FILE (NSS key log, mode 0600)"),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("show-keys"), QStringLiteral("print key values instead of masking them")});
    p.addOption(
        {QStringLiteral("quiet"), QStringLiteral("print one line per bootstrap, no key trees")});
    addProfileOption(p);
}

/// The MSBF's credential and trust anchors: the lab's files, or a run PKI written to --pki-dir.
Result<void> credentialsFor(const QCommandLineParser &p, nodes::MsbfConfig &c) {
    if (p.isSet(QStringLiteral("cert")) || p.isSet(QStringLiteral("key")) ||
        p.isSet(QStringLiteral("ca"))) {
        if (!p.isSet(QStringLiteral("cert")) || !p.isSet(QStringLiteral("key")) ||
            !p.isSet(QStringLiteral("ca"))) {
            return fail(Error::Kind::Config, QStringLiteral("--ca, --cert and --key go together"));
        }
        auto credential =
            crypto::loadCredential(p.value(QStringLiteral("cert")), p.value(QStringLiteral("key")));
        auto ca = crypto::loadCertificates(p.value(QStringLiteral("ca")));
        if (!credential || !ca) {
            return fail(!credential ? credential.error() : ca.error());
        }
        c.credential = *credential;
        c.caPem = *ca;
        return {};
    }
    const QString dir = p.value(QStringLiteral("pki-dir"));
    auto pki = crypto::TestPki::create(QStringLiteral("m2mbench run CA"));
    if (!pki || !QDir().mkpath(dir)) {
        return fail(pki ? Error(Error::Kind::Io, QStringLiteral("cannot create %1").arg(dir))
                        : pki.error());
    }
    const QByteArray nodeId = QByteArray::fromHex("00112233445566778899aabbccddeeff");
    const QString identity = crypto::deviceIdentity(c.profile.bootstrap, nodeId);
    auto server = pki->issueServer(c.profile.bootstrap.msbfFqdn);
    auto device = pki->issueDevice(nodeId, identity, c.profile.bootstrap.nodeIdUriPrefix);
    if (!server || !device) {
        return fail(!server ? server.error() : device.error());
    }
    c.credential = *server;
    c.caPem = pki->caCertificatePem();
    QFile ca(QDir(dir).filePath(QStringLiteral("ca.pem")));
    if (!ca.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        ca.write(c.caPem) != c.caPem.size()) {
        return fail(Error::Kind::Io, QStringLiteral("cannot write %1").arg(ca.fileName()));
    }
    for (const auto &[name, credential] : {std::pair{QStringLiteral("msbf"), *server},
                                           std::pair{QStringLiteral("device"), *device}}) {
        if (auto ok = crypto::writeCredential(dir, name, credential); !ok) {
            return fail(ok.error());
        }
    }
    out() << "Run PKI (ECDSA P-256) in " << QDir(dir).absolutePath()
          << ": ca.pem, msbf.pem/.key, device.pem/.key"
          << " (device " << identity << ", M2M-Node-ID " << toHex(nodeId) << ")\n";
    return {};
}

Result<void> routesFor(const QCommandLineParser &p, nodes::MsbfConfig &c) {
    if (p.isSet(QStringLiteral("aaa"))) {
        auto aaa = Endpoint::parse(p.value(QStringLiteral("aaa")), 1812);
        if (!aaa) {
            return fail(aaa.error().wrap(QStringLiteral("--aaa")));
        }
        auto address = numeric(*aaa, QStringLiteral("--aaa"));
        if (!address || !p.isSet(QStringLiteral("aaa-secret"))) {
            return fail(address
                            ? Error(Error::Kind::Config, QStringLiteral("--aaa needs --aaa-secret"))
                            : address.error());
        }
        c.aaa = radius::ClientConfig{*address, aaa->port,
                                     p.value(QStringLiteral("aaa-secret")).toUtf8(), 3000, 2};
    }
    if (p.isSet(QStringLiteral("mas"))) {
        auto mas = Endpoint::parse(p.value(QStringLiteral("mas")), 3868);
        if (!mas) {
            return fail(mas.error().wrap(QStringLiteral("--mas")));
        }
        c.mas = nodes::MsbfConfig::Mas{mas->host, mas->port, 5000,
                                       !p.isSet(QStringLiteral("mas-optional"))};
    }
    if (p.isSet(QStringLiteral("devices"))) {
        auto devices =
            nodes::MsbfPolicy::loadDevices(p.value(QStringLiteral("devices")), c.profile);
        if (!devices) {
            return fail(devices.error());
        }
        c.devices = *devices;
    } else {
        c.acceptAnyDevice = true;
    }
    c.laxCertificateBinding = p.isSet(QStringLiteral("lax-binding"));
    return {};
}

Result<nodes::MsbfConfig> msbfConfigFrom(const QCommandLineParser &p,
                                         std::shared_ptr<KeyLogFile> &keyLog) {
    auto profile = profileFrom(p);
    auto listen = Endpoint::parse(p.value(QStringLiteral("listen")), 716);
    if (!profile || !listen) {
        return fail(!profile ? profile.error() : listen.error());
    }
    auto address = numeric(*listen, QStringLiteral("--listen"));
    if (!address) {
        return fail(address.error());
    }
    nodes::MsbfConfig c;
    c.profile = *profile;
    c.address = *address;
    c.port = listen->port;
    for (const auto &step : {&credentialsFor, &routesFor}) {
        if (auto ok = step(p, c); !ok) {
            return fail(ok.error());
        }
    }
    if (p.isSet(QStringLiteral("keylog"))) {
        auto file = KeyLogFile::open(p.value(QStringLiteral("keylog")));
        if (!file) {
            return fail(file.error());
        }
        keyLog = *file;
        c.keyLog = KeyLogFile::sink(keyLog);
    }
    return c;
}

/// Prints each finished bootstrap once, with the key records derived since the last print.
void reportSessions(nodes::MsbfNode &msbf, bool quiet, bool show) {
    auto printed = std::make_shared<QSet<quint32>>();
    auto records = std::make_shared<qsizetype>(0);
    QObject::connect(
        &msbf, &nodes::MsbfNode::sessionChanged, &msbf,
        [&msbf, printed, records, quiet, show](quint32 id) {
            const auto info = msbf.info(id);
            if (!info || info->outcome == nodes::MsbfSessionInfo::Outcome::Pending ||
                printed->contains(id)) {
                return;
            }
            printed->insert(id);
            out() << QStringLiteral("%1 %2 from %3 (session 0x%4): %5\n")
                         .arg(nodes::outcomeName(info->outcome), info->identity, info->peer)
                         .arg(id, 8, 16, QLatin1Char('0'))
                         .arg(info->reason);
            if (info->outcome == nodes::MsbfSessionInfo::Outcome::Bootstrapped) {
                out() << QStringLiteral("  M2M-Node-ID %1, Kmr index %2 from %3, %4, MAS: %5\n")
                             .arg(toHex(info->nodeId))
                             .arg(info->kmrIndex)
                             .arg(info->kmrSource, info->tlsVersion, info->masResult);
            }
            const auto all = msbf.keys().records();
            if (!quiet && all.size() > *records) {
                out() << keyTree(all.mid(*records), show);
            }
            *records = all.size();
            out().flush();
        });
}

} // namespace

int serveMsbfCommand(const QStringList &args) {
    QCommandLineParser parser;
    addMsbfOptions(parser);
    int code = ExitOk;
    if (!parseOrExit(parser, args, &code)) {
        return code;
    }
    std::shared_ptr<KeyLogFile> keyLog;
    auto config = msbfConfigFrom(parser, keyLog);
    if (!config) {
        err() << "m2mbench-cli serve msbf: " << config.error().message << '\n';
        return ExitUsage;
    }
    nodes::MsbfNode msbf(*config);
    auto port = msbf.listen();
    if (!port) {
        err() << "m2mbench-cli serve msbf: " << port.error().message << '\n';
        return ExitBenchError;
    }
    out() << "MSBF listening for PANA on " << Endpoint{config->address.toString(), *port}.toString()
          << (config->aaa ? QStringLiteral(" (EAP on the AAA server %1:%2)")
                                .arg(config->aaa->server.toString())
                                .arg(config->aaa->port)
                          : QStringLiteral(" (local EAP-TLS server)"))
          << (config->mas ? QStringLiteral(", Kmr to the MAS at %1:%2")
                                .arg(config->mas->host)
                                .arg(config->mas->port)
                          : QString())
          << '\n';
    if (parser.isSet(QStringLiteral("radius-listen"))) {
        auto at = Endpoint::parse(parser.value(QStringLiteral("radius-listen")), 1812);
        auto address = at ? numeric(*at, QStringLiteral("--radius-listen"))
                          : Result<QHostAddress>(fail(at.error()));
        if (!address || !parser.isSet(QStringLiteral("radius-secret"))) {
            err() << "m2mbench-cli serve msbf: "
                  << (address ? QStringLiteral("--radius-listen needs --radius-secret")
                              : address.error().message)
                  << '\n';
            return ExitUsage;
        }
        auto radiusPort = msbf.listenRadius(*address, at->port,
                                            parser.value(QStringLiteral("radius-secret")).toUtf8());
        if (!radiusPort) {
            err() << "m2mbench-cli serve msbf: " << radiusPort.error().message << '\n';
            return ExitBenchError;
        }
        out() << "RADIUS front end on " << Endpoint{at->host, *radiusPort}.toString() << '\n';
    }
    const bool quiet = parser.isSet(QStringLiteral("quiet"));
    QObject::connect(&msbf, &nodes::MsbfNode::logLine, &msbf, [quiet](const QString &line) {
        if (!quiet &&
            (line.startsWith(QLatin1String("RADIUS")) || line.contains(QLatin1String("refused")))) {
            out() << line << '\n';
            out().flush();
        }
    });
    reportSessions(msbf, quiet, parser.isSet(QStringLiteral("show-keys")));
    // SIGINT/SIGTERM are handled before the banner reaches a reader that may send one at once.
    const SignalWatcher watcher(quitOnSignal);
    out().flush();
    QCoreApplication::exec();
    out() << "MSBF stopped after " << msbf.bootstraps() << " bootstrap(s)\n";
    return ExitOk;
}

namespace {

void addMasOptions(QCommandLineParser &p) {
    p.setApplicationDescription(
        QStringLiteral("Serves the reference MAS: Kmr per M2M-Node-ID and key index in SQLite, "
                       "over the Diameter base protocol and the profile's key application."));
    p.addOption({QStringLiteral("listen"),
                 QStringLiteral("Diameter address and TCP port (default 127.0.0.1:3868)"),
                 QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:3868")});
    p.addOption(
        {QStringLiteral("db"),
         QStringLiteral("SQLite key store (default m2mbench-mas.db; ':memory:' keeps nothing)"),
         QStringLiteral("FILE"), QStringLiteral("m2mbench-mas.db")});
    p.addOption({QStringLiteral("origin-host"),
                 QStringLiteral("Origin-Host (default: the profile's masFqdn)"),
                 QStringLiteral("FQDN")});
    p.addOption({QStringLiteral("realm"),
                 QStringLiteral("Origin-Realm (default: the profile's realm)"),
                 QStringLiteral("REALM")});
    p.addOption({QStringLiteral("connect"),
                 QStringLiteral("also connect out to a Diameter peer (CER/CEA, DWR/DWA)"),
                 QStringLiteral("ADDR:PORT")});
    p.addOption({QStringLiteral("retrievers"),
                 QStringLiteral(
                     "comma-separated Origin-Hosts allowed to retrieve keys (default: any peer)"),
                 QStringLiteral("HOSTS")});
    addProfileOption(p);
}

Result<nodes::MasConfig> masConfigFrom(const QCommandLineParser &p, Endpoint &listen,
                                       QHostAddress &address) {
    auto profile = profileFrom(p);
    auto endpoint = Endpoint::parse(p.value(QStringLiteral("listen")), 3868);
    if (!profile || !endpoint) {
        return fail(!profile ? profile.error() : endpoint.error());
    }
    auto numericAddress = numeric(*endpoint, QStringLiteral("--listen"));
    if (!numericAddress) {
        return fail(numericAddress.error());
    }
    listen = *endpoint;
    address = *numericAddress;
    nodes::MasConfig c;
    c.profile = profile->bootstrap;
    c.databasePath = p.value(QStringLiteral("db"));
    c.originHost = p.value(QStringLiteral("origin-host")).isEmpty()
                       ? profile->bootstrap.masFqdn
                       : p.value(QStringLiteral("origin-host"));
    c.originRealm = p.value(QStringLiteral("realm")).isEmpty() ? profile->bootstrap.realm
                                                               : p.value(QStringLiteral("realm"));
    if (p.isSet(QStringLiteral("retrievers"))) {
        c.retrievers =
            p.value(QStringLiteral("retrievers")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    return c;
}

} // namespace

int serveMasCommand(const QStringList &args) {
    QCommandLineParser p;
    addMasOptions(p);
    int code = ExitOk;
    if (!parseOrExit(p, args, &code)) {
        return code;
    }
    Endpoint listen;
    QHostAddress address;
    auto config = masConfigFrom(p, listen, address);
    auto peer = Endpoint::parse(p.value(QStringLiteral("connect")), 3868);
    if (!config || (p.isSet(QStringLiteral("connect")) && !peer)) {
        err() << "m2mbench-cli serve mas: "
              << (!config ? config.error().message : peer.error().message) << '\n';
        return ExitUsage;
    }
    nodes::MasNode mas(*config);
    QObject::connect(&mas, &nodes::MasNode::logLine, &mas, [](const QString &line) {
        out() << line << '\n';
        out().flush();
    });
    auto port = mas.open().and_then([&] { return mas.listen(address, listen.port); });
    if (!port) {
        err() << "m2mbench-cli serve mas: " << port.error().message << '\n';
        return ExitBenchError;
    }
    out() << "MAS " << config->originHost << " (realm " << config->originRealm
          << ") listening for Diameter on " << Endpoint{listen.host, *port}.toString()
          << ", application " << config->profile.masApplicationId << ", keys in "
          << config->databasePath << " (" << mas.store().count().value_or(0) << " stored)\n";
    if (p.isSet(QStringLiteral("connect"))) {
        mas.connectTo(peer->host, peer->port);
    }
    const SignalWatcher watcher(quitOnSignal);
    out().flush();
    QCoreApplication::exec();
    for (diameter::PeerConnection *connection : mas.connections()) {
        if (connection->isOpen()) {
            connection->disconnect();
        }
    }
    out() << "MAS stopped: " << mas.service().provisioned() << " key(s) provisioned, "
          << mas.service().retrieved() << " retrieved\n";
    return ExitOk;
}

} // namespace m2mbench::cli
