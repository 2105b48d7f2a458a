// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/device/dgscl_agent.h"

#include "core/protocol/mid/resources.h"
#include "core/protocol/mid/xml.h"
#include "core/trace/trace.h"

#include <algorithm>

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;

namespace {

const QString kXml = QStringLiteral("application/xml");

mid::XmlNode searchStringsNode(const QStringList &strings) {
    mid::XmlNode list = mid::m2mElement(QStringLiteral("searchStrings"));
    for (const QString &s : strings) {
        list.children.append(mid::m2mElement(QStringLiteral("searchString"), s));
    }
    return list;
}

/// The mId status of an answer, or nullopt when none arrived (or it has no mId meaning).
std::optional<StatusCode> statusOf(const MidExchange &ex) {
    if (ex.transport.outcome != http::Exchange::Outcome::Ok || !ex.decoded) {
        return std::nullopt;
    }
    return ex.decoded->status;
}

QString describe(const MidExchange &ex) {
    if (ex.transport.outcome != http::Exchange::Outcome::Ok || !ex.decoded) {
        return QStringLiteral("no answer (%1%2)")
            .arg(http::outcomeName(ex.transport.outcome),
                 ex.transport.detail.isEmpty() ? QString()
                                               : QStringLiteral(": ") + ex.transport.detail);
    }
    if (!ex.decoded->status) {
        return QStringLiteral("HTTP %1, which has no mId meaning").arg(ex.decoded->httpStatus);
    }
    return mid::statusName(*ex.decoded->status);
}

/// Worth another attempt: no answer at all, or the NSCL's own trouble (5xx, a timeout).
bool transient(const MidExchange &ex) {
    const auto s = statusOf(ex);
    if (!s) {
        return true;
    }
    switch (*s) {
    case StatusCode::RequestTimeout:
    case StatusCode::InternalServerError:
    case StatusCode::BadGateway:
    case StatusCode::ServiceUnavailable:
    case StatusCode::GatewayTimeout: return true;
    default: return false;
    }
}

/// The <scl> an answer carries, checked against the SCL-ID asked for.
Result<mid::Scl> sclIn(const MidExchange &ex, const QString &sclId) {
    const QByteArray &body = ex.decoded->primitive.body;
    if (body.trimmed().isEmpty()) {
        return fail(Error::Kind::Parse, QStringLiteral("the answer carries no <scl>"));
    }
    auto doc = mid::parseXml(body, mid::XmlLimits{256 * 1024, 32, 4096});
    if (!doc) {
        return fail(doc.error().wrap(QStringLiteral("the answer is not XML")));
    }
    auto scl = mid::decodeScl(*doc);
    if (!scl) {
        return fail(scl.error().wrap(QStringLiteral("the answer is not a valid <scl>")));
    }
    if (!scl->sclId.isEmpty() && scl->sclId != sclId) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("the answer's <scl> is '%1', not '%2'").arg(scl->sclId, sclId));
    }
    return scl;
}

} // namespace

