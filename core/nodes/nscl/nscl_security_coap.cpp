// SPDX-License-Identifier: Apache-2.0
// The NSCL's CoAP binding (plain and DTLS-PSK keyed by Kmc), the requestingEntity rules of the
// secured bindings, and Kma for applications registered over a Kmc session.
#include "core/nodes/nscl/nscl_node.h"
#include "core/nodes/nscl/nscl_security.h"

#include "core/crypto/key_hierarchy.h"
#include "core/nodes/wire_events.h"
#include "core/protocol/http/http_describe.h"
#include "core/trace/trace.h"

namespace m2mbench::nodes {

namespace {

constexpr int kKeptRequests = 256;

/// Whether a requestingEntity names the authenticated node's SCL (or something below it):
/// "gscl-01", "gscl-01/applications/a1", "/m2m/scls/gscl-01", "http://nscl/m2m/scls/gscl-01/...".
bool namesScl(const QString &entity, const QString &sclId) {
    if (entity == sclId || entity.startsWith(sclId + QLatin1Char('/'))) {
        return true;
    }
    const QString segment = QStringLiteral("/scls/") + sclId;
    const qsizetype at = entity.indexOf(segment);
    return at >= 0 && (at + segment.size() == entity.size() ||
                       entity.at(at + segment.size()) == QLatin1Char('/'));
}

} // namespace

void NsclSecurity::ensureCoap() {
    if (!m_coap) {
        m_coap = new coap::Server(
            [this](const coap::Message &r, const coap::PeerInfo &p) { return coapRequest(r, p); },
            m_config.coapLimits, this);
        connect(m_coap, &coap::Server::securityEvent, this, [this](const QString &line) {
            record(trace::Event::log(m_config.lifeline, line));
            emit securityLine(line);
        });
    }
}

Result<quint16> NsclSecurity::listenCoap(const QHostAddress &address, quint16 port) {
    ensureCoap();
    return m_coap->listen(address, port);
}

Result<quint16> NsclSecurity::listenCoaps(const QHostAddress &address, quint16 port) {
    ensureCoap();
    coap::ServerPsk psk;
    psk.cipherList = m_config.dtlsCiphers;
    psk.resolve = [this](const QByteArray &identity) { return m_kmc.lookup(identity); };
    psk.keyLogTrace = m_config.trace;
    psk.lifeline = m_config.lifeline;
    if (auto ok = m_coap->setPsk(psk); !ok) {
        return fail(ok.error());
    }
    return m_coap->listenSecure(address, port);
}

coap::Message NsclSecurity::coapRequest(const coap::Message &request, const coap::PeerInfo &peer) {
    const QString binding = peer.secure ? QStringLiteral("coaps") : QStringLiteral("coap");
    auto primitive = coap::fromCoapRequest(request, m_config.coapBinding);
    mid::Response rsp;
    mid::Method method = mid::Method::Retrieve;
    if (!primitive) {
        rsp = errorResponse(primitive.error().message.startsWith(QLatin1String("method"))
                                ? mid::StatusCode::MethodNotAllowed
                                : mid::StatusCode::BadRequest,
                            primitive.error().message);
    } else {
        method = primitive->method;
        rsp = serve(binding, *primitive, peer.secure ? peer.pskIdentity : QByteArray());
    }
    coap::Message out = coap::toCoapResponse(rsp, method, m_config.coapBinding);
    if (m_config.recordMessages) {
        record(coapEvent(false, m_config.peerLifeline, m_config.lifeline, request, binding));
        record(coapEvent(true, m_config.lifeline, m_config.peerLifeline, out, binding));
    }
    return out;
}

std::optional<mid::Response> NsclSecurity::checkRequester(const mid::Request &request,
                                                          const QByteArray &identity) const {
    if (!m_config.requireRequestingEntity) {
        return std::nullopt;
    }
    if (request.requestingEntity.isEmpty()) {
        return errorResponse(mid::StatusCode::PermissionDenied,
                             QStringLiteral("a secured mId request must name its requestingEntity "
                                            "(HTTP: Authorization Basic; CoAP: Uri-Query "
                                            "RequestingEntity=)"));
    }
    const auto id = tls::PskIdentity::parse(identity);
    const auto kmc = id ? m_kmc.find(id->nodeId, id->index) : std::nullopt;
    if (kmc && !kmc->sclId.isEmpty() && !namesScl(request.requestingEntity, kmc->sclId)) {
        return errorResponse(
            mid::StatusCode::Forbidden,
            QStringLiteral("requestingEntity '%1' is not the SCL %2 of the node "
                           "authenticated by PSK identity %3")
                .arg(request.requestingEntity, kmc->sclId, QString::fromLatin1(identity)));
    }
    return std::nullopt;
}

mid::Response NsclSecurity::serve(const QString &binding, const mid::Request &request,
                                  const QByteArray &identity) {
    mid::Response rsp;
    const bool secured = binding == u"https-psk" || binding == u"coaps";
    if (auto refused = secured ? checkRequester(request, identity) : std::nullopt) {
        rsp = *refused;
    } else {
        rsp = m_node.answer(binding, request, identity);
        if (secured) {
            deriveKmaFor(request, rsp, identity);
        }
    }
    m_node.countRequest(QStringLiteral("%1 %2 %3 -> %4")
                            .arg(binding, mid::methodName(request.method), request.target,
                                 mid::statusName(rsp.status)));
    if (!m_observing) {
        return rsp;
    }
    MidSeen seen{binding, request, rsp, identity, 0};
    m_seen.push_back(seen);
    while (m_seen.size() > kKeptRequests) {
        m_seen.pop_front();
    }
    emit midSeen(seen);
    return rsp;
}

void NsclSecurity::deriveKmaFor(const mid::Request &request, const mid::Response &response,
                                const QByteArray &identity) {
    const QString apps = m_node.service().applicationsPath();
    if (request.method != mid::Method::Create || response.status != mid::StatusCode::Created ||
        !response.location.startsWith(apps + QLatin1Char('/'))) {
        return;
    }
    const auto id = tls::PskIdentity::parse(identity);
    const auto kmc = id ? m_kmc.find(id->nodeId, id->index) : std::nullopt;
    if (!kmc) {
        return;
    }
    const QString appId = response.location.mid(apps.size() + 1);
    auto kma = m_keys.record(crypto::deriveKma(
        m_config.profile, crypto::NamedKey{QStringLiteral("Kmc"), kmc->key, kmc->recordId}, appId));
    record(trace::Event::log(
        m_config.lifeline,
        kma ? QStringLiteral("Kma derived for App-ID %1 (%2)").arg(appId, kma->recordId)
            : QStringLiteral("Kma for App-ID %1 not derived: %2").arg(appId, kma.error().message)));
}

void NsclSecurity::observePlain(const http::Request &request, const http::Response &response) {
    if (m_config.recordMessages) {
        record(wireEvent(false, m_config.peerLifeline, m_config.lifeline, QStringLiteral("HTTP"),
                         request.serialize(), http::summarizeRequest(request)));
        record(wireEvent(true, m_config.lifeline, m_config.peerLifeline, QStringLiteral("HTTP"),
                         response.serialize(), http::summarizeResponse(response)));
    }
    auto primitive = m_observing ? http::fromHttpRequest(request) : Result<mid::Request>();
    if (!m_observing || !primitive) {
        return;
    }
    mid::Response rsp;
    rsp.status = mid::statusFromHttp(response.status, m_node.binding().status)
                     .value_or(mid::StatusCode::InternalServerError);
    rsp.location = QString::fromUtf8(response.headers.value("Location"));
    rsp.body = response.body;
    MidSeen seen{QStringLiteral("http"), *primitive, rsp, {}, 0};
    m_seen.push_back(seen);
    while (m_seen.size() > kKeptRequests) {
        m_seen.pop_front();
    }
    emit midSeen(seen);
}

} // namespace m2mbench::nodes
