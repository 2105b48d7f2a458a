// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/device/device_node.h"

#include "core/protocol/http/http_describe.h"

namespace m2mbench::nodes {

DeviceNode::DeviceNode(DeviceConfig config, trace::Trace *trace, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_trace(trace)
    , m_client(m_config.host, m_config.port, m_config.limits, this)
    , m_keys(trace, m_config.name + QLatin1Char('.')) {}

DeviceNode::~DeviceNode() = default;

http::Request DeviceNode::httpRequestFor(const mid::Request &request) const {
    const QByteArray host = QStringLiteral("%1:%2").arg(m_config.host).arg(m_config.port).toUtf8();
    return http::toHttpRequest(request, host, m_config.binding);
}

void DeviceNode::request(const mid::Request &request, int timeoutMs, Done done) {
    if (binding() != MidBinding::Http) {
        requestOver(binding(), request, std::nullopt, timeoutMs, std::move(done));
        return;
    }
    sendHttp(request, httpRequestFor(request), timeoutMs, std::move(done));
}

void DeviceNode::sendHttp(const mid::Request &request, const http::Request &httpRequest,
                          int timeoutMs, Done done) {
    // The request goes into the trace as it leaves, so that a chart shows it while the SUT is
    // still thinking (or silent).
    const quint64 requestSeq = recordRequest(httpRequest);
    m_client.send(
        httpRequest, timeoutMs,
        [this, request, requestSeq, done = std::move(done)](const http::Exchange &transport) {
            MidExchange ex;
            ex.request = request;
            ex.transport = transport;
            ex.requestSeq = requestSeq;
            if (transport.outcome == http::Exchange::Outcome::Ok) {
                ex.decoded = http::fromHttpResponse(transport.response, m_config.binding);
            }
            recordResponse(ex);
            done(ex);
        });
}

void DeviceNode::cancelAll() {
    m_client.cancelAll();
    cancelSecure();
}

namespace {
QString channelPrefix(const QString &channel) {
    return channel.isEmpty() ? QString() : QStringLiteral("[%1] ").arg(channel);
}
} // namespace

quint64 DeviceNode::recordRequest(const http::Request &httpRequest, const QString &channel) {
    if (!m_trace) {
        return 0;
    }
    // The request exactly as it goes out: protocol::decodedFields() decodes these bytes later.
    trace::Event sent;
    sent.kind = trace::EventKind::MessageSent;
    sent.from = m_config.name;
    sent.to = m_config.peerName;
    sent.protocol = QStringLiteral("HTTP");
    sent.raw = httpRequest.serialize();
    sent.summary = channelPrefix(channel) + http::summarizeRequest(httpRequest);
    sent.channel = channel;
    return m_trace->append(std::move(sent));
}

void DeviceNode::recordResponse(MidExchange &ex, const QString &channel) {
    if (!m_trace) {
        return;
    }
    if (ex.transport.outcome == http::Exchange::Outcome::Ok) {
        trace::Event received;
        received.kind = trace::EventKind::MessageReceived;
        received.from = m_config.peerName;
        received.to = m_config.name;
        received.protocol = QStringLiteral("HTTP");
        received.raw = ex.transport.rawResponse;
        received.relatesTo = ex.requestSeq;
        received.summary = channelPrefix(channel) + http::summarizeResponse(ex.transport.response);
        received.channel = channel;
        ex.responseSeq = m_trace->append(std::move(received));
        return;
    }
    // No response: what did arrive (garbage, a partial message) is kept as evidence.
    trace::Event failure;
    failure.kind = ex.transport.rawResponse.isEmpty() ? trace::EventKind::Log
                                                      : trace::EventKind::MessageReceived;
    failure.from = m_config.peerName;
    failure.to = m_config.name;
    failure.protocol = QStringLiteral("HTTP");
    failure.raw = ex.transport.rawResponse.left(64 * 1024);
    failure.channel = channel;
    failure.relatesTo = ex.requestSeq;
    failure.summary =
        QStringLiteral("[%1] %2").arg(http::outcomeName(ex.transport.outcome), ex.transport.detail);
    failure.text = failure.summary;
    const quint64 seq = m_trace->append(std::move(failure));
    if (!ex.transport.rawResponse.isEmpty()) {
        ex.responseSeq = seq;
    }
}

} // namespace m2mbench::nodes
