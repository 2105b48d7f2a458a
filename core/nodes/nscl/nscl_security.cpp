// SPDX-License-Identifier: Apache-2.0
// The NSCL's service connection (TLS-PSK keyed by Kmr, Kmc derivation, <connectionParamSet>) and
// HTTP over TLS-PSK keyed by Kmc. CoAP is in nscl_security_coap.cpp.
#include "core/nodes/nscl/nscl_security.h"

#include "core/common/hex.h"
#include "core/crypto/key_hierarchy.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/nodes/wire_events.h"
#include "core/protocol/http/http_describe.h"
#include "core/protocol/mid/security_resources.h"
#include "core/protocol/tls/psk_stream.h"
#include "core/protocol/tls/service_connection.h"
#include "core/trace/trace.h"

#include <QTcpSocket>
#include <QUrlQuery>

namespace m2mbench::nodes {

namespace {

/// The channel of the messages recorded inside a TLS-PSK session (trace::Event::channel).
const QString kTlsChannel = QStringLiteral("TLS-PSK");
constexpr int kKeptRandoms = 1024; // accepted connections whose parameters can still be read
constexpr int kKeptOutcomes = 256;
} // namespace

/// What one service-connection handshake learnt about its Kmr.
struct NsclSecurity::Slot {
    QByteArray identity;
    bool kmcSession = false; ///< keyed by Kmc (mId), else by Kmr (service connection)
    std::optional<KmrLookup> lookup;
};

NsclSecurity::NsclSecurity(NsclNode &node, NsclSecurityConfig config, QObject *parent)
    : QObject(parent)
    , m_node(node)
    , m_config(std::move(config))
    , m_kmr(*m_config.clock)
    , m_kmc(*m_config.clock)
    , m_keys(m_config.trace, m_config.lifeline + QLatin1Char('.')) {}

NsclSecurity::~NsclSecurity() = default;

Result<void> NsclSecurity::init() {
    tls::PskContextConfig c;
    c.role = tls::Role::Server;
    c.cipherList = m_config.tlsCiphers;
    c.keyLogTrace = m_config.trace;
    c.lifeline = m_config.lifeline;
    auto ctx = tls::PskContext::create(c);
    if (!ctx) {
        return fail(ctx.error().wrap(QStringLiteral("the NSCL's TLS-PSK")));
    }
    m_tls = *ctx;
    return {};
}

quint64 NsclSecurity::record(trace::Event event) {
    return m_config.trace ? m_config.trace->append(std::move(event)) : 0;
}

void NsclSecurity::remember(ConnectionOutcome outcome) {
    m_outcomes.push_back(outcome);
    while (m_outcomes.size() > kKeptOutcomes) {
        m_outcomes.pop_front();
    }
    emit connectionSeen(outcome);
}

Result<quint16> NsclSecurity::listenConnection(const QHostAddress &address, quint16 port) {
    if (!m_connectionServer) {
        http::Server::Options o;
        o.wrap = [this](QTcpSocket *s, QObject *p) { return wrap(s, p, false); };
        o.idleTimeoutMs = m_config.handshakeTimeoutMs + 5000;
        m_connectionServer =
            new http::Server([this](const http::Request &r,
                                    const http::PeerInfo &p) { return connectionResource(r, p); },
                             o, this);
    }
    return m_connectionServer->listen(address, port);
}

Result<quint16> NsclSecurity::listenHttpsPsk(const QHostAddress &address, quint16 port) {
    if (!m_httpsServer) {
        http::Server::Options o;
        o.wrap = [this](QTcpSocket *s, QObject *p) { return wrap(s, p, true); };
        m_httpsServer = new http::Server(
            [this](const http::Request &r, const http::PeerInfo &p) { return httpsRequest(r, p); },
            o, this);
    }
    return m_httpsServer->listen(address, port);
}

http::Stream *NsclSecurity::wrap(QTcpSocket *socket, QObject *parent, bool acceptKmc) {
    auto slot = std::make_shared<Slot>();
    // One identity form names a Kmr and a Kmc: a Kmc this NSCL gave (its indices start above
    // what an MSBF hands out as Kmr indices) makes an mId session, anything else is a service
    // connection keyed by Kmr.
    auto resolve = [this, slot, acceptKmc](const QByteArray &identity,
                                           std::function<void(tls::PskLookup)> answer) {
        slot->identity = identity;
        auto id = tls::PskIdentity::parse(identity);
        if (!id) {
            answer({{}, id.error().message});
            return;
        }
        if (acceptKmc && m_kmc.find(id->nodeId, id->index)) {
            slot->kmcSession = true;
            answer(m_kmc.lookup(identity));
            return;
        }
        if (!m_refuseAll.isEmpty()) {
            answer({{}, m_refuseAll});
            return;
        }
        m_kmr.lookup(*id, [slot, answer](KmrLookup lookup) {
            slot->lookup = lookup;
            answer({lookup.outcome == KmrLookup::Outcome::Found ? lookup.entry.key : SecureBytes(),
                    lookup.reason});
        });
    };
    auto *stream = new tls::PskStream(socket, m_tls, resolve, parent);
    stream->setHandshakeTimeout(m_config.handshakeTimeoutMs);
    connect(stream, &tls::PskStream::handshakeDone, this,
            [this, slot](const http::StreamSecurity &s) {
                if (!slot->kmcSession) {
                    onKmrHandshake(slot, s);
                }
            });
    connect(stream, &tls::PskStream::handshakeFailed, this, [this, slot](const QString &reason) {
        if (slot->kmcSession) {
            const QString line = QStringLiteral("mId session refused: %1").arg(reason);
            record(trace::Event::log(m_config.lifeline, line));
            emit securityLine(line);
        } else {
            onRefused(slot->identity, reason);
        }
    });
    if (m_config.recordMessages) {
        connect(stream, &tls::PskStream::handshakeRecords, this,
                [this](bool out, const QByteArray &records) {
                    record(
                        out ? tlsEvent(true, m_config.lifeline, m_config.peerLifeline, records)
                            : tlsEvent(false, m_config.peerLifeline, m_config.lifeline, records));
                });
    }
    return stream;
}

void NsclSecurity::onRefused(const QByteArray &identity, const QString &reason) {
    ConnectionOutcome o;
    o.identity = identity;
    o.reason = reason;
    o.seq = record(trace::Event::log(m_config.lifeline,
                                     QStringLiteral("service connection refused: %1").arg(reason)));
    emit securityLine(QStringLiteral("service connection refused: %1").arg(reason));
    remember(o);
}

QString NsclSecurity::kmrRecordId(const KmrEntry &entry) {
    QString id = m_kmr.recordIdOf(entry.nodeId, entry.index);
    if (id.isEmpty() && m_config.trace) {
        id = m_keys
                 .recordGiven(QStringLiteral("Kmr"), entry.key,
                              QStringLiteral("Kmr %1:%2, %3")
                                  .arg(toHex(entry.nodeId))
                                  .arg(entry.index)
                                  .arg(entry.origin))
                 .recordId;
        m_kmr.noteRecordId(entry.nodeId, entry.index, id);
    }
    return id;
}

void NsclSecurity::onKmrHandshake(const std::shared_ptr<Slot> &slot,
                                  const http::StreamSecurity &security) {
    if (!slot->lookup || slot->lookup->outcome != KmrLookup::Outcome::Found) {
        return; // cannot happen: the handshake needed the key
    }
    const KmrEntry &kmr = slot->lookup->entry;
    const auto [index, connectionId] = m_kmc.allocate(kmr.nodeId);
    auto derived = m_keys.record(crypto::deriveKmc(
        m_config.profile, crypto::NamedKey{QStringLiteral("Kmr"), kmr.key, kmrRecordId(kmr)},
        kmr.nodeId, index, security.clientRandom, security.serverRandom));
    if (!derived) {
        onRefused(slot->identity, derived.error().message);
        return;
    }
    const qint64 lifetime = m_lifetimeOverride > 0            ? m_lifetimeOverride
                            : m_config.kmcLifetimeSeconds > 0 ? m_config.kmcLifetimeSeconds
                                                              : m_config.profile.kmcLifetimeSeconds;
    KmcEntry kmc{kmr.nodeId,
                 index,
                 derived->value,
                 m_config.clock->now().addSecs(lifetime),
                 connectionId,
                 kmr.sclId.isEmpty() ? crypto::sclIdFor(m_config.profile.bootstrap, kmr.nodeId)
                                     : kmr.sclId,
                 m_config.midFlags,
                 derived->recordId};
    m_kmc.put(kmc);
    m_byRandom.insert(security.clientRandom, kmc);
    m_randomOrder.push_back(security.clientRandom);
    while (m_randomOrder.size() > kKeptRandoms) {
        m_byRandom.remove(m_randomOrder.front());
        m_randomOrder.pop_front();
    }
    const mid::ConnectionParamSet set{kmc.connectionId, kmc.index, kmc.expiry,
                                      kmc.key,          kmc.sclId, kmc.midFlags};
    trace::Event e = trace::Event::log(
        m_config.lifeline, QStringLiteral("service connection %1 accepted: Kmr %2, Kmc index %3, "
                                          "lifetime %4, %5")
                               .arg(kmc.connectionId)
                               .arg(QString::fromLatin1(slot->identity))
                               .arg(kmc.index)
                               .arg(mid::formatDateTime(kmc.expiry), security.cipher));
    e.raw = mid::encodeConnectionParamSet(set, false); // the record, key masked
    ConnectionOutcome o{true, slot->identity, {}, kmc, security.cipher, record(std::move(e))};
    emit securityLine(QStringLiteral("service connection %1 accepted for %2 (Kmc index %3)")
                          .arg(kmc.connectionId)
                          .arg(QString::fromLatin1(slot->identity))
                          .arg(kmc.index));
    remember(o);
}

http::Response NsclSecurity::connectionResource(const http::Request &request,
                                                const http::PeerInfo &peer) {
    const QString wanted =
        m_node.service().config().basePath + QLatin1String(tls::kConnectionParamSetPath);
    mid::Response rsp;
    const auto kmc = m_byRandom.constFind(peer.security.clientRandom);
    if (request.path() != wanted) {
        rsp = errorResponse(mid::StatusCode::NotFound,
                            QStringLiteral("the service connection serves %1 only").arg(wanted));
    } else if (request.method != "GET") {
        rsp = errorResponse(mid::StatusCode::MethodNotAllowed,
                            QStringLiteral("%1 is read with GET").arg(wanted));
    } else if (kmc == m_byRandom.constEnd()) {
        rsp = errorResponse(mid::StatusCode::InternalServerError,
                            QStringLiteral("no Kmc for this session"));
    } else {
        KmcEntry entry = *kmc;
        const QUrlQuery query(QString::fromUtf8(request.query()));
        bool ok = false;
        const qint64 asked =
            query.queryItemValue(QLatin1String(tls::kLifetimeQuery)).toLongLong(&ok);
        if (ok && asked > 0) {
            const QDateTime shorter =
                m_config.clock->now().addSecs(std::max(asked, m_config.minKmcLifetimeSeconds));
            if (shorter < entry.expiry) {
                entry.expiry = shorter;
                m_kmc.shorten(entry.nodeId, entry.index, shorter);
            }
        }
        auto confirmation = tls::kmcConfirmation(m_config.profile, entry.key, entry.connectionId);
        const mid::ConnectionParamSet set{
            entry.connectionId, entry.index,
            entry.expiry,       confirmation ? *confirmation : SecureBytes(),
            entry.sclId,        entry.midFlags};
        rsp.status = mid::StatusCode::Ok;
        rsp.body = mid::encodeConnectionParamSet(set, true); // a confirmation, not the key
        rsp.contentType = QStringLiteral("application/xml");
    }
    http::Response out = http::toHttpResponse(rsp);
    out.headers.set("Connection", "close"); // the connection's job is done
    if (m_config.recordMessages) {
        const QByteArray raw = request.serialize();
        record(wireEvent(false, m_config.peerLifeline, m_config.lifeline, QStringLiteral("HTTP"),
                         raw, http::summarizeRequest(request), kTlsChannel));
        record(wireEvent(true, m_config.lifeline, m_config.peerLifeline, QStringLiteral("HTTP"),
                         out.serialize(), http::summarizeResponse(out), kTlsChannel));
    }
    return out;
}

http::Response NsclSecurity::httpsRequest(const http::Request &request,
                                          const http::PeerInfo &peer) {
    if (m_byRandom.contains(peer.security.clientRandom)) {
        return connectionResource(request, peer); // a service connection on the shared port
    }
    const http::BindingProfile &binding = m_node.binding();
    auto primitive = http::fromHttpRequest(request);
    mid::Response rsp;
    const auto id = tls::PskIdentity::parse(peer.security.pskIdentity);
    if (!id || !m_kmc.find(id->nodeId, id->index)) {
        rsp = errorResponse(mid::StatusCode::PermissionDenied,
                            QStringLiteral("this session is not keyed by a Kmc: mId needs a "
                                           "service connection's Kmc first"));
    } else if (!primitive) {
        rsp = errorResponse(mid::StatusCode::BadRequest, primitive.error().message);
    } else {
        rsp = serve(QStringLiteral("https-psk"), *primitive, peer.security.pskIdentity);
    }
    http::Response out = http::toHttpResponse(rsp, binding);
    if (m_config.recordMessages) {
        record(wireEvent(false, m_config.peerLifeline, m_config.lifeline, QStringLiteral("HTTP"),
                         request.serialize(), http::summarizeRequest(request), kTlsChannel));
        record(wireEvent(true, m_config.lifeline, m_config.peerLifeline, QStringLiteral("HTTP"),
                         out.serialize(), http::summarizeResponse(out), kTlsChannel));
    }
    return out;
}

void NsclSecurity::provisionKmc(KmcEntry entry) {
    if (m_config.trace) {
        entry.recordId = m_keys
                             .recordGiven(QStringLiteral("Kmc"), entry.key,
                                          QStringLiteral("Kmc %1:%2 given by hand (--kmc)")
                                              .arg(toHex(entry.nodeId))
                                              .arg(entry.index))
                             .recordId;
    }
    if (entry.sclId.isEmpty()) {
        entry.sclId = crypto::sclIdFor(m_config.profile.bootstrap, entry.nodeId);
    }
    m_kmc.put(std::move(entry));
}

} // namespace m2mbench::nodes
