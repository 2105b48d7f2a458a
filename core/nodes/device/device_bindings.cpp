// SPDX-License-Identifier: Apache-2.0
// The emulated D/G node's secured and CoAP bindings of mId: HTTP over TLS-PSK and CoAP over
// DTLS-PSK keyed by the Kmc of a service connection (made on demand, made again when the NSCL
// refuses an expired Kmc), and plain CoAP. Every message goes into the trace as it crosses.
#include "core/nodes/device/device_node.h"

#include "core/common/hex.h"
#include "core/crypto/key_hierarchy.h"
#include "core/nodes/wire_events.h"
#include "core/protocol/coap/coap_describe.h"
#include "core/protocol/http/http_describe.h"
#include "core/protocol/http/http_parser.h"
#include "core/protocol/tls/psk_stream.h"

namespace m2mbench::nodes {

using Outcome = http::Exchange::Outcome;

namespace {

const QString kTlsChannel = QStringLiteral("TLS-PSK");

/// The HTTP form of a request, or the edited text when it parses (else the original goes out
/// and the trace says why).
http::Request editedHttp(http::Request original, const std::optional<QByteArray> &edited,
                         trace::Trace *trace, const QString &name) {
    if (!edited) {
        return original;
    }
    auto parsed = http::requestFromText(*edited);
    if (!parsed && trace) {
        trace->append(trace::Event::log(name, parsed.error().message +
                                                  QStringLiteral("; the original goes out")));
    }
    return parsed ? *parsed : original;
}

QString hostOr(const QString &host, const QString &fallback) {
    return host.isEmpty() ? fallback : host;
}

} // namespace

QString bindingName(MidBinding binding) {
    switch (binding) {
    case MidBinding::Http: return QStringLiteral("http");
    case MidBinding::HttpsPsk: return QStringLiteral("https-psk");
    case MidBinding::Coap: return QStringLiteral("coap");
    case MidBinding::Coaps: return QStringLiteral("coaps");
    }
    return QStringLiteral("http");
}

std::optional<MidBinding> bindingFromName(const QString &name) {
    for (const MidBinding b :
         {MidBinding::Http, MidBinding::HttpsPsk, MidBinding::Coap, MidBinding::Coaps}) {
        if (name.compare(bindingName(b), Qt::CaseInsensitive) == 0) {
            return b;
        }
    }
    return std::nullopt;
}

DeviceNode::WireForm DeviceNode::wireFormFor(const mid::Request &request,
                                             MidBinding binding) const {
    if (binding == MidBinding::Coap || binding == MidBinding::Coaps) {
        const coap::Message m = coap::toCoapRequest(request, m_config.security.coapBinding);
        return {coap::summarize(m), coap::requestToText(m)};
    }
    const http::Request r = httpRequestFor(request);
    return {http::summarizeRequest(r), r.serialize()};
}

void DeviceNode::cancelSecure() {
    if (m_connector) {
        m_connector->cancel();
    }
    for (coap::Client *c : {m_coap, m_coaps}) {
        if (c) {
            c->cancelAll();
        }
    }
    if (m_https) {
        m_https->cancelAll();
    }
}

MidExchange DeviceNode::failure(MidBinding binding, const mid::Request &request, Outcome outcome,
                                const QString &detail) {
    MidExchange ex;
    ex.request = request;
    ex.binding = binding;
    ex.transport.outcome = outcome;
    ex.transport.detail = detail;
    if (m_trace) {
        trace::Event e = trace::Event::log(
            m_config.name, QStringLiteral("[%1] %2").arg(http::outcomeName(outcome), detail));
        ex.requestSeq = m_trace->append(std::move(e));
    }
    return ex;
}

void DeviceNode::connectService(const ConnectOptions &options, int timeoutMs,
                                std::function<void(const ConnectResult &)> done) {
    const DeviceSecurityConfig &s = m_config.security;
    // Without a port of its own the service connection shares the HTTPS-PSK port.
    const bool shared = s.connectionPort == 0;
    if (shared && s.httpsPort == 0) {
        ConnectResult r;
        r.outcome = Outcome::Refused;
        r.detail = s.unavailable.value(
            MidBinding::HttpsPsk, QStringLiteral("no address of the NSCL's service connection is "
                                                 "known (PIXIT PX_NSCL_CONNECTION_ADDRESS)"));
        done(r);
        return;
    }
    if (!m_connector) {
        ConnectorConfig c;
        c.host = hostOr(shared ? s.httpsHost : s.connectionHost, m_config.host);
        c.port = shared ? s.httpsPort : s.connectionPort;
        c.basePath = s.basePath;
        c.tlsCiphers = s.tlsCiphers;
        c.profile = s.profile;
        c.trace = m_trace;
        c.lifeline = m_config.name;
        c.peerLifeline = m_config.peerName;
        m_connector = new ServiceConnector(c, m_config.security.keys, m_keys, this);
    }
    ConnectOptions o = options;
    if (o.requestedLifetimeSeconds == 0) {
        o.requestedLifetimeSeconds = s.requestedKmcLifetimeSeconds;
    }
    m_connector->connect(o, timeoutMs, [this, done = std::move(done)](const ConnectResult &r) {
        if (r.state && r.confirmed) {
            applyConnection(*r.state);
        }
        done(r);
    });
}

void DeviceNode::forgetConnection() {
    m_connection.reset();
}

void DeviceNode::applyConnection(const ConnectionState &state) {
    m_connection = state;
    // The secured clients are remade with the new identity and key.
    if (m_https) {
        m_https->cancelAll();
        m_https->deleteLater();
        m_https = nullptr;
    }
    if (m_coaps) {
        m_coaps->cancelAll();
        m_coaps->deleteLater();
        m_coaps = nullptr;
    }
}

void DeviceNode::withKmc(int timeoutMs, std::function<void(const QString &failure)> next) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 margin = m_config.security.reconnectMarginMs;
    if (m_connection && !m_connection->expiredAt(now, margin)) {
        next(QString());
        return;
    }
    const DeviceKeys &keys = m_config.security.keys;
    if (keys.givenKmc && !keys.givenKmc->expiredAt(now, margin) &&
        (!m_connection || m_connection->kmcIndex != keys.givenKmc->kmcIndex)) {
        applyConnection(*keys.givenKmc);
        next(QString());
        return;
    }
    if (!keys.hasKmr()) {
        next(QStringLiteral("the node holds no valid Kmc and no Kmr to make a service connection "
                            "with (give a Kmr: PX_KMR, or --kmr)"));
        return;
    }
    if (m_connection && m_trace) {
        m_trace->append(trace::Event::log(
            m_config.name, QStringLiteral("Kmc index %1 expires at %2: a new service connection")
                               .arg(m_connection->kmcIndex)
                               .arg(m_connection->expiry.toString(Qt::ISODateWithMs))));
    }
    connectService({}, timeoutMs, [next = std::move(next)](const ConnectResult &r) {
        next(r.state && r.confirmed
                 ? QString()
                 : QStringLiteral("service connection failed: %1").arg(r.detail));
    });
}

