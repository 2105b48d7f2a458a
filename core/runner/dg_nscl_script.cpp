// SPDX-License-Identifier: Apache-2.0
// The bench NSCL's hook in CFG_DG (every request of the node recorded with its arrival time,
// scripted answers for negative cases, a cap on the lifetime it grants), and the embedded
// node's D/GSCL configuration from PIXIT.
#include "core/runner/dg_connection.h"

#include "core/protocol/mid/resources.h"
#include "core/protocol/mid/xml.h"

#include <QMutexLocker>

namespace m2mbench::runner {

namespace {

/// The request with the expirationTime of its <scl> capped, when it registers or updates one.
mid::Request capped(const mid::Request &request, qint64 grantSeconds) {
    if (grantSeconds <= 0 ||
        (request.method != mid::Method::Create && request.method != mid::Method::Update) ||
        !request.target.contains(QLatin1String("/scls")) ||
        mid::rootElementName(request.body) != u"scl") {
        return request;
    }
    auto doc = mid::parseXml(request.body);
    auto scl = doc ? mid::decodeScl(*doc) : Result<mid::Scl>();
    if (!doc || !scl) {
        return request; // the NSCL's logic answers what it cannot read
    }
    const QDateTime cap = QDateTime::currentDateTimeUtc().addSecs(grantSeconds);
    if (scl->expirationTime.isValid() && scl->expirationTime <= cap) {
        return request;
    }
    scl->expirationTime = cap;
    mid::Request r = request;
    r.body = mid::encodeScl(*scl);
    return r;
}

QStringList listItem(const Pixit &pixit, const QString &id, const QString &fallback) {
    QStringList out;
    for (const QString &part : pixit.stringValue(id, fallback).split(u',', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) {
            out.append(part.trimmed());
        }
    }
    return out;
}

} // namespace

bool dgRequestMatches(const DgSeenRequest &s, const std::optional<mid::Method> &method,
                      const QString &targetContains, const QString &root) {
    return (!method || s.request.method == *method) &&
           (targetContains.isEmpty() || s.request.target.contains(targetContains)) &&
           (root.isEmpty() || mid::rootElementName(s.request.body) == root);
}

nodes::NsclNode::MidHook dgNsclHook(std::shared_ptr<DgNsclScript> script) {
    return
        [script](const QString &binding, const mid::Request &request, const QByteArray &pskIdentity,
                 const std::function<mid::Response(const mid::Request &)> &next) {
            DgSeenRequest seen;
            seen.binding = binding;
            seen.request = request;
            seen.pskIdentity = pskIdentity;
            std::optional<mid::Response> scripted;
            qint64 grant = 0;
            {
                QMutexLocker lock(&script->mutex);
                seen.atMs = script->clock.elapsed();
                for (qsizetype i = 0; i < script->answers.size(); ++i) {
                    DgScriptedAnswer &a = script->answers[i];
                    DgSeenRequest probe;
                    probe.request = request;
                    if (dgRequestMatches(probe, a.method, a.targetContains, {})) {
                        scripted = a.response;
                        if (--a.times <= 0) {
                            script->answers.removeAt(i);
                        }
                        break;
                    }
                }
                grant = script->grantSeconds;
            }
            // The NSCL's logic runs outside the script's lock: it takes its own.
            seen.response = scripted ? *scripted : next(capped(request, grant));
            seen.scripted = scripted.has_value();
            QMutexLocker lock(&script->mutex);
            seen.n = ++script->total;
            script->seen.push_back(seen);
            while (script->seen.size() > DgNsclScript::kKept) {
                script->seen.pop_front();
            }
            return seen.response;
        };
}

Result<nodes::DgSclConfig> dgSclConfigFrom(const Pixit &pixit, const QString &sclId) {
    nodes::DgSclConfig c;
    c.sclId = sclId;
    const QString role = pixit.stringValue(QStringLiteral("PX_DG_ROLE"), QStringLiteral("gateway"));
    if (role != u"gateway" && role != u"device") {
        return fail(
            Error::Kind::Config,
            QStringLiteral("PIXIT PX_DG_ROLE: '%1' is neither device nor gateway").arg(role));
    }
    c.gateway = role == u"gateway";
    c.nsclBase = pixit.stringValue(QStringLiteral("PX_DG_NSCL_BASE"), QStringLiteral("/m2m"));
    c.pocs = listItem(pixit, QStringLiteral("PX_DG_SCL_POC"),
                      QStringLiteral("http://%1.invalid/m2m").arg(sclId));
    c.lifetimeSeconds = pixit.intValue(QStringLiteral("PX_DG_REG_LIFETIME_S"), 3600);
    c.refreshMarginSeconds = pixit.intValue(QStringLiteral("PX_DG_REG_REFRESH_MARGIN_S"), 30);
    c.maxAttempts = pixit.intValue(QStringLiteral("PX_DG_REG_MAX_ATTEMPTS"), 3);
    c.backoffMs = pixit.intValue(QStringLiteral("PX_DG_REG_BACKOFF_MS"), 200);
    c.maxBackoffMs = pixit.intValue(QStringLiteral("PX_DG_REG_MAX_BACKOFF_MS"), 1200);
    c.requestTimeoutMs = pixit.intValue(QStringLiteral("PX_DG_REG_REQUEST_TIMEOUT_MS"), 5000);
    if (c.lifetimeSeconds < 1 || c.maxAttempts < 1 || c.maxAttempts > 100 || c.backoffMs < 0 ||
        c.maxBackoffMs < c.backoffMs || c.requestTimeoutMs < 100 || c.refreshMarginSeconds < 0) {
        return fail(Error::Kind::Config,
                    QStringLiteral("PIXIT PX_DG_REG_*: lifetime >= 1 s, 1..100 attempts, "
                                   "0 <= back-off <= its maximum, a request timeout >= 100 ms"));
    }
    for (const QString &appId : listItem(pixit, QStringLiteral("PX_DG_APPS"),
                                         QStringLiteral("app-temperature,app-door"))) {
        if (!nodes::isUsableResourceName(appId)) {
            return fail(Error::Kind::Config,
                        QStringLiteral("PIXIT PX_DG_APPS: '%1' cannot name a resource").arg(appId));
        }
        c.applications.append({appId, {QStringLiteral("m2mbench"), appId}, {}});
    }
    c.attachedDevices = listItem(pixit, QStringLiteral("PX_DG_ATTACHED_DEVICES"),
                                 QStringLiteral("legacy-meter-01,legacy-meter-02"));
    return c;
}

} // namespace m2mbench::runner
