// SPDX-License-Identifier: Apache-2.0
#include "core/runner/secure_setup.h"

#include "core/common/hex.h"
#include "core/nodes/mas/mas_client.h"
#include "core/nodes/mas/mas_node.h"
#include "core/runner/runner.h"

#include <QJsonDocument>

namespace m2mbench::runner {

Result<crypto::Profile> runProfile(const RunOptions &options) {
    auto builtin = crypto::Profile::builtin();
    if (!builtin) {
        return builtin;
    }
    if (!options.profileJson.isEmpty()) {
        return crypto::Profile::overlay(*builtin, QJsonDocument(options.profileJson).toJson(),
                                        QStringLiteral("the recorded profile"));
    }
    return options.profileFile.isEmpty() ? builtin : crypto::Profile::load(options.profileFile);
}

namespace {

Result<QByteArray> hexItem(const Pixit &pixit, const QString &id, int length, bool optional) {
    const QString text = pixit.stringValue(id).trimmed();
    if (text.isEmpty() && optional) {
        return QByteArray();
    }
    auto bytes = fromHex(text);
    if (!bytes || bytes->size() != length) {
        return fail(Error::Kind::Config,
                    QStringLiteral("PIXIT %1 must be %2 octets in hex").arg(id).arg(length));
    }
    return *bytes;
}

Result<std::optional<Endpoint>> address(const Pixit &pixit, const QString &id) {
    const QString text = pixit.stringValue(id).trimmed();
    if (text.isEmpty()) {
        return std::optional<Endpoint>();
    }
    auto e = Endpoint::parse(text);
    if (!e) {
        return fail(e.error().wrap(QStringLiteral("PIXIT %1").arg(id)));
    }
    return std::optional<Endpoint>(*e);
}

} // namespace

Result<nodes::DeviceKeys> deviceKeysFrom(const Pixit &pixit, const KeyItems &items) {
    nodes::DeviceKeys keys;
    auto nodeId = hexItem(pixit, items.nodeId, 16, false);
    auto kmr = hexItem(pixit, items.kmr, 32, true);
    auto kmc = hexItem(pixit, items.kmc, 32, true);
    for (const auto *r : {&nodeId, &kmr, &kmc}) {
        if (!*r) {
            return fail(r->error());
        }
    }
    keys.nodeId = *nodeId;
    keys.kmr = SecureBytes::fromByteArray(*kmr);
    keys.kmrIndex = static_cast<quint32>(pixit.intValue(items.kmrIndex, 1));
    keys.kmrOrigin = QStringLiteral("pre-provisioned (PIXIT %1)").arg(items.kmr);
    keys.sclId = pixit.stringValue(items.sclId, QStringLiteral("gscl-bench-01"));
    if (!kmc->isEmpty()) {
        nodes::ConnectionState given;
        given.nodeId = keys.nodeId;
        given.kmcIndex = static_cast<quint32>(pixit.intValue(items.kmcIndex, 1));
        given.kmc = SecureBytes::fromByteArray(*kmc);
        given.sclId = keys.sclId;
        keys.givenKmc = given;
    }
    kmr->fill('\0');
    kmc->fill('\0');
    return keys;
}

Result<SecurePorts> startEmbeddedSecurity(nodes::NsclNode *nscl, const EmbeddedSecurity &c) {
    nodes::NsclSecurityConfig sc;
    sc.profile = c.profile;
    sc.tlsCiphers = c.tlsCiphers;
    sc.dtlsCiphers = c.dtlsCiphers;
    sc.trace = c.trace;
    sc.lifeline = c.lifeline;
    sc.peerLifeline = c.peerLifeline;
    sc.recordMessages = c.recordMessages;
    sc.coapBinding.status = coap::StatusProfile::fromHttp(c.status);
    auto security = nscl->enableSecurity(sc);
    if (!security) {
        return fail(security.error());
    }
    nodes::KmrEntry kmr{c.keys.nodeId,
                        c.keys.kmrIndex,
                        c.keys.kmr,
                        QDateTime::currentDateTimeUtc().addSecs(c.profile.kmrLifetimeSeconds),
                        c.keys.sclId,
                        QStringLiteral("pre-provisioned in the embedded NSCL"),
                        {}};
    quint16 masListen = 0;
    if (c.useMas && c.keys.hasKmr()) {
        nodes::MasConfig mc;
        mc.profile = c.profile.bootstrap;
        mc.lifeline = QStringLiteral("MAS");
        auto *mas = new nodes::MasNode(mc, nullptr, nscl);
        auto masPort = mas->open() ? mas->listen(QHostAddress::LocalHost, 0)
                                   : fail(Error::Kind::Io, QStringLiteral("the MAS store"));
        if (!masPort) {
            return fail(masPort.error().wrap(QStringLiteral("the embedded MAS")));
        }
        if (auto ok = mas->store().put({kmr.nodeId, kmr.index, kmr.key, kmr.expiry, kmr.sclId});
            !ok) {
            return fail(ok.error());
        }
        nodes::MasClientConfig cc;
        cc.profile = mc.profile;
        cc.port = *masPort;
        masListen = *masPort;
        cc.originHost = QStringLiteral("nscl.") + c.profile.bootstrap.realm;
        cc.lifeline = c.lifeline;
        cc.peerLifeline = QStringLiteral("MAS");
        auto *client = new nodes::MasClient(cc, c.trace, nscl);
        (*security)->kmr().setMas(client, 5000);
    } else if (c.keys.hasKmr()) {
        (*security)->kmr().provision(kmr);
    }
    const auto at = [](const Endpoint &e) { return QHostAddress(e.host); };
    Result<quint16> connection = quint16(0);
    if (c.connectionListen) {
        connection =
            (*security)->listenConnection(at(*c.connectionListen), c.connectionListen->port);
    }
    auto https = (*security)->listenHttpsPsk(at(c.httpsListen), c.httpsListen.port);
    auto coap = (*security)->listenCoap(at(c.coapListen), c.coapListen.port);
    auto coaps = (*security)->listenCoaps(at(c.coapsListen), c.coapsListen.port);
    for (const auto *r : {&connection, &https, &coap, &coaps}) {
        if (!*r) {
            return fail(r->error());
        }
    }
    return SecurePorts{*connection, *https, *coap, *coaps, masListen};
}

Result<void> applyBindingPixit(const Pixit &pixit, nodes::DeviceSecurityConfig &s,
                               const QString &bindingItem) {
    const QString name = pixit.stringValue(bindingItem, QStringLiteral("http"));
    const auto binding = nodes::bindingFromName(name);
    if (!binding) {
        return fail(Error::Kind::Config,
                    QStringLiteral("PIXIT %1: '%2' is not http, https-psk, coap or coaps")
                        .arg(bindingItem, name));
    }
    s.binding = *binding;
    s.tlsCiphers = pixit.stringValue(QStringLiteral("PX_TLS_CIPHERS"), s.tlsCiphers);
    s.coapLimits.ackTimeoutMs = pixit.intValue(QStringLiteral("PX_COAP_ACK_TIMEOUT_MS"), 2000);
    s.coapLimits.maxRetransmit = pixit.intValue(QStringLiteral("PX_COAP_MAX_RETRANSMIT"), 4);
    s.coapLimits.blockSize = pixit.intValue(QStringLiteral("PX_COAP_BLOCK_SIZE"), 1024);
    s.coapLimits.maxBody = pixit.intValue(QStringLiteral("PX_COAP_MAX_BODY"), 1024 * 1024);
    if (s.coapLimits.ackTimeoutMs < coap::kMinAckTimeoutMs) {
        return fail(Error::Kind::Config,
                    QStringLiteral("PIXIT PX_COAP_ACK_TIMEOUT_MS must be at least %1 (libcoap "
                                   "takes no shorter ACK_TIMEOUT)")
                        .arg(coap::kMinAckTimeoutMs));
    }
    if (coap::Block::szxFor(s.coapLimits.blockSize) < 0) {
        return fail(Error::Kind::Config,
                    QStringLiteral("PIXIT PX_COAP_BLOCK_SIZE must be 16, 32, ... or 1024"));
    }
    return {};
}

Result<NsclAddresses> nsclAddressesFrom(const Pixit &pixit, const QString &targetHost) {
    NsclAddresses out;
    struct Item {
        nodes::MidBinding binding;
        QString id;
        quint16 defaultPort;
        QString *host;
        quint16 *port;
    };
    nodes::DeviceSecurityConfig &s = out.security;
    const QList<Item> items = {
        {nodes::MidBinding::HttpsPsk, QStringLiteral("PX_NSCL_HTTPS_PSK_ADDRESS"), 0, &s.httpsHost,
         &s.httpsPort},
        {nodes::MidBinding::Coap, QStringLiteral("PX_NSCL_COAP_ADDRESS"), 5683, &s.coapHost,
         &s.coapPort},
        {nodes::MidBinding::Coaps, QStringLiteral("PX_NSCL_COAPS_ADDRESS"), 5684, &s.coapsHost,
         &s.coapsPort},
    };
    for (const Item &i : items) {
        auto e = address(pixit, i.id);
        if (!e) {
            return fail(e.error());
        }
        if (*e) {
            *i.host = (*e)->host;
            *i.port = (*e)->port;
        } else if (i.defaultPort != 0) {
            *i.host = targetHost;
            *i.port = i.defaultPort;
        } else {
            out.missing.insert(i.binding, QStringLiteral("PIXIT %1 does not say where the NSCL "
                                                         "serves this binding")
                                              .arg(i.id));
        }
    }
    auto connection = address(pixit, QStringLiteral("PX_NSCL_CONNECTION_ADDRESS"));
    if (!connection) {
        return fail(connection.error());
    }
    if (*connection) {
        s.connectionHost = (*connection)->host;
        s.connectionPort = (*connection)->port;
    }
    return out;
}

} // namespace m2mbench::runner
