// SPDX-License-Identifier: Apache-2.0
// `ctx.nscl` of CFG_DG: the bench NSCL's view of the D/G node under test.
#include "core/runner/dg_connection.h"

#include "core/protocol/mid/resources.h"

#include <QElapsedTimer>
#include <QJSEngine>
#include <QMutexLocker>
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

std::shared_ptr<std::atomic_bool>
DgNsclProxy::trigger(const QString &what, nodes::MidBinding binding, const QJSValue &options) {
    auto finished = std::make_shared<std::atomic_bool>(false);
    nodes::DeviceNode *device = m_bench->embedded;
    if (!device || what == u"none") {
        *finished = true;
        return finished; // a real device acts on its own
    }
    const int timeoutMs = m_context->stepTimeoutMs();
    if (what == u"connect") {
        m_bench->net->post([device, timeoutMs, finished] {
            device->connectService({}, timeoutMs,
                                   [finished](const nodes::ConnectResult &) { *finished = true; });
        });
        return finished;
    }
    if (what == u"retrieve") {
        const QString sclId = m_bench->sclId;
        m_bench->net->post([device, binding, timeoutMs, sclId, finished] {
            mid::Request r;
            r.requestingEntity = sclId;
            r.method = mid::Method::Retrieve;
            r.target = QStringLiteral("/m2m");
            device->requestOver(binding, r, std::nullopt, timeoutMs,
                                [finished](const nodes::MidExchange &) { *finished = true; });
        });
        return finished;
    }
    // Everything else is the D/GSCL's own procedure: the bench only cues it.
    const bool second = options.isObject() && options.property(QStringLiteral("node")).toInt() == 2;
    nodes::DgSclAgent *agent = second ? m_bench->agent2 : m_bench->agent;
    nodes::DgSclConfig config = m_bench->net->invoke([agent] { return agent->config(); });
    if (!second) {
        config.binding = binding; // the second gateway stays on plain HTTP
    }
    const QString app = options.isObject() && options.hasProperty(QStringLiteral("app"))
                            ? options.property(QStringLiteral("app")).toString()
                            : config.applications.value(0).appId;
    const QByteArray content = options.isObject() && options.hasProperty(QStringLiteral("content"))
                                   ? options.property(QStringLiteral("content")).toString().toUtf8()
                                   : QByteArrayLiteral("21.5");
    auto done = [finished](bool, const QString &) { *finished = true; };
    m_bench->net->post([agent, config, what, app, content, done] {
        agent->setConfig(config);
        if (what == u"register") {
            agent->registerScl(done);
        } else if (what == u"refresh") {
            agent->refresh(done);
        } else if (what == u"deregister") {
            agent->deregister(done);
        } else if (what == u"announce") {
            agent->announceApplications(done);
        } else if (what == u"deannounce") {
            agent->deannounce(app, done);
        } else if (what == u"containers") {
            agent->createContainers(done);
        } else if (what == u"data") {
            agent->postContent(app, content, QStringLiteral("text/plain"), done);
        } else if (what == u"attach") {
            agent->reportAttachedDevices(done);
        } else {
            done(false, QStringLiteral("unknown cue"));
        }
    });
    return finished;
}