QString dgSclStateName(DgSclState state) {
    switch (state) {
    case DgSclState::Idle: return QStringLiteral("idle");
    case DgSclState::Registering: return QStringLiteral("registering");
    case DgSclState::Registered: return QStringLiteral("registered");
    case DgSclState::Deregistering: return QStringLiteral("deregistering");
    case DgSclState::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("idle");
}

QByteArray encodeApplicationAnnc(const QString &appId, const QString &link,
                                 const QStringList &searchStrings, const QDateTime &expiration) {
    mid::XmlNode root = mid::m2mElement(QStringLiteral("applicationAnnc"));
    // applicationAnnc.xsd declares a local (unqualified) id attribute, not m2m:id.
    root.attributes.append({QString(), QStringLiteral("id"), appId});
    root.children.append(mid::m2mElement(QStringLiteral("link"), link));
    if (!searchStrings.isEmpty()) {
        root.children.append(searchStringsNode(searchStrings));
    }
    if (expiration.isValid()) {
        root.children.append(
            mid::m2mElement(QStringLiteral("expirationTime"), mid::formatDateTime(expiration)));
    }
    return mid::writeXml(root);
}

QByteArray encodeContainer(const QString &id, const QStringList &searchStrings) {
    mid::XmlNode root = mid::m2mElement(QStringLiteral("container"));
    root.attributes.append({QLatin1String(mid::kM2mNamespace), QStringLiteral("id"), id});
    if (!searchStrings.isEmpty()) {
        root.children.append(searchStringsNode(searchStrings));
    }
    return mid::writeXml(root);
}

QByteArray encodeContentInstance(const QByteArray &content, const QString &contentType) {
    mid::XmlNode root = mid::m2mElement(QStringLiteral("contentInstance"));
    mid::XmlNode types = mid::m2mElement(QStringLiteral("contentTypes"));
    types.children.append(mid::m2mElement(QStringLiteral("contentType"), contentType));
    root.children.append(types);
    root.children.append(
        mid::m2mElement(QStringLiteral("contentSize"), QString::number(content.size())));
    root.children.append(
        mid::m2mElement(QStringLiteral("content"), QString::fromLatin1(content.toBase64())));
    return mid::writeXml(root);
}

QByteArray encodeAttachedDevice(const QString &id) {
    mid::XmlNode root = mid::m2mElement(QStringLiteral("attachedDevice"));
    root.attributes.append({QLatin1String(mid::kM2mNamespace), QStringLiteral("id"), id});
    return mid::writeXml(root);
}

DgSclAgent::DgSclAgent(DeviceNode *node, DgSclConfig config, trace::Trace *trace, QObject *parent)
    : QObject(parent)
    , m_node(node)
    , m_config(std::move(config))
    , m_trace(trace) {
    // Precise: a back-off or a refresh margin is a promise to the NSCL, not a hint.
    for (QTimer *t : {&m_refreshTimer, &m_retryTimer}) {
        t->setSingleShot(true);
        t->setTimerType(Qt::PreciseTimer);
    }
    connect(&m_refreshTimer, &QTimer::timeout, this,
            [this] { refreshOnce(0, [](bool, const QString &) {}); });
}

DgSclAgent::~DgSclAgent() = default;

QString DgSclAgent::sclPath() const {
    return m_config.nsclBase + QStringLiteral("/scls/") + m_config.sclId;
}

MidBinding DgSclAgent::binding() const {
    return m_config.binding.value_or(m_node->binding());
}

QString DgSclAgent::containerIdOf(const QString &appId) const {
    for (const DgApplicationConfig &a : m_config.applications) {
        if (a.appId == appId) {
            return a.containerId.isEmpty() ? a.appId : a.containerId;
        }
    }
    return {};
}

void DgSclAgent::note(const QString &line) {
    if (m_trace) {
        m_trace->append(
            trace::Event::log(m_node->config().name, QStringLiteral("D/GSCL: ") + line));
    }
}

void DgSclAgent::setState(DgSclState state, const QString &reason) {
    m_status.state = state;
    if (!reason.isEmpty()) {
        m_status.reason = reason;
    }
    note(QStringLiteral("%1%2").arg(dgSclStateName(state),
                                    reason.isEmpty() ? QString() : QStringLiteral(": ") + reason));
    emit stateChanged(state, reason);
}

void DgSclAgent::send(Method method, const QString &target, const QByteArray &body,
                      const QString &contentType, Answer answer) {
    mid::Request r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.contentType = contentType;
    r.requestingEntity = m_config.sclId;
    const quint64 generation = m_generation;
    QPointer<DgSclAgent> self(this);
    m_node->requestOver(binding(), r, std::nullopt, m_config.requestTimeoutMs,
                        [self, generation, answer = std::move(answer)](const MidExchange &ex) {
                            // stop() (or the agent's end) voids what was in flight.
                            if (self && self->m_generation == generation) {
                                answer(ex);
                            }
                        });
}

QByteArray DgSclAgent::sclBody(bool withId) const {
    mid::Scl scl;
    if (withId) {
        scl.sclId = m_config.sclId;
    }
    scl.pocs = m_config.pocs;
    scl.expirationTime = QDateTime::currentDateTimeUtc().addSecs(m_config.lifetimeSeconds);
    return mid::encodeScl(scl);
}

void DgSclAgent::registerScl(Done done) {
    if (m_status.state == DgSclState::Registering) {
        done(false, QStringLiteral("a registration is already under way"));
        return;
    }
    m_refreshTimer.stop();
    m_retryTimer.stop();
    m_status.attempts = 0;
    m_status.reason.clear();
    setState(DgSclState::Registering);
    attempt(std::move(done));
}

void DgSclAgent::attempt(Done done) {
    ++m_status.attempts;
    note(QStringLiteral("registration attempt %1 of %2")
             .arg(m_status.attempts)
             .arg(m_config.maxAttempts));
    send(Method::Create, m_config.nsclBase + QStringLiteral("/scls"), sclBody(true), kXml,
         [this, done = std::move(done)](const MidExchange &ex) { onCreateAnswer(ex, done); });
}

bool DgSclAgent::takeGrant(const MidExchange &ex, QString *why) {
    auto scl = sclIn(ex, m_config.sclId);
    if (!scl) {
        *why = scl.error().message;
        return false;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // An answer without expirationTime leaves what was asked for; one in the past is not a grant.
    m_status.expiry =
        scl->expirationTime.isValid() ? scl->expirationTime : now.addSecs(m_config.lifetimeSeconds);
    if (m_status.expiry <= now) {
        *why = QStringLiteral("the NSCL granted an expirationTime in the past (%1)")
                   .arg(mid::formatDateTime(m_status.expiry));
        return false;
    }
    return true;
}

void DgSclAgent::onCreateAnswer(const MidExchange &ex, Done done) {
    const auto status = statusOf(ex);
    if (status == StatusCode::Created) {
        QString why;
        if (!takeGrant(ex, &why)) {
            // Not registered on the strength of an answer it cannot read: the next attempt
            // finds out (STATUS_CONFLICT if the NSCL did register it).
            retryOrGiveUp(QStringLiteral("STATUS_CREATED with an unusable body: ") + why, true,
                          std::move(done));
            return;
        }
        setState(DgSclState::Registered,
                 QStringLiteral("until %1").arg(mid::formatDateTime(m_status.expiry)));
        scheduleRefresh();
        done(true, {});
        return;
    }
    if (status == StatusCode::Conflict) {
        note(QStringLiteral("STATUS_CONFLICT: already registered; reading and updating its <scl>"));
        adoptExisting(std::move(done));
        return;
    }
    retryOrGiveUp(QStringLiteral("registration answered %1").arg(describe(ex)), transient(ex),
                  std::move(done));
}

void DgSclAgent::adoptExisting(Done done) {
    send(Method::Retrieve, sclPath(), {}, kXml, [this, done](const MidExchange &got) {
        const bool read = statusOf(got) == StatusCode::Ok;
        const auto existing = read ? sclIn(got, m_config.sclId) : Result<mid::Scl>();
        if (!read || !existing) {
            retryOrGiveUp(QStringLiteral("already registered, but its <scl> cannot be read: ") +
                              (read ? existing.error().message : describe(got)),
                          transient(got), done);
            return;
        }
        send(Method::Update, sclPath(), sclBody(false), kXml, [this, done](const MidExchange &up) {
            QString bad;
            if (statusOf(up) != StatusCode::Ok) {
                retryOrGiveUp(
                    QStringLiteral("update of the existing <scl> answered %1").arg(describe(up)),
                    transient(up), done);
                return;
            }
            if (!takeGrant(up, &bad)) {
                retryOrGiveUp(QStringLiteral("update of the existing <scl>: ") + bad, true, done);
                return;
            }
            setState(DgSclState::Registered, QStringLiteral("(existing registration) until %1")
                                                 .arg(mid::formatDateTime(m_status.expiry)));
            scheduleRefresh();
            done(true, {});
        });
    });
}

void DgSclAgent::retryOrGiveUp(const QString &why, bool retryable, Done done) {
    note(why);
    if (!retryable || m_status.attempts >= m_config.maxAttempts) {
        const QString reason =
            retryable
                ? QStringLiteral("gave up after %1 attempts: %2").arg(m_status.attempts).arg(why)
                : QStringLiteral("gave up (not worth repeating): %1").arg(why);
        setState(DgSclState::Failed, reason);
        done(false, reason);
        return;
    }
    // 1x, 2x, 4x ... the first back-off, never longer than the bound.
    const qint64 factor = qint64(1) << std::min(m_status.attempts - 1, 20);
    const int wait = static_cast<int>(
        std::min<qint64>(qint64(m_config.backoffMs) * factor, m_config.maxBackoffMs));
    note(QStringLiteral("next attempt in %1 ms").arg(wait));
    const quint64 generation = m_generation;
    m_retryTimer.disconnect();
    connect(&m_retryTimer, &QTimer::timeout, this, [this, generation, done] {
        if (generation == m_generation) {
            attempt(done);
        }
    });
    m_retryTimer.start(std::max(wait, 0));
}

void DgSclAgent::scheduleRefresh() {
    const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(m_status.expiry);
    const qint64 margin = std::min(m_config.refreshMarginSeconds * 1000, left / 2);
    // QTimer takes an int: a grant beyond ~24 days is refreshed in time anyway.
    const qint64 in =
        std::clamp<qint64>(left - margin, m_config.minRefreshIntervalMs, 24LL * 24 * 3600 * 1000);
    m_refreshTimer.start(static_cast<int>(in));
}

void DgSclAgent::refresh(Done done) {
    if (m_status.state != DgSclState::Registered) {
        done(false, QStringLiteral("not registered (%1)").arg(dgSclStateName(m_status.state)));
        return;
    }
    m_refreshTimer.stop();
    refreshOnce(0, std::move(done));
}

void DgSclAgent::refreshOnce(int failures, Done done) {
    send(Method::Update, sclPath(), sclBody(false), kXml,
         [this, failures, done](const MidExchange &ex) {
             const auto status = statusOf(ex);
             QString why;
             if (status == StatusCode::Ok && takeGrant(ex, &why)) {
                 ++m_status.refreshes;
                 note(QStringLiteral("expirationTime refreshed until %1")
                          .arg(mid::formatDateTime(m_status.expiry)));
                 scheduleRefresh();
                 done(true, {});
                 return;
             }
             if (status == StatusCode::NotFound) {
                 // The NSCL forgot it (expired, removed): register afresh.
                 note(QStringLiteral("refresh answered STATUS_NOT_FOUND: registering again"));
                 m_status.state = DgSclState::Idle;
                 registerScl(done);
                 return;
             }
             if (why.isEmpty()) {
                 why = QStringLiteral("refresh answered %1").arg(describe(ex));
             }
             note(why);
             const bool timeLeft =
                 QDateTime::currentDateTimeUtc().addMSecs(m_config.backoffMs) < m_status.expiry;
             if (failures + 1 >= m_config.maxRefreshFailures || !timeLeft || !transient(ex)) {
                 setState(DgSclState::Failed, QStringLiteral("refresh failed: ") + why);
                 done(false, why);
                 return;
             }
             const quint64 generation = m_generation;
             QTimer::singleShot(m_config.backoffMs, Qt::PreciseTimer, this,
                                [this, generation, failures, done] {
                                    if (generation == m_generation) {
                                        refreshOnce(failures + 1, done);
                                    }
                                });
         });
}

void DgSclAgent::deregister(Done done) {
    m_refreshTimer.stop();
    m_retryTimer.stop();
    setState(DgSclState::Deregistering);
    send(Method::Delete, sclPath(), {}, kXml, [this, done](const MidExchange &ex) {
        const auto status = statusOf(ex);
        if (status == StatusCode::Ok || status == StatusCode::NotFound) {
            m_status.announced.clear();
            m_status.containers.clear();
            m_status.attachedDevices.clear();
            m_status.expiry = {};
            setState(DgSclState::Idle, QStringLiteral("deregistered"));
            done(true, {});
            return;
        }
        const QString why = QStringLiteral("deregistration answered %1").arg(describe(ex));
        // Still registered as far as it knows: the refresh goes on.
        m_status.state = DgSclState::Registered;
        m_status.reason = why;
        note(why);
        scheduleRefresh();
        done(false, why);
    });
}

void DgSclAgent::whenRegistered(std::function<void()> next, Done done) {
    if (m_status.state == DgSclState::Registered) {
        next();
        return;
    }
    registerScl([next = std::move(next), done](bool ok, const QString &why) {
        if (ok) {
            next();
        } else {
            done(false, QStringLiteral("not registered: ") + why);
        }
    });
}

void DgSclAgent::announceApplications(Done done) {
    whenRegistered([this, done] { announceFrom(0, {}, done); }, done);
}

void DgSclAgent::announceFrom(int index, QStringList failures, Done done) {
    if (index >= m_config.applications.size()) {
        done(failures.isEmpty(), failures.join(QStringLiteral("; ")));
        return;
    }
    const DgApplicationConfig app = m_config.applications.at(index);
    const QString own = m_config.ownBase.isEmpty() ? m_config.pocs.value(0) : m_config.ownBase;
    const QByteArray body = encodeApplicationAnnc(
        app.appId, own + QStringLiteral("/applications/") + app.appId, app.searchStrings,
        QDateTime::currentDateTimeUtc().addSecs(m_config.lifetimeSeconds));
    send(Method::Create, sclPath() + QStringLiteral("/applications"), body, kXml,
         [this, index, failures, done, app](const MidExchange &ex) mutable {
             const auto status = statusOf(ex);
             if (status == StatusCode::Created || status == StatusCode::Conflict) {
                 if (!m_status.announced.contains(app.appId)) {
                     m_status.announced.append(app.appId);
                 }
                 note(QStringLiteral("%1 announced").arg(app.appId));
             } else {
                 failures.append(
                     QStringLiteral("announce of %1 answered %2").arg(app.appId, describe(ex)));
                 note(failures.last());
             }
             announceFrom(index + 1, failures, done);
         });
}

void DgSclAgent::deannounce(const QString &appId, Done done) {
    send(Method::Delete, sclPath() + QStringLiteral("/applications/") + appId, {}, kXml,
         [this, appId, done](const MidExchange &ex) {
             const auto status = statusOf(ex);
             if (status == StatusCode::Ok || status == StatusCode::NotFound) {
                 m_status.announced.removeAll(appId);
                 note(QStringLiteral("%1 de-announced").arg(appId));
                 done(true, {});
                 return;
             }
             done(false, QStringLiteral("de-announce of %1 answered %2").arg(appId, describe(ex)));
         });
}

void DgSclAgent::createContainers(Done done) {
    whenRegistered([this, done] { containersFrom(0, {}, done); }, done);
}

void DgSclAgent::containersFrom(int index, QStringList failures, Done done) {
    if (index >= m_config.applications.size()) {
        done(failures.isEmpty(), failures.join(QStringLiteral("; ")));
        return;
    }
    const DgApplicationConfig app = m_config.applications.at(index);
    const QString id = containerIdOf(app.appId);
    const QString path = sclPath() + QStringLiteral("/containers/") + id;
    send(Method::Create, sclPath() + QStringLiteral("/containers"),
         encodeContainer(id, app.searchStrings), kXml,
         [this, index, failures, done, path](const MidExchange &ex) mutable {
             const auto status = statusOf(ex);
             if (status == StatusCode::Created || status == StatusCode::Conflict) {
                 if (!m_status.containers.contains(path)) {
                     m_status.containers.append(path);
                 }
             } else {
                 failures.append(
                     QStringLiteral("container %1 answered %2").arg(path, describe(ex)));
                 note(failures.last());
             }
             containersFrom(index + 1, failures, done);
         });
}

void DgSclAgent::postContent(const QString &appId, const QByteArray &content,
                             const QString &contentType, Done done) {
    const QString id = containerIdOf(appId);
    if (id.isEmpty()) {
        done(false, QStringLiteral("no application '%1' on this D/GSCL").arg(appId));
        return;
    }
    const QString container = sclPath() + QStringLiteral("/containers/") + id;
    auto post = [this, container, content, contentType, done] {
        send(Method::Create, container + QStringLiteral("/contentInstances"),
             encodeContentInstance(content, contentType), kXml,
             [this, container, done](const MidExchange &ex) {
                 if (statusOf(ex) == StatusCode::Created) {
                     ++m_status.instancesPosted;
                     done(true, {});
                     return;
                 }
                 const QString why = QStringLiteral("content instance into %1 answered %2")
                                         .arg(container, describe(ex));
                 note(why);
                 done(false, why);
             });
    };
    if (m_status.state == DgSclState::Registered && m_status.containers.contains(container)) {
        post();
        return;
    }
    createContainers([this, post, container, done](bool, const QString &why) {
        if (!m_status.containers.contains(container)) {
            done(false, why.isEmpty() ? QStringLiteral("no container %1").arg(container) : why);
            return;
        }
        post();
    });
}

void DgSclAgent::reportAttachedDevices(Done done) {
    if (!m_config.gateway) {
        done(false, QStringLiteral("a device (case 1) has no attached devices to report"));
        return;
    }
    whenRegistered([this, done] { attachFrom(0, {}, done); }, done);
}

void DgSclAgent::attachFrom(int index, QStringList failures, Done done) {
    if (index >= m_config.attachedDevices.size()) {
        done(failures.isEmpty(), failures.join(QStringLiteral("; ")));
        return;
    }
    const QString id = m_config.attachedDevices.at(index);
    send(Method::Create, sclPath() + QStringLiteral("/attachedDevices"), encodeAttachedDevice(id),
         kXml, [this, index, failures, done, id](const MidExchange &ex) mutable {
             const auto status = statusOf(ex);
             if (status == StatusCode::Created || status == StatusCode::Conflict) {
                 if (!m_status.attachedDevices.contains(id)) {
                     m_status.attachedDevices.append(id);
                 }
             } else {
                 failures.append(
                     QStringLiteral("attached device %1 answered %2").arg(id, describe(ex)));
                 note(failures.last());
             }
             attachFrom(index + 1, failures, done);
         });
}

void DgSclAgent::stop() {
    ++m_generation;
    m_refreshTimer.stop();
    m_retryTimer.stop();
    m_status = DgSclStatus{};
}

} // namespace m2mbench::nodes
