// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/device/service_connector.h"

#include "core/common/hex.h"
#include "core/crypto/key_hierarchy.h"
#include "core/nodes/wire_events.h"
#include "core/protocol/http/http_binding.h"
#include "core/protocol/http/http_describe.h"
#include "core/protocol/mid/security_resources.h"
#include "core/protocol/mid/xml.h"
#include "core/protocol/tls/psk_stream.h"
#include "core/protocol/tls/service_connection.h"
#include "core/trace/trace.h"

namespace m2mbench::nodes {

using Outcome = http::Exchange::Outcome;

ServiceConnector::ServiceConnector(ConnectorConfig config, const DeviceKeys &keys,
                                   crypto::KeyRecorder &recorder, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_keys(keys)
    , m_recorder(recorder) {}

ServiceConnector::~ServiceConnector() {
    cancel();
}

quint64 ServiceConnector::record(trace::Event event) {
    return m_config.trace ? m_config.trace->append(std::move(event)) : 0;
}

void ServiceConnector::cancel() {
    if (m_client) {
        m_client->cancelAll();
        m_client->deleteLater();
        m_client = nullptr;
    }
}

void ServiceConnector::connect(const ConnectOptions &options, int timeoutMs,
                               std::function<void(const ConnectResult &)> done) {
    if (!m_tls) {
        tls::PskContextConfig c;
        c.cipherList = m_config.tlsCiphers;
        c.keyLogTrace = m_config.trace;
        c.lifeline = m_config.lifeline;
        auto ctx = tls::PskContext::create(c);
        if (!ctx) {
            ConnectResult r;
            r.outcome = Outcome::NetworkError;
            r.detail = ctx.error().message;
            done(r);
            return;
        }
        m_tls = *ctx;
    }
    cancel();
    m_session = {};
    const QByteArray identity = options.identity.value_or(m_keys.kmrIdentity());
    const SecureBytes key = options.kmr.value_or(m_keys.kmr);
    m_client = new http::Client(m_config.host, m_config.port, {}, this);
    m_client->setStreamFactory([this, identity, key](QObject *parent) -> http::Stream * {
        auto *s = new tls::PskStream(m_tls, identity, key, parent);
        s->setHandshakeTimeout(m_config.handshakeTimeoutMs);
        QObject::connect(s, &tls::PskStream::handshakeDone, this,
                         [this](const http::StreamSecurity &sec) { m_session = sec; });
        QObject::connect(
            s, &tls::PskStream::handshakeRecords, this,
            [this](bool out, const QByteArray &records) {
                record(out ? tlsEvent(true, m_config.lifeline, m_config.peerLifeline, records)
                           : tlsEvent(false, m_config.peerLifeline, m_config.lifeline, records));
            });
        return s;
    });
    mid::Request req;
    req.method = mid::Method::Retrieve;
    req.target = m_config.basePath + QLatin1String(tls::kConnectionParamSetPath);
    req.requestingEntity = m_keys.sclId;
    if (options.requestedLifetimeSeconds > 0) {
        req.query.append({QLatin1String(tls::kLifetimeQuery),
                          QString::number(options.requestedLifetimeSeconds)});
    }
    const QByteArray host = QStringLiteral("%1:%2").arg(m_config.host).arg(m_config.port).toUtf8();
    http::Request httpRequest = http::toHttpRequest(req, host);
    httpRequest.headers.set("Connection", "close");
    // Recorded when it leaves, after the handshake, so that the trace keeps the wire's order.
    m_requestSeq = 0;
    const QString summary =
        QStringLiteral("[service connection] ") + http::summarizeRequest(httpRequest);
    QObject::connect(
        m_client, &http::Client::requestWritten, this, [this, summary](const QByteArray &raw) {
            m_requestSeq =
                record(wireEvent(true, m_config.lifeline, m_config.peerLifeline,
                                 QStringLiteral("HTTP"), raw, summary, QStringLiteral("TLS-PSK")));
        });
    m_client->send(httpRequest, timeoutMs, [this, options, done](const http::Exchange &ex) {
        onExchange(ex, options, done);
    });
}

void ServiceConnector::onExchange(const http::Exchange &ex, const ConnectOptions &options,
                                  const std::function<void(const ConnectResult &)> &done) {
    ConnectResult r;
    r.outcome = ex.outcome;
    r.detail = ex.detail;
    r.requestSeq = m_requestSeq;
    r.cipher = m_session.cipher;
    if (ex.outcome != Outcome::Ok) {
        trace::Event e = trace::Event::log(m_config.lifeline,
                                           QStringLiteral("service connection failed [%1]: %2")
                                               .arg(http::outcomeName(ex.outcome), ex.detail));
        e.relatesTo = m_requestSeq;
        r.responseSeq = record(std::move(e));
        done(r);
        return;
    }
    trace::Event received = wireEvent(
        false, m_config.peerLifeline, m_config.lifeline, QStringLiteral("HTTP"), ex.rawResponse,
        QStringLiteral("[service connection] ") + http::summarizeResponse(ex.response),
        QStringLiteral("TLS-PSK"));
    received.relatesTo = m_requestSeq;
    r.responseSeq = record(std::move(received));
    r.paramSet = ex.response.body;
    if (ex.response.status != 200) {
        r.detail = QStringLiteral("the NSCL answered HTTP %1 to the connectionParamSet request")
                       .arg(ex.response.status);
        done(r);
        return;
    }
    auto state = deriveAndCheck(ex.response.body, options.kmr.value_or(m_keys.kmr), r);
    if (!state) {
        r.detail = state.error().message;
    } else {
        r.state = *state;
    }
    done(r);
}

QString ServiceConnector::kmrRecordId(const SecureBytes &kmr, bool own) {
    if (own && !m_kmrRecordId.isEmpty()) {
        return m_kmrRecordId;
    }
    const QString origin =
        own ? QStringLiteral("Kmr %1, %2")
                  .arg(QString::fromLatin1(m_keys.kmrIdentity()), m_keys.kmrOrigin)
            : QStringLiteral("a Kmr given by the test case instead of the "
                             "node's own");
    const QString id = m_recorder.recordGiven(QStringLiteral("Kmr"), kmr, origin).recordId;
    if (own) {
        m_kmrRecordId = id;
    }
    return id;
}

Result<ConnectionState> ServiceConnector::deriveAndCheck(const QByteArray &body,
                                                         const SecureBytes &kmr,
                                                         ConnectResult &result) {
    auto doc = mid::parseXml(body);
    if (!doc) {
        return fail(doc.error().wrap(QStringLiteral("the NSCL's connectionParamSet")));
    }
    auto set = mid::decodeConnectionParamSet(*doc);
    if (!set) {
        return fail(set.error().wrap(QStringLiteral("the NSCL's connectionParamSet")));
    }
    if (m_session.clientRandom.size() != 32 || m_session.serverRandom.size() != 32) {
        return fail(Error::Kind::Internal, QStringLiteral("the TLS session's randoms are unknown"));
    }
    const bool own = kmr.equals(m_keys.kmr);
    auto kmc = m_recorder.record(crypto::deriveKmc(
        m_config.profile, crypto::NamedKey{QStringLiteral("Kmr"), kmr, kmrRecordId(kmr, own)},
        m_keys.nodeId, set->kmcIndex, m_session.clientRandom, m_session.serverRandom));
    if (!kmc) {
        return fail(kmc.error());
    }
    auto expected = tls::kmcConfirmation(m_config.profile, kmc->value, set->connectionId);
    result.confirmed = expected && expected->equals(set->key);
    ConnectionState state{m_keys.nodeId, set->connectionId, set->kmcIndex,
                          set->lifetime, kmc->value,        kmc->recordId,
                          set->sclId,    set->midFlags,     m_session.cipher};
    const mid::ConnectionParamSet mine{state.connectionId, state.kmcIndex, state.expiry,
                                       state.kmc,          state.sclId,    state.midFlags};
    trace::Event e = trace::Event::log(
        m_config.lifeline,
        result.confirmed
            ? QStringLiteral(
                  "service connection %1: Kmc index %2 derived and confirmed by the NSCL, "
                  "lifetime %3")
                  .arg(state.connectionId)
                  .arg(state.kmcIndex)
                  .arg(mid::formatDateTime(state.expiry))
            : QStringLiteral("service connection %1: the NSCL's key confirmation does not match "
                             "the Kmc derived here (index %2)")
                  .arg(state.connectionId)
                  .arg(state.kmcIndex));
    e.raw = mid::encodeConnectionParamSet(mine, false); // the node's own record, key masked
    record(std::move(e));
    if (!result.confirmed) {
        result.detail = QStringLiteral("the NSCL's key confirmation in securityM2MKey does not "
                                       "match the Kmc derived here: the two sides hold different "
                                       "keys (profile formula, randoms or Kmr)");
    }
    return state;
}

} // namespace m2mbench::nodes