void DeviceNode::requestOver(MidBinding binding, const mid::Request &request,
                             const std::optional<QByteArray> &edited, int timeoutMs, Done done,
                             bool reconnect) {
    if (const QString why = m_config.security.unavailable.value(binding); !why.isEmpty()) {
        done(failure(binding, request, Outcome::Refused, why));
        return;
    }
    switch (binding) {
    case MidBinding::Http:
        sendHttp(request, editedHttp(httpRequestFor(request), edited, m_trace, m_config.name),
                 timeoutMs, std::move(done));
        return;
    case MidBinding::Coap: sendCoap(binding, request, edited, timeoutMs, std::move(done)); return;
    case MidBinding::HttpsPsk:
    case MidBinding::Coaps:
        if (!reconnect) {
            if (!m_connection) {
                done(failure(binding, request, Outcome::HandshakeFailed,
                             QStringLiteral("the node holds no Kmc (no service connection yet)")));
                return;
            }
            applyConnection(*m_connection); // a fresh (D)TLS session with the Kmc as it is
        }
        sendSecuredOnce(binding, request, edited, timeoutMs, !reconnect, std::move(done));
        return;
    }
}

void DeviceNode::sendSecuredOnce(MidBinding binding, const mid::Request &request,
                                 const std::optional<QByteArray> &edited, int timeoutMs,
                                 bool retried, Done done) {
    auto next = [=, this, done = std::move(done)](const QString &failed) mutable {
        if (!failed.isEmpty()) {
            done(failure(binding, request, Outcome::HandshakeFailed, failed));
            return;
        }
        // An NSCL that refuses the Kmc (expired or forgotten on its side) gets one new service
        // connection, as a D/G node does when its Kmc stops working.
        Done once = [=, this, done = std::move(done)](const MidExchange &ex) mutable {
            if (ex.transport.outcome == Outcome::HandshakeFailed && !retried &&
                m_config.security.keys.hasKmr()) {
                if (m_trace) {
                    m_trace->append(trace::Event::log(
                        m_config.name, QStringLiteral("the NSCL refused Kmc index %1; making a new "
                                                      "service connection")
                                           .arg(m_connection ? m_connection->kmcIndex : 0)));
                }
                forgetConnection();
                sendSecuredOnce(binding, request, edited, timeoutMs, true, std::move(done));
                return;
            }
            done(ex);
        };
        if (binding == MidBinding::Coaps) {
            sendCoap(binding, request, edited, timeoutMs, std::move(once));
            return;
        }
        sendHttps(request, editedHttp(httpRequestFor(request), edited, m_trace, m_config.name),
                  timeoutMs, std::move(once));
    };
    if (retried && m_connection) {
        next(QString()); // the Kmc as it is, even when expired
        return;
    }
    withKmc(timeoutMs, std::move(next));
}