QJSValue DgNsclProxy::seenToJs(const DgSeenRequest &s) const {
    QVariantMap m = {{QStringLiteral("arrived"), true},
                     {QStringLiteral("n"), static_cast<double>(s.n)},
                     {QStringLiteral("atMs"), static_cast<double>(s.atMs)},
                     {QStringLiteral("binding"), s.binding},
                     {QStringLiteral("method"), mid::methodName(s.request.method)},
                     {QStringLiteral("target"), s.request.target},
                     {QStringLiteral("requestingEntity"), s.request.requestingEntity},
                     {QStringLiteral("pskIdentity"), QString::fromLatin1(s.pskIdentity)},
                     {QStringLiteral("contentType"), s.request.contentType},
                     {QStringLiteral("root"), mid::rootElementName(s.request.body)},
                     {QStringLiteral("body"), QString::fromUtf8(s.request.body)},
                     {QStringLiteral("status"), mid::statusName(s.response.status)},
                     {QStringLiteral("location"), s.response.location},
                     {QStringLiteral("responseBody"), QString::fromUtf8(s.response.body)},
                     {QStringLiteral("scripted"), s.scripted}};
    return m_context->engine()->toScriptValue(m);
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

namespace {

struct RequestFilter {
    std::optional<mid::Method> method;
    QString target;
    QString root;
};

RequestFilter filterOf(const QJSValue &o) {
    RequestFilter f;
    if (!o.isObject()) {
        return f;
    }
    if (o.hasProperty(QStringLiteral("method"))) {
        f.method = mid::methodFromName(o.property(QStringLiteral("method")).toString());
    }
    if (o.hasProperty(QStringLiteral("target"))) {
        f.target = o.property(QStringLiteral("target")).toString();
    }
    if (o.hasProperty(QStringLiteral("root"))) {
        f.root = o.property(QStringLiteral("root")).toString();
    }
    return f;
}

} // namespace

QJSValue DgNsclProxy::awaitRequest(const QJSValue &options) {
    if (!available()) {
        return {};
    }
    std::shared_ptr<DgNsclScript> script = m_bench->script;
    quint64 since = 0;
    if (options.isObject() && options.hasProperty(QStringLiteral("since"))) {
        since = static_cast<quint64>(options.property(QStringLiteral("since")).toNumber());
    } else {
        QMutexLocker lock(&script->mutex);
        since = script->total;
    }
    nodes::MidBinding binding =
        m_bench->embedded ? m_bench->embedded->binding() : nodes::MidBinding::HttpsPsk;
    if (options.isObject() && options.hasProperty(QStringLiteral("binding"))) {
        binding = nodes::bindingFromName(options.property(QStringLiteral("binding")).toString())
                      .value_or(binding);
    }
    const QString what = options.isObject() && options.hasProperty(QStringLiteral("trigger"))
                             ? options.property(QStringLiteral("trigger")).toString()
                             : QStringLiteral("retrieve");
    trigger(what, binding, options);
    const RequestFilter f = filterOf(options);
    const bool allowTimeout =
        options.isObject() && options.property(QStringLiteral("allowTimeout")).toBool();
    return waitFor(
        [this, script, since, f]() -> std::optional<QJSValue> {
            QMutexLocker lock(&script->mutex);
            for (const DgSeenRequest &s : script->seen) {
                if (s.n > since && dgRequestMatches(s, f.method, f.target, f.root)) {
                    return seenToJs(s);
                }
            }
            return std::nullopt;
        },
        timeoutOf(options), allowTimeout, QStringLiteral("mId request"));
}

QJSValue DgNsclProxy::requests(const QJSValue &options) {
    const quint64 since =
        options.isObject() && options.hasProperty(QStringLiteral("since"))
            ? static_cast<quint64>(options.property(QStringLiteral("since")).toNumber())
            : 0;
    const RequestFilter f = filterOf(options);
    QJSValue list = m_context->engine()->newArray();
    quint32 i = 0;
    QMutexLocker lock(&m_bench->script->mutex);
    for (const DgSeenRequest &s : m_bench->script->seen) {
        if (s.n > since && dgRequestMatches(s, f.method, f.target, f.root)) {
            list.setProperty(i++, seenToJs(s));
        }
    }
    return list;
}

double DgNsclProxy::mark() {
    QMutexLocker lock(&m_bench->script->mutex);
    return static_cast<double>(m_bench->script->total);
}

void DgNsclProxy::answerNext(const QJSValue &options) {
    DgScriptedAnswer a;
    const RequestFilter f = filterOf(options);
    a.method = f.method;
    a.targetContains = f.target;
    const QString status = options.property(QStringLiteral("status")).toString();
    const auto code = mid::statusFromName(status);
    if (!code) {
        m_context->failStep(QStringLiteral("answerNext: '%1' is no STATUS_ name").arg(status),
                            Verdict::Error, 0);
        return;
    }
    a.response.status = *code;
    if (options.hasProperty(QStringLiteral("body"))) {
        a.response.body = options.property(QStringLiteral("body")).toString().toUtf8();
        a.response.contentType = options.hasProperty(QStringLiteral("contentType"))
                                     ? options.property(QStringLiteral("contentType")).toString()
                                     : QStringLiteral("application/xml");
    } else if (!mid::isSuccess(*code)) {
        a.response = nodes::errorResponse(*code, QStringLiteral("scripted by the test case"));
    }
    if (options.hasProperty(QStringLiteral("location"))) {
        a.response.location = options.property(QStringLiteral("location")).toString();
    }
    a.times = std::clamp(options.hasProperty(QStringLiteral("times"))
                             ? options.property(QStringLiteral("times")).toInt()
                             : 1,
                         1, 1000);
    QMutexLocker lock(&m_bench->script->mutex);
    m_bench->script->answers.append(a);
}

void DgNsclProxy::grantLifetime(int seconds) {
    QMutexLocker lock(&m_bench->script->mutex);
    m_bench->script->grantSeconds = std::max(seconds, 0);
}

QJSValue DgNsclProxy::registered() {
    if (!available()) {
        return {};
    }
    const QJSValue rsp = retrieve(m_bench->nscl->service().config().basePath +
                                  QStringLiteral("/scls/") + m_bench->sclId);
    QJSValue r = m_context->engine()->newObject();
    r.setProperty(QStringLiteral("registered"),
                  rsp.property(QStringLiteral("status")).toString() == u"STATUS_OK");
    r.setProperty(QStringLiteral("body"), rsp.property(QStringLiteral("body")));
    return r;
}

void DgNsclProxy::dropRegistration() {
    if (!available()) {
        return;
    }
    mid::Request r;
    r.method = mid::Method::Delete;
    r.target =
        m_bench->nscl->service().config().basePath + QStringLiteral("/scls/") + m_bench->sclId;
    m_bench->nscl->service().handle(r);
}

QJSValue DgNsclProxy::retrieve(const QString &path) {
    if (!available()) {
        return {};
    }
    mid::Request req;
    req.method = mid::Method::Retrieve;
    req.target = path;
    req.requestingEntity = m_bench->sclId;
    // The service is thread-safe: the bench reads its own state without a wire round trip.
    const mid::Response rsp = m_bench->nscl->service().handle(req);
    QVariantMap m = {{QStringLiteral("status"), mid::statusName(rsp.status)},
                     {QStringLiteral("body"), QString::fromUtf8(rsp.body)}};
    return m_context->engine()->toScriptValue(m);
}

QJSValue DgNsclProxy::nodeStatus() {
    QVariantMap m;
    nodes::DgSclAgent *agent = m_bench->agent;
    if (!agent) {
        m.insert(QStringLiteral("known"), false);
        return m_context->engine()->toScriptValue(m);
    }
    const nodes::DgSclStatus st = m_bench->net->invoke([agent] { return agent->status(); });
    m = {{QStringLiteral("known"), true},
         {QStringLiteral("state"), nodes::dgSclStateName(st.state)},
         {QStringLiteral("reason"), st.reason},
         {QStringLiteral("attempts"), st.attempts},
         {QStringLiteral("expiry"),
          st.expiry.isValid() ? mid::formatDateTime(st.expiry) : QString()},
         {QStringLiteral("refreshes"), st.refreshes},
         {QStringLiteral("announced"), st.announced},
         {QStringLiteral("containers"), st.containers},
         {QStringLiteral("attachedDevices"), st.attachedDevices},
         {QStringLiteral("instancesPosted"), st.instancesPosted}};
    return m_context->engine()->toScriptValue(m);
}

QJSValue DgNsclProxy::awaitRegistration(const QJSValue &options) {
    QJSValue o = options.isObject() ? options : m_context->engine()->newObject();
    // The first CREATE of an <scl> that comes, whatever else the node sends before it.
    for (const auto &[name, value] : {std::pair{"trigger", "register"},
                                      std::pair{"method", "CREATE"}, std::pair{"root", "scl"}}) {
        if (!o.hasProperty(QLatin1String(name))) {
            o.setProperty(QLatin1String(name), QLatin1String(value));
        }
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

void DgNsclProxy::reset(const QJSValue &options) {
    const bool keep =
        options.isObject() && options.property(QStringLiteral("keepRegistrations")).toBool();
    if (!m_bench->nscl) {
        return;
    }
    nodes::NsclNode *nscl = m_bench->nscl;
    nodes::DeviceNode *device = m_bench->embedded;
    nodes::DgSclAgent *agent = m_bench->agent;
    {
        QMutexLocker lock(&m_bench->script->mutex);
        m_bench->script->answers.clear();
        m_bench->script->grantSeconds = 0;
    }
    nodes::DgSclAgent *agent2 = m_bench->agent2;
    m_bench->net->invoke([nscl, device, agent, agent2, keep] {
        for (nodes::DgSclAgent *a : {agent, agent2}) {
            if (a) {
                a->stop();
            }
        }
        if (device) {
            device->cancelAll();
            device->forgetConnection();
        }
        nscl->security()->setRefuseAll(QString());
        nscl->security()->setLifetimeOverride(0);
        for (const QString &id : keep ? QStringList() : nscl->service().registeredScls()) {
            mid::Request r;
            r.method = mid::Method::Delete;
            r.target = nscl->service().config().basePath + QStringLiteral("/scls/") + id;
            nscl->service().handle(r);
        }
    });
}

} // namespace m2mbench::runner
