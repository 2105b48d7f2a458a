// SPDX-License-Identifier: Apache-2.0
#pragma once

// The reference NSCL's service connection and secured bindings (docs/service-connection.md):
//   connection port  TLS 1.2 PSK keyed by Kmr (looked up at the MAS), Kmc derived and handed
//                    over as a <connectionParamSet> with a key confirmation
//   HTTPS-PSK        mId over HTTP over TLS-PSK keyed by Kmc
//   CoAP / CoAPS     mId over CoAP, plain and over DTLS-PSK keyed by Kmc
// The resource logic stays NsclService's; this adds keys, the requestingEntity check of the
// secured bindings and Kma for applications registered over a Kmc session.

#include "core/common/clock.h"
#include "core/crypto/key_recorder.h"
#include "core/crypto/profile.h"
#include "core/nodes/nscl/nscl_keys.h"
#include "core/protocol/coap/coap_binding.h"
#include "core/protocol/coap/coap_server.h"
#include "core/protocol/http/http_binding.h"
#include "core/protocol/http/http_server.h"
#include "core/protocol/tls/psk_session.h"

#include <QObject>

#include <deque>
#include <memory>

namespace m2mbench::trace {
class Trace;
}

namespace m2mbench::nodes {

class NsclNode;

struct NsclSecurityConfig {
    crypto::Profile profile; ///< Kmc and Kma formulas, the default Kmc lifetime
    QString tlsCiphers = QLatin1String(tls::kDefaultTlsCiphers);
    QString dtlsCiphers = QLatin1String(tls::kDefaultDtlsCiphers);
    qint64 kmcLifetimeSeconds = 0; ///< 0: the profile's
    /// A node may ask for a shorter Kmc lifetime (never below this).
    qint64 minKmcLifetimeSeconds = 1;
    /// The secured bindings refuse requests without a requestingEntity of the node's SCL.
    bool requireRequestingEntity = true;
    quint16 midFlags = 0x0003; ///< securitymIdFlags written into connectionParamSet
    int keyLookupTimeoutMs = 5000;
    int handshakeTimeoutMs = 10000;
    /// Key derivations, TLS/DTLS secrets (key log), connection events go here (may be null).
    trace::Trace *trace = nullptr;
    QString lifeline = QStringLiteral("NSCL");
    QString peerLifeline = QStringLiteral("D/GSCL");
    /// Also record every message (when the bench is the NSCL and the D/G node the SUT).
    bool recordMessages = false;
    coap::ServerLimits coapLimits;
    coap::BindingProfile coapBinding;
    const Clock *clock = &SystemClock::instance();
};

/// What the NSCL saw of one service connection attempt.
struct ConnectionOutcome {
    bool accepted = false;
    QByteArray identity;
    QString reason; ///< why refused
    KmcEntry kmc;   ///< when accepted
    QString cipher;
    quint64 seq = 0; ///< the trace event recording it
};

/// One mId request the NSCL answered, on any binding.
struct MidSeen {
    QString binding; ///< "http", "https-psk", "coap", "coaps"
    mid::Request request;
    mid::Response response;
    QByteArray pskIdentity;
    quint64 seq = 0;
};

class NsclSecurity : public QObject {
    Q_OBJECT
public:
    NsclSecurity(NsclNode &node, NsclSecurityConfig config, QObject *parent = nullptr);
    ~NsclSecurity() override;

    /// Makes the TLS context; errors name a bad cipher list.
    Result<void> init();

    /// A port for the service connection only (TLS-PSK keyed by Kmr).
    Result<quint16> listenConnection(const QHostAddress &address, quint16 port);
    /// HTTP over TLS-PSK keyed by Kmc, and the service connection keyed by Kmr on the same port
    /// (the identity tells them apart: docs/service-connection.md).
    Result<quint16> listenHttpsPsk(const QHostAddress &address, quint16 port);
    Result<quint16> listenCoap(const QHostAddress &address, quint16 port);
    Result<quint16> listenCoaps(const QHostAddress &address, quint16 port);

    [[nodiscard]] KmrDirectory &kmr() { return m_kmr; }
    [[nodiscard]] KmcStore &kmc() { return m_kmc; }
    /// A Kmc given by hand (`serve nscl --kmc`), recorded as a given key.
    void provisionKmc(KmcEntry entry);
    [[nodiscard]] const NsclSecurityConfig &config() const { return m_config; }
    /// The last connection attempts and mId requests (bounded), for the bench's proxies.
    [[nodiscard]] const std::deque<ConnectionOutcome> &connections() const { return m_outcomes; }
    [[nodiscard]] const std::deque<MidSeen> &requests() const { return m_seen; }
    /// Faults for test cases: refuse every service connection / give Kmc this lifetime.
    void setRefuseAll(const QString &reason) { m_refuseAll = reason; }
    void setLifetimeOverride(qint64 seconds) { m_lifetimeOverride = seconds; }
    /// Keep the last requests for requests() and emit midSeen() (off by default: the hot path
    /// of a benchmark should not pay for it).
    void setObserving(bool on) { m_observing = on; }

    /// Called by NsclNode for its plain HTTP binding (to record and observe it).
    void observePlain(const http::Request &request, const http::Response &response);

signals:
    /// One line per security event (connection accepted or refused, a refused mId session).
    void securityLine(const QString &line);
    void connectionSeen(const m2mbench::nodes::ConnectionOutcome &outcome);
    void midSeen(const m2mbench::nodes::MidSeen &seen);

private:
    struct Slot;
    /// A TLS-PSK stream whose identities are Kmr (service connection) or, when `acceptKmc`,
    /// also Kmc (mId session).
    http::Stream *wrap(QTcpSocket *socket, QObject *parent, bool acceptKmc);
    void onKmrHandshake(const std::shared_ptr<Slot> &slot, const http::StreamSecurity &security);
    void onRefused(const QByteArray &identity, const QString &reason);
    http::Response connectionResource(const http::Request &request, const http::PeerInfo &peer);
    http::Response httpsRequest(const http::Request &request, const http::PeerInfo &peer);
    void ensureCoap();
    coap::Message coapRequest(const coap::Message &request, const coap::PeerInfo &peer);
    /// requestingEntity rules of the secured bindings; an error response when broken.
    std::optional<mid::Response> checkRequester(const mid::Request &request,
                                                const QByteArray &identity) const;
    mid::Response serve(const QString &binding, const mid::Request &request,
                        const QByteArray &identity);
    void deriveKmaFor(const mid::Request &request, const mid::Response &response,
                      const QByteArray &identity);
    QString kmrRecordId(const KmrEntry &entry);
    quint64 record(trace::Event event);
    void remember(ConnectionOutcome outcome);

    NsclNode &m_node;
    NsclSecurityConfig m_config;
    KmrDirectory m_kmr;
    KmcStore m_kmc;
    crypto::KeyRecorder m_keys;
    std::shared_ptr<tls::PskContext> m_tls;
    http::Server *m_connectionServer = nullptr;
    http::Server *m_httpsServer = nullptr;
    coap::Server *m_coap = nullptr;
    /// Kmc of each accepted service connection by the TLS client random (bounded).
    QHash<QByteArray, KmcEntry> m_byRandom;
    std::deque<QByteArray> m_randomOrder;
    std::deque<ConnectionOutcome> m_outcomes;
    std::deque<MidSeen> m_seen;
    QString m_refuseAll;
    qint64 m_lifetimeOverride = 0;
    bool m_observing = false;
};

} // namespace m2mbench::nodes
