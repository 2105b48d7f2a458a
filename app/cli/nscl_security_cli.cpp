// SPDX-License-Identifier: Apache-2.0
#include "app/cli/nscl_security_cli.h"

#include "app/cli/boot_cli.h"
#include "core/common/endpoint.h"
#include "core/common/hex.h"
#include "core/nodes/mas/mas_client.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/protocol/tls/psk_identity.h"
#include "core/trace/key_log.h"

#include <QHostAddress>

namespace m2mbench::cli {

namespace {

const QString kKmr = QStringLiteral("kmr");
const QString kKmc = QStringLiteral("kmc");

Result<std::pair<QHostAddress, quint16>> listenAddress(const QCommandLineParser &p,
                                                       const QString &option) {
    auto e = Endpoint::parse(p.value(option));
    if (!e) {
        return fail(e.error().wrap(QStringLiteral("--") + option));
    }
    QHostAddress address;
    if (!address.setAddress(e->host)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("--%1 needs a numeric address, not '%2'").arg(option, e->host));
    }
    return std::pair{address, e->port};
}

} // namespace

Result<GivenKey> parseGivenKey(const QString &text, const QString &option) {
    // NODE-ID:INDEX:HEX[:SCL-ID]
    const QStringList parts = text.split(QLatin1Char(':'));
    // The message names the node, never any part of the key.
    const auto bad = [&](const QString &why) {
        return fail(Error::Kind::Config,
                    QStringLiteral("--%1 for node '%2': %3 (expected NODE-ID:INDEX:HEX[:SCL-ID], "
                                   "NODE-ID 16 octets in hex, the key 32 octets in hex)")
                        .arg(option, parts.value(0).left(40), why));
    };
    if (parts.size() < 3 || parts.size() > 4) {
        return bad(QStringLiteral("%1 fields").arg(parts.size()));
    }
    auto nodeId = fromHex(parts.at(0));
    if (!nodeId || nodeId->size() != tls::kNodeIdLength) {
        return bad(QStringLiteral("the M2M-Node-ID is not 16 octets of hex"));
    }
    bool ok = false;
    const quint32 index = parts.at(1).toUInt(&ok);
    if (!ok) {
        return bad(QStringLiteral("the key index is not an unsigned 32-bit number"));
    }
    auto key = fromHex(parts.at(2));
    if (!key || key->size() != 32) {
        return bad(QStringLiteral("the key is not 32 octets of hex"));
    }
    GivenKey g;
    g.nodeId = *nodeId;
    g.index = index;
    g.key = SecureBytes::fromByteArray(*key);
    key->fill('\0');
    g.sclId = parts.size() == 4 ? parts.at(3) : QString();
    return g;
}

void addNsclSecurityOptions(QCommandLineParser &p) {
    p.addOption({QStringLiteral("https-psk"),
                 QStringLiteral("serve mId over HTTP over TLS-PSK (PSK = Kmc) and the service "
                                "connection (PSK = Kmr) on this address (port 0 picks one)"),
                 QStringLiteral("ADDR:PORT")});
    p.addOption({QStringLiteral("connection"),
                 QStringLiteral("serve the service connection on a port of its own"),
                 QStringLiteral("ADDR:PORT")});
    p.addOption({QStringLiteral("coap"), QStringLiteral("serve mId over plain CoAP"),
                 QStringLiteral("ADDR:PORT")});
    p.addOption({QStringLiteral("coaps"),
                 QStringLiteral("serve mId over CoAP over DTLS-PSK (PSK = Kmc)"),
                 QStringLiteral("ADDR:PORT")});
    p.addOption(
        {QStringLiteral("mas"),
         QStringLiteral("look up the Kmr of nodes not given with --kmr at this MAS (Diameter)"),
         QStringLiteral("ADDR:PORT")});
    p.addOption({kKmr,
                 QStringLiteral("a pre-provisioned Kmr (repeatable); SCL-ID defaults to the "
                                "profile's pattern"),
                 QStringLiteral("NODE-ID:INDEX:HEX[:SCL-ID]")});
    p.addOption({kKmc,
                 QStringLiteral("a Kmc given by hand, for mId sessions without a service "
                                "connection (repeatable)"),
                 QStringLiteral("NODE-ID:INDEX:HEX[:SCL-ID]")});
    p.addOption({QStringLiteral("keylog"),
                 QStringLiteral("append every TLS/DTLS session's secrets to FILE (NSS key log; "
                                "$SSLKEYLOGFILE is honoured too)"),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("tls-ciphers"),
                 QStringLiteral("OpenSSL cipher list of the TLS-PSK front ends"),
                 QStringLiteral("LIST"), QLatin1String(tls::kDefaultTlsCiphers)});
    p.addOption({QStringLiteral("dtls-ciphers"),
                 QStringLiteral("OpenSSL cipher list of the DTLS-PSK front end"),
                 QStringLiteral("LIST"), QLatin1String(tls::kDefaultDtlsCiphers)});
    addProfileOption(p);
}

