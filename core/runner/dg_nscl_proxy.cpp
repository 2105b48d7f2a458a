// SPDX-License-Identifier: Apache-2.0
// `ctx.nscl` of CFG_DG: the bench NSCL's view of the D/G node under test.
#include "core/runner/dg_connection.h"

#include "core/protocol/mid/resources.h"

#include <QElapsedTimer>
#include <QJSEngine>
#include <QThread>

namespace m2mbench::runner {

namespace {

QVariantMap connectionToMap(const nodes::ConnectionOutcome &o) {
    const auto parsed = tls::PskIdentity::parse(o.identity);
    return {
        {QStringLiteral("ok"), o.accepted},
        {QStringLiteral("accepted"), o.accepted},
        {QStringLiteral("identity"), QString::fromLatin1(o.identity)},
        {QStringLiteral("identityWellFormed"), parsed.has_value()},
        {QStringLiteral("nodeId"),
         parsed ? QString::fromLatin1(parsed->nodeId.toHex()) : QString()},
        {QStringLiteral("kmcIndex"), static_cast<double>(o.kmc.index)},
        {QStringLiteral("connectionId"), QString::number(o.kmc.connectionId)},
        {QStringLiteral("lifetime"), o.accepted ? mid::formatDateTime(o.kmc.expiry) : QString()},
        {QStringLiteral("cipher"), o.cipher},
        {QStringLiteral("reason"), o.reason},
        {QStringLiteral("seq"), static_cast<double>(o.seq)}};
}

QVariantMap requestToMap(const nodes::MidSeen &s) {
    return {{QStringLiteral("arrived"), true},
            {QStringLiteral("binding"), s.binding},
            {QStringLiteral("method"), mid::methodName(s.request.method)},
            {QStringLiteral("target"), s.request.target},
            {QStringLiteral("requestingEntity"), s.request.requestingEntity},
            {QStringLiteral("pskIdentity"), QString::fromLatin1(s.pskIdentity)},
            {QStringLiteral("body"), QString::fromUtf8(s.request.body)},
            {QStringLiteral("status"), mid::statusName(s.response.status)}};
}

} // namespace

DgNsclProxy::DgNsclProxy(TestContext *context, DgNsclBench *bench)
    : QObject(context)
    , m_context(context)
    , m_bench(bench) {}

bool DgNsclProxy::available() {
    if (!m_bench->unavailable.isEmpty() || !m_bench->nscl) {
        m_context->failStep(m_bench->unavailable.isEmpty() ? QStringLiteral("no bench NSCL")
                                                           : m_bench->unavailable,
                            Verdict::Inconc, 0);
        return false;
    }
    return true;
}

int DgNsclProxy::timeoutOf(const QJSValue &options) const {
    if (options.isObject() && options.hasProperty(QStringLiteral("timeoutMs"))) {
        return options.property(QStringLiteral("timeoutMs")).toInt();
    }
    return m_context->pixitValues().intValue(QStringLiteral("PX_DG_SC_WAIT_MS"), 10000);
}

std::shared_ptr<std::atomic_bool> DgNsclProxy::trigger(const QString &what,
                                                       nodes::MidBinding binding) {
    auto finished = std::make_shared<std::atomic_bool>(false);
    nodes::DeviceNode *device = m_bench->embedded;
    if (!device || what == u"none") {
        *finished = true;
        return finished; // a real device acts on its own
    }
    const int timeoutMs = m_context->stepTimeoutMs();
    const nodes::DeviceKeys keys = m_bench->keys;
    m_bench->net->post([device, what, binding, timeoutMs, keys, finished] {
        if (what == u"connect") {
            device->connectService({}, timeoutMs,
                                   [finished](const nodes::ConnectResult &) { *finished = true; });
            return;
        }
        mid::Request r;
        r.requestingEntity = keys.sclId;
        if (what == u"register") {
            mid::Scl scl;
            scl.sclId = keys.sclId;
            scl.pocs = {QStringLiteral("http://%1.invalid/m2m").arg(keys.sclId)};
            scl.expirationTime = QDateTime::currentDateTimeUtc().addSecs(3600);
            r.method = mid::Method::Create;
            r.target = QStringLiteral("/m2m/scls");
            r.body = mid::encodeScl(scl);
        } else {
            r.method = mid::Method::Retrieve;
            r.target = QStringLiteral("/m2m");
        }
        device->requestOver(binding, r, std::nullopt, timeoutMs,
                            [finished](const nodes::MidExchange &) { *finished = true; });
    });
    return finished;
}

QJSValue DgNsclProxy::waitFor(const std::function<std::optional<QJSValue>()> &seen, int timeoutMs,
                              bool allowTimeout, const QString &what) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs && !m_context->stopRequested()) {
        if (auto v = seen()) {
            return *v;
        }
        QThread::msleep(20);
    }
    if (auto v = seen()) {
        return *v;
    }
    if (allowTimeout) {
        QJSValue r = m_context->engine()->newObject();
        r.setProperty(QStringLiteral("arrived"), false);
        r.setProperty(QStringLiteral("ok"), false);
        r.setProperty(QStringLiteral("outcome"), QStringLiteral("timeout"));
        return r;
    }
    m_context->failStep(
        QStringLiteral("the D/G node made no %1 within %2 ms").arg(what).arg(timeoutMs),
        m_context->phase() == u"body" ? Verdict::Fail : Verdict::Inconc, 0);
    return {};
}

