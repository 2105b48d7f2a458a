// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/crypto/key_recorder.h"
#include "core/crypto/profile.h"
#include "core/nodes/device/device_security.h"
#include "core/nodes/device/service_connector.h"
#include "core/protocol/coap/coap_binding.h"
#include "core/protocol/coap/coap_client.h"
#include "core/protocol/http/http_binding.h"
#include "core/protocol/http/http_client.h"
#include "core/protocol/mid/primitive.h"
#include "core/trace/trace.h"

#include <QMap>
#include <QObject>

#include <functional>
#include <optional>

namespace m2mbench::nodes {

/// One mId request and what came of it, as the emulator saw it.
struct MidExchange {
    mid::Request request;
    http::Exchange transport;
    /// Present when a complete HTTP response arrived.
    std::optional<http::DecodedResponse> decoded;
    quint64 requestSeq = 0;  ///< trace event of the request
    quint64 responseSeq = 0; ///< trace event of the response (0 when none arrived)
    /// The binding it went over. For CoAP, `transport` carries the outcome and the raw
    /// datagrams, `decoded` the mId reading (httpStatus 0), and `coapResponse` the CoAP
    /// response (its payload put together from every block).
    MidBinding binding = MidBinding::Http;
    std::optional<coap::Message> coapResponse;
};

/// Where the node finds the NSCL's other bindings, and what it holds to secure them
/// (docs/service-connection.md). Hosts left empty mean DeviceConfig::host.
struct DeviceSecurityConfig {
    MidBinding binding = MidBinding::Http; ///< the binding request() uses
    QString connectionHost;
    quint16 connectionPort = 0; ///< the NSCL's service connection (TLS-PSK keyed by Kmr)
    QString httpsHost;
    quint16 httpsPort = 0;
    QString coapHost;
    quint16 coapPort = 0;
    QString coapsHost;
    quint16 coapsPort = 0;
    QString basePath = QStringLiteral("/m2m");
    DeviceKeys keys;
    QString tlsCiphers = QLatin1String(tls::kDefaultTlsCiphers);
    crypto::Profile profile;
    coap::BindingProfile coapBinding;
    coap::ClientLimits coapLimits;
    /// Reconnect this long before the Kmc expires, rather than let a request meet the expiry.
    qint64 reconnectMarginMs = 1000;
    /// Ask the NSCL for this Kmc lifetime on each service connection (0: its choice).
    qint64 requestedKmcLifetimeSeconds = 0;
    /// Bindings the node cannot use, with the reason (e.g. a PIXIT address not given): a request
    /// over one of them ends as refused with that reason, the service connection too.
    QMap<MidBinding, QString> unavailable;
};

/// Settings of an emulated D/G node.
struct DeviceConfig {
    QString name = QStringLiteral("D/GSCL");   ///< lifeline name in the trace
    QString peerName = QStringLiteral("NSCL"); ///< lifeline name of the NSCL it talks to
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    http::BindingProfile binding;
    http::Limits limits;
    DeviceSecurityConfig security;
};

/// The emulated D/G M2M node (device or gateway with its D/GSCL) on the HTTP binding of mId.
/// Every request and response it exchanges goes into the trace, decoded, with raw bytes.
/// Create it on a network thread; call request() there.
class DeviceNode : public QObject {
    Q_OBJECT
public:
    DeviceNode(DeviceConfig config, trace::Trace *trace, QObject *parent = nullptr);
    ~DeviceNode() override;

    using Done = std::function<void(const MidExchange &)>;
    /// Sends the request; `done` runs on the network thread exactly once.
    void request(const mid::Request &request, int timeoutMs, Done done);
    /// The HTTP form of a request as this node would send it (any thread: reads config only).
    [[nodiscard]] http::Request httpRequestFor(const mid::Request &request) const;
    /// Sends an HTTP request as given (e.g. edited at a breakpoint) for the primitive `request`.
    void sendHttp(const mid::Request &request, const http::Request &httpRequest, int timeoutMs,
                  Done done);
    /// Abandons everything in flight (the runner stopped).
    void cancelAll();

    [[nodiscard]] const DeviceConfig &config() const { return m_config; }

    // --- the secured and CoAP bindings (device_bindings.cpp) ---

    /// A request as it would leave over a binding: the summary and an editable text (the HTTP
    /// request, or the CoAP text form), for a debugger stop.
    struct WireForm {
        QString summary;
        QByteArray text;
    };
    [[nodiscard]] MidBinding binding() const { return m_config.security.binding; }
    [[nodiscard]] WireForm wireFormFor(const mid::Request &request, MidBinding binding) const;
    /// Sends over `binding`; `edited` (from a debugger stop) replaces the wire form. A secured
    /// binding first makes a service connection when the node holds no valid Kmc, and makes a
    /// new one once when the NSCL refuses the Kmc (expired, forgotten).
    /// With `reconnect` false a secured request uses the current Kmc as it is, on a fresh
    /// (D)TLS session and without a second attempt: to see how the NSCL treats an expired Kmc.
    void requestOver(MidBinding binding, const mid::Request &request,
                     const std::optional<QByteArray> &edited, int timeoutMs, Done done,
                     bool reconnect = true);
    /// A service connection now; on success its Kmc keys the secured bindings.
    void connectService(const ConnectOptions &options, int timeoutMs,
                        std::function<void(const ConnectResult &)> done);
    /// The Kmc in use, if any.
    [[nodiscard]] const std::optional<ConnectionState> &connection() const { return m_connection; }
    /// Drops the Kmc: the next secured request makes a new service connection.
    void forgetConnection();
    /// Kma for an application registered with this D/GSCL (the dIa side), from the current Kmc.
    Result<crypto::NamedKey> deriveKma(const QString &appId);
    [[nodiscard]] crypto::KeyRecorder &keys() { return m_keys; }

private:
    /// `channel`: the secured channel the message goes in ("TLS-PSK"), empty in the clear; it
    /// is the event's channel and its summary's "[TLS-PSK] " prefix.
    quint64 recordRequest(const http::Request &httpRequest, const QString &channel = {});
    void recordResponse(MidExchange &ex, const QString &channel = {});
    void cancelSecure();
    void withKmc(int timeoutMs, std::function<void(const QString &failure)> next);
    void applyConnection(const ConnectionState &state);
    void sendSecuredOnce(MidBinding binding, const mid::Request &request,
                         const std::optional<QByteArray> &edited, int timeoutMs, bool retried,
                         Done done);
    void sendHttps(const mid::Request &request, const http::Request &httpRequest, int timeoutMs,
                   Done done);
    void sendCoap(MidBinding binding, const mid::Request &request,
                  const std::optional<QByteArray> &edited, int timeoutMs, Done done);
    coap::Client *coapClient(MidBinding binding);
    MidExchange failure(MidBinding binding, const mid::Request &request,
                        http::Exchange::Outcome outcome, const QString &detail);

    DeviceConfig m_config;
    trace::Trace *m_trace;
    http::Client m_client;
    crypto::KeyRecorder m_keys;
    ServiceConnector *m_connector = nullptr;
    std::optional<ConnectionState> m_connection;
    std::shared_ptr<tls::PskContext> m_kmcTls;
    http::Client *m_https = nullptr;
    coap::Client *m_coap = nullptr;
    coap::Client *m_coaps = nullptr;
    quint64 m_coapFirstSeq = 0;
    quint64 m_coapLastSeq = 0;
};

} // namespace m2mbench::nodes