bool wantsNsclSecurity(const QCommandLineParser &p) {
    for (const char *o : {"https-psk", "connection", "coap", "coaps", "mas", "kmr", "kmc"}) {
        if (p.isSet(QLatin1String(o))) {
            return true;
        }
    }
    return false;
}

Result<NsclSecurityCli> startNsclSecurity(const QCommandLineParser &p, nodes::NsclNode &node,
                                          const http::BindingProfile &binding) {
    NsclSecurityCli out;
    auto profile = profileFrom(p);
    if (!profile) {
        return fail(profile.error());
    }
    QList<GivenKey> kmrs;
    QList<GivenKey> kmcs;
    for (const QString &v : p.values(kKmr)) {
        auto k = parseGivenKey(v, kKmr);
        if (!k) {
            return fail(k.error());
        }
        kmrs << *k;
    }
    for (const QString &v : p.values(kKmc)) {
        auto k = parseGivenKey(v, kKmc);
        if (!k) {
            return fail(k.error());
        }
        kmcs << *k;
    }
    if (!p.isSet(QStringLiteral("https-psk")) && !p.isSet(QStringLiteral("connection")) &&
        !p.isSet(QStringLiteral("coap")) && !p.isSet(QStringLiteral("coaps"))) {
        return fail(Error::Kind::Config,
                    QStringLiteral("keys were given but no secured front end: add --https-psk, "
                                   "--connection, --coap or --coaps"));
    }
    if (kmrs.isEmpty() && kmcs.isEmpty() && !p.isSet(QStringLiteral("mas"))) {
        out.lines << QStringLiteral("Note: no --kmr, --kmc or --mas: every service connection and "
                                    "secured mId session will be refused");
    }

    out.trace = std::make_unique<trace::Trace>();
    out.keyLog = std::make_unique<trace::KeyLogWriter>(p.value(QStringLiteral("keylog")));
    if (auto ok = out.keyLog->open(); !ok) {
        return fail(ok.error().wrap(QStringLiteral("--keylog")));
    }
    out.trace->addObserver(out.keyLog.get());

    nodes::NsclSecurityConfig sc;
    sc.profile = *profile;
    sc.tlsCiphers = p.value(QStringLiteral("tls-ciphers"));
    sc.dtlsCiphers = p.value(QStringLiteral("dtls-ciphers"));
    sc.trace = out.trace.get();
    sc.coapBinding.status = coap::StatusProfile::fromHttp(binding.status);
    auto security = node.enableSecurity(sc);
    if (!security) {
        return fail(security.error());
    }
    nodes::NsclSecurity *s = *security;
    for (const GivenKey &k : kmrs) {
        s->kmr().provision({k.nodeId,
                            k.index,
                            k.key,
                            QDateTime(),
                            k.sclId,
                            QStringLiteral("pre-provisioned (--kmr)"),
                            {}});
    }
    for (const GivenKey &k : kmcs) {
        nodes::KmcEntry e;
        e.nodeId = k.nodeId;
        e.index = k.index;
        e.key = k.key;
        e.expiry = QDateTime::currentDateTimeUtc().addSecs(
            profile->kmcLifetimeSeconds > 0 ? profile->kmcLifetimeSeconds : 86400);
        e.sclId = k.sclId;
        s->provisionKmc(std::move(e));
    }
    if (p.isSet(QStringLiteral("mas"))) {
        auto mas = Endpoint::parse(p.value(QStringLiteral("mas")), 3868);
        if (!mas) {
            return fail(mas.error().wrap(QStringLiteral("--mas")));
        }
        nodes::MasClientConfig cc;
        cc.profile = profile->bootstrap;
        cc.host = mas->host;
        cc.port = mas->port;
        cc.originHost = QStringLiteral("nscl.") + profile->bootstrap.realm;
        cc.lifeline = QStringLiteral("NSCL");
        cc.peerLifeline = QStringLiteral("MAS");
        auto *client = new nodes::MasClient(cc, out.trace.get(), &node);
        s->kmr().setMas(client, 5000);
        out.lines << QStringLiteral("Kmr of other nodes looked up at the MAS at diameter://%1")
                         .arg(mas->toString());
    }

    struct FrontEnd {
        QString option;
        QString scheme;
        std::function<Result<quint16>(const QHostAddress &, quint16)> listen;
    };
    const QList<FrontEnd> ends = {
        {QStringLiteral("connection"), QStringLiteral("service connection (TLS-PSK, Kmr) on tls"),
         [s](const QHostAddress &a, quint16 port) { return s->listenConnection(a, port); }},
        {QStringLiteral("https-psk"),
         QStringLiteral("HTTP over TLS-PSK (Kmc) and the service connection (Kmr) on https"),
         [s](const QHostAddress &a, quint16 port) { return s->listenHttpsPsk(a, port); }},
        {QStringLiteral("coap"), QStringLiteral("CoAP on coap"),
         [s](const QHostAddress &a, quint16 port) { return s->listenCoap(a, port); }},
        {QStringLiteral("coaps"), QStringLiteral("CoAP over DTLS-PSK (Kmc) on coaps"),
         [s](const QHostAddress &a, quint16 port) { return s->listenCoaps(a, port); }},
    };
    for (const FrontEnd &f : ends) {
        if (!p.isSet(f.option)) {
            continue;
        }
        auto at = listenAddress(p, f.option);
        if (!at) {
            return fail(at.error());
        }
        auto port = f.listen(at->first, at->second);
        if (!port) {
            return fail(port.error().wrap(QStringLiteral("--") + f.option));
        }
        const QString shown = at->first.protocol() == QAbstractSocket::IPv6Protocol
                                  ? QStringLiteral("[%1]:%2").arg(at->first.toString()).arg(*port)
                                  : QStringLiteral("%1:%2").arg(at->first.toString()).arg(*port);
        out.lines << QStringLiteral("NSCL serving %1://%2").arg(f.scheme, shown);
    }
    if (!out.keyLog->path().isEmpty()) {
        out.lines << QStringLiteral("TLS/DTLS secrets go to %1").arg(out.keyLog->path());
    }
    QObject::connect(s, &nodes::NsclSecurity::securityLine, &node,
                     [&node](const QString &line) { emit node.requestLogged(line); });
    return out;
}

NsclSecurityCli::NsclSecurityCli() = default;
NsclSecurityCli::NsclSecurityCli(NsclSecurityCli &&) noexcept = default;
NsclSecurityCli &NsclSecurityCli::operator=(NsclSecurityCli &&) noexcept = default;
NsclSecurityCli::~NsclSecurityCli() {
    if (trace && keyLog) {
        trace->removeObserver(keyLog.get());
    }
}

} // namespace m2mbench::cli