void DeviceNode::sendHttps(const mid::Request &request, const http::Request &httpRequest,
                           int timeoutMs, Done done) {
    const DeviceSecurityConfig &s = m_config.security;
    if (!m_kmcTls) {
        tls::PskContextConfig c;
        c.cipherList = s.tlsCiphers;
        c.keyLogTrace = m_trace;
        c.lifeline = m_config.name;
        auto ctx = tls::PskContext::create(c);
        if (!ctx) {
            done(
                failure(MidBinding::HttpsPsk, request, Outcome::NetworkError, ctx.error().message));
            return;
        }
        m_kmcTls = *ctx;
    }
    if (!m_https) {
        m_https = new http::Client(hostOr(s.httpsHost, m_config.host), s.httpsPort, m_config.limits,
                                   this);
        const QByteArray identity = m_connection->identity();
        const SecureBytes key = m_connection->kmc;
        m_https->setStreamFactory([this, identity, key](QObject *parent) -> http::Stream * {
            auto *stream = new tls::PskStream(m_kmcTls, identity, key, parent);
            connect(stream, &tls::PskStream::handshakeRecords, this,
                    [this](bool out, const QByteArray &records) {
                        if (m_trace) {
                            m_trace->append(
                                out ? tlsEvent(true, m_config.name, m_config.peerName, records)
                                    : tlsEvent(false, m_config.peerName, m_config.name, records));
                        }
                    });
            return stream;
        });
    }
    // Recorded when it leaves (after a handshake), so that the trace keeps the wire's order.
    auto requestSeq = std::make_shared<quint64>(0);
    auto written = std::make_shared<QMetaObject::Connection>();
    *written = connect(m_https, &http::Client::requestWritten, this,
                       [this, httpRequest, requestSeq, written](const QByteArray &) {
                           *requestSeq = recordRequest(httpRequest, kTlsChannel);
                           disconnect(*written);
                       });
    m_https->send(
        httpRequest, timeoutMs,
        [this, request, requestSeq, written, done = std::move(done)](const http::Exchange &t) {
            disconnect(*written);
            MidExchange ex;
            ex.request = request;
            ex.binding = MidBinding::HttpsPsk;
            ex.transport = t;
            ex.requestSeq = *requestSeq;
            if (t.outcome == Outcome::Ok) {
                ex.decoded = http::fromHttpResponse(t.response, m_config.binding);
            }
            recordResponse(ex, kTlsChannel);
            done(ex);
        });
}

