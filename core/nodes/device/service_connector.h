// SPDX-License-Identifier: Apache-2.0
#pragma once

// The D/G node's side of the M2M Service Connection (docs/service-connection.md): TLS 1.2 PSK
// with Kmr on the NSCL's connection port, GET <sclBase>/connectionParamSet inside it, Kmc derived
// from Kmr and the handshake's randoms, the NSCL's key confirmation checked. Every TLS record of
// the handshake, the decrypted HTTP, the key derivations and the key log line go to the trace.

#include "core/crypto/key_recorder.h"
#include "core/crypto/profile.h"
#include "core/nodes/device/device_security.h"
#include "core/protocol/http/http_client.h"
#include "core/protocol/tls/psk_session.h"

#include <QObject>

#include <functional>
#include <memory>

namespace m2mbench::trace {
class Trace;
}

namespace m2mbench::nodes {

struct ConnectorConfig {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString basePath = QStringLiteral("/m2m");
    QString tlsCiphers = QLatin1String(tls::kDefaultTlsCiphers);
    crypto::Profile profile;
    trace::Trace *trace = nullptr;
    QString lifeline = QStringLiteral("D/GSCL");
    QString peerLifeline = QStringLiteral("NSCL");
    int handshakeTimeoutMs = 10000;
};

/// Deliberate deviations for test cases (a wrong Kmr, another identity).
struct ConnectOptions {
    qint64 requestedLifetimeSeconds = 0; ///< 0: the NSCL's choice
    std::optional<SecureBytes> kmr;      ///< instead of the node's own Kmr
    std::optional<QByteArray> identity;  ///< instead of hex(M2M-Node-ID):Kmr-index
};

/// What one service connection attempt came to.
struct ConnectResult {
    http::Exchange::Outcome outcome = http::Exchange::Outcome::Cancelled;
    QString detail; ///< why it failed, in words for a verdict
    std::optional<ConnectionState> state;
    bool confirmed = false; ///< the NSCL's key confirmation matched our Kmc
    QByteArray paramSet;    ///< the <connectionParamSet> as received
    QString cipher;
    quint64 requestSeq = 0;
    quint64 responseSeq = 0;
};

class ServiceConnector : public QObject {
    Q_OBJECT
public:
    /// `keys` and `recorder` belong to the node and outlive the connector.
    ServiceConnector(ConnectorConfig config, const DeviceKeys &keys, crypto::KeyRecorder &recorder,
                     QObject *parent = nullptr);
    ~ServiceConnector() override;

    /// One service connection; `done` runs once on this thread.
    void connect(const ConnectOptions &options, int timeoutMs,
                 std::function<void(const ConnectResult &)> done);
    void cancel();
    [[nodiscard]] const ConnectorConfig &config() const { return m_config; }

private:
    void onExchange(const http::Exchange &ex, const ConnectOptions &options,
                    const std::function<void(const ConnectResult &)> &done);
    Result<ConnectionState> deriveAndCheck(const QByteArray &body, const SecureBytes &kmr,
                                           ConnectResult &result);
    QString kmrRecordId(const SecureBytes &kmr, bool own);
    quint64 record(trace::Event event);

    ConnectorConfig m_config;
    const DeviceKeys &m_keys;
    crypto::KeyRecorder &m_recorder;
    std::shared_ptr<tls::PskContext> m_tls;
    http::Client *m_client = nullptr;
    http::StreamSecurity m_session; ///< of the attempt in flight
    QString m_kmrRecordId;
    quint64 m_requestSeq = 0;
};

} // namespace m2mbench::nodes
