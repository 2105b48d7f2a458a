// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/protocol/http/http_binding.h"
#include "core/protocol/http/http_client.h"
#include "core/protocol/mid/primitive.h"
#include "core/trace/trace.h"

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
};

/// Settings of an emulated D/G node.
struct DeviceConfig {
    QString name = QStringLiteral("D/GSCL");   ///< lifeline name in the trace
    QString peerName = QStringLiteral("NSCL"); ///< lifeline name of the NSCL it talks to
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    http::BindingProfile binding;
    http::Limits limits;
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

private:
    quint64 recordRequest(const http::Request &httpRequest);
    void recordResponse(MidExchange &ex);

    DeviceConfig m_config;
    trace::Trace *m_trace;
    http::Client m_client;
};

} // namespace m2mbench::nodes