coap::Client *DeviceNode::coapClient(MidBinding binding) {
    const DeviceSecurityConfig &s = m_config.security;
    const bool secure = binding == MidBinding::Coaps;
    coap::Client *&slot = secure ? m_coaps : m_coap;
    if (slot) {
        return slot;
    }
    coap::ClientSecurity security;
    if (secure) {
        security = coap::ClientSecurity{true, m_connection->identity(), m_connection->kmc, m_trace,
                                        m_config.name};
    }
    slot = new coap::Client(hostOr(secure ? s.coapsHost : s.coapHost, m_config.host),
                            secure ? s.coapsPort : s.coapPort, security, s.coapLimits, this);
    const QString name = bindingName(binding);
    connect(slot, &coap::Client::datagram, this, [this, name](bool out, const coap::Message &m) {
        if (!m_trace) {
            return;
        }
        const quint64 seq =
            m_trace->append(out ? coapEvent(true, m_config.name, m_config.peerName, m, name)
                                : coapEvent(false, m_config.peerName, m_config.name, m, name));
        (out ? m_coapFirstSeq : m_coapLastSeq) = out && m_coapFirstSeq != 0 ? m_coapFirstSeq : seq;
    });
    connect(slot, &coap::Client::secured, this, [this](const QString &cipher) {
        if (m_trace && m_connection) {
            m_trace->append(trace::Event::log(
                m_config.name, QStringLiteral("DTLS session with the NSCL: PSK identity %1, %2")
                                   .arg(QString::fromLatin1(m_connection->identity()), cipher)));
        }
    });
    return slot;
}

void DeviceNode::sendCoap(MidBinding binding, const mid::Request &request,
                          const std::optional<QByteArray> &edited, int timeoutMs, Done done) {
    coap::Message message = coap::toCoapRequest(request, m_config.security.coapBinding);
    if (edited) {
        auto parsed = coap::requestFromText(*edited);
        if (parsed) {
            message = *parsed;
        } else if (m_trace) {
            m_trace->append(trace::Event::log(
                m_config.name, parsed.error().message + QStringLiteral("; the original goes out")));
        }
    }
    coap::Client *client = coapClient(binding);
    m_coapFirstSeq = 0;
    m_coapLastSeq = 0;
    client->send(message, timeoutMs,
                 [this, binding, request, done = std::move(done)](const coap::Exchange &c) {
                     MidExchange ex;
                     ex.request = request;
                     ex.binding = binding;
                     ex.transport.outcome = c.outcome;
                     ex.transport.detail = c.detail;
                     ex.transport.rawRequest = c.request.encode();
                     ex.transport.elapsedNs = c.elapsedNs;
                     ex.requestSeq = m_coapFirstSeq;
                     if (c.outcome == Outcome::Ok) {
                         ex.coapResponse = c.response;
                         ex.transport.rawResponse = c.response.encode();
                         const auto d =
                             coap::fromCoapResponse(c.response, m_config.security.coapBinding);
                         ex.decoded = http::DecodedResponse{0, d.status, d.primitive};
                         ex.responseSeq = m_coapLastSeq;
                     } else if (m_trace) {
                         trace::Event e = trace::Event::log(
                             m_config.name,
                             QStringLiteral("[%1] %2").arg(http::outcomeName(c.outcome), c.detail));
                         e.relatesTo = ex.requestSeq;
                         ex.responseSeq = m_trace->append(std::move(e));
                     }
                     done(ex);
                 });
}

Result<crypto::NamedKey> DeviceNode::deriveKma(const QString &appId) {
    if (!m_connection) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("no Kmc yet: Kma for %1 needs a service connection first").arg(appId));
    }
    return m_keys.record(crypto::deriveKma(
        m_config.security.profile,
        crypto::NamedKey{QStringLiteral("Kmc"), m_connection->kmc, m_connection->kmcRecordId},
        appId));
}

} // namespace m2mbench::nodes