QJSValue DgNsclProxy::awaitConnection(const QJSValue &options) {
    if (!available()) {
        return {};
    }
    nodes::NsclNode *nscl = m_bench->nscl;
    const QString refuse = options.isObject() && options.hasProperty(QStringLiteral("refuse"))
                               ? options.property(QStringLiteral("refuse")).toString()
                               : QString();
    const qint64 lifetime =
        options.isObject() ? options.property(QStringLiteral("kmcLifetime")).toInt() : 0;
    const auto before = m_bench->net->invoke([nscl, refuse, lifetime] {
        if (!refuse.isEmpty()) {
            nscl->security()->setRefuseAll(refuse == u"true" ? QStringLiteral("refused by the test "
                                                                              "case")
                                                             : refuse);
        }
        if (lifetime > 0) {
            nscl->security()->setLifetimeOverride(lifetime);
        }
        return nscl->security()->connections().size();
    });
    const bool doTrigger = !options.isObject() || !options.hasProperty(QStringLiteral("trigger")) ||
                           options.property(QStringLiteral("trigger")).toBool();
    auto finished = doTrigger ? trigger(QStringLiteral("connect"), nodes::MidBinding::HttpsPsk)
                              : std::make_shared<std::atomic_bool>(true);
    const bool allowTimeout =
        options.isObject() && options.property(QStringLiteral("allowTimeout")).toBool();
    return waitFor(
        [this, nscl, before, finished]() -> std::optional<QJSValue> {
            const auto all =
                m_bench->net->invoke([nscl] { return nscl->security()->connections(); });
            // The embedded node's own side must be done too, or its next step races it.
            if (all.size() <= before || !*finished) {
                return std::nullopt;
            }
            return m_context->engine()->toScriptValue(connectionToMap(all.back()));
        },
        timeoutOf(options), allowTimeout, QStringLiteral("service connection"));
}

QJSValue DgNsclProxy::awaitRequest(const QJSValue &options) {
    if (!available()) {
        return {};
    }
    nodes::NsclNode *nscl = m_bench->nscl;
    const auto before =
        m_bench->net->invoke([nscl] { return nscl->security()->requests().size(); });
    nodes::MidBinding binding =
        m_bench->embedded ? m_bench->embedded->binding() : nodes::MidBinding::HttpsPsk;
    if (options.isObject() && options.hasProperty(QStringLiteral("binding"))) {
        binding = nodes::bindingFromName(options.property(QStringLiteral("binding")).toString())
                      .value_or(binding);
    }
    const QString what = options.isObject() && options.hasProperty(QStringLiteral("trigger"))
                             ? options.property(QStringLiteral("trigger")).toString()
                             : QStringLiteral("retrieve");
    trigger(what, binding);
    const bool allowTimeout =
        options.isObject() && options.property(QStringLiteral("allowTimeout")).toBool();
    return waitFor(
        [this, nscl, before]() -> std::optional<QJSValue> {
            const auto all = m_bench->net->invoke([nscl] { return nscl->security()->requests(); });
            if (all.size() <= before) {
                return std::nullopt;
            }
            return m_context->engine()->toScriptValue(requestToMap(all.back()));
        },
        timeoutOf(options), allowTimeout, QStringLiteral("mId request"));
}

QJSValue DgNsclProxy::awaitRegistration(const QJSValue &options) {
    QJSValue o = options.isObject() ? options : m_context->engine()->newObject();
    if (!o.hasProperty(QStringLiteral("trigger"))) {
        o.setProperty(QStringLiteral("trigger"), QStringLiteral("register"));
    }
    return awaitRequest(o);
}

QJSValue DgNsclProxy::connections() {
    if (!available()) {
        return {};
    }
    nodes::NsclNode *nscl = m_bench->nscl;
    const auto all = m_bench->net->invoke([nscl] { return nscl->security()->connections(); });
    QVariantList list;
    for (const auto &o : all) {
        list.append(connectionToMap(o));
    }
    return m_context->engine()->toScriptValue(list);
}

void DgNsclProxy::waitSeconds(double seconds) {
    const int limit = m_context->pixitValues().intValue(QStringLiteral("PX_TC_TIMEOUT_MS"), 120000);
    const qint64 ms = std::clamp<qint64>(static_cast<qint64>(seconds * 1000.0), 0, limit);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms && !m_context->stopRequested()) {
        QThread::msleep(static_cast<unsigned long>(std::min<qint64>(50, ms - t.elapsed())));
    }
}

void DgNsclProxy::reset() {
    if (!m_bench->nscl) {
        return;
    }
    nodes::NsclNode *nscl = m_bench->nscl;
    nodes::DeviceNode *device = m_bench->embedded;
    m_bench->net->invoke([nscl, device] {
        if (device) {
            device->cancelAll();
            device->forgetConnection();
        }
        nscl->security()->setRefuseAll(QString());
        nscl->security()->setLifetimeOverride(0);
        for (const QString &id : nscl->service().registeredScls()) {
            mid::Request r;
            r.method = mid::Method::Delete;
            r.target = nscl->service().config().basePath + QStringLiteral("/scls/") + id;
            nscl->service().handle(r);
        }
    });
}

} // namespace m2mbench::runner
