// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_service.h"

#include <QMutexLocker>
#include <QRegularExpression>
#include <QUrl>

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;

bool isXmlContentType(const QString &type) {
    if (type.isEmpty()) {
        return true; // absent: the body is taken as the binding's default, XML
    }
    const QString base = type.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    return base == u"application/xml" || base == u"text/xml" || base.endsWith(u"+xml");
}

bool isUsableResourceName(const QString &name) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._~-]{1,128}$"));
    return re.match(name).hasMatch() && name != u"." && name != u"..";
}

namespace {

/// The target without trailing slashes.
QString normalizedPath(const QString &target) {
    QString path = target;
    while (path.size() > 1 && path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    return path;
}

mid::Response methodNotAllowed(const mid::Request &request, const QString &what) {
    return errorResponse(
        StatusCode::MethodNotAllowed,
        QStringLiteral("%1 is not allowed on %2").arg(mid::methodName(request.method), what));
}

/// Whether a <contentInstances> representation lists the instance `id`.
bool listsInstance(const QByteArray &collection, const QString &id) {
    const auto root = mid::parseXml(collection);
    const mid::XmlNode *list = root ? root->child(u"contentInstanceCollection") : nullptr;
    if (!list) {
        return false;
    }
    for (const mid::XmlNode *i : list->childrenNamed(u"contentInstance")) {
        if (i->attribute(u"id") == id) {
            return true;
        }
    }
    return false;
}

} // namespace

mid::Response errorResponse(StatusCode status, const QString &additionalInfo) {
    mid::Response r;
    r.status = status;
    r.body = mid::encodeErrorInfo(mid::ErrorInfo{status, additionalInfo});
    r.contentType = QStringLiteral("application/xml");
    return r;
}

NsclService::NsclService(NsclConfig config, const Clock &clock)
    : m_config(std::move(config))
    , m_time(clock)
    , m_clock(m_time)
    , m_containers(m_clock, m_config.faults, m_config.validator)
    , m_accessRights(m_clock, m_config.faults, m_config.validator)
    , m_groups(m_clock, m_config.faults, m_config.validator,
               [this](const QString &member) { return memberTypeOf(member); })
    , m_subscriptions(m_clock, m_config.faults, m_config.validator)
    , m_announced(m_clock, m_config.faults, m_config.validator)
    , m_channels(m_clock, m_config.faults, m_config.validator)
    , m_xrem(m_clock, m_config.faults, m_config.validator) {
    m_baseCreated = m_clock.now();
    m_baseModified = m_baseCreated;
    m_sclsModified = m_baseCreated;
    m_applicationsModified = m_baseCreated;
    // A subscription's filter criteria are those of a RETRIEVE of what it subscribes to: the
    // same RETRIEVE tells whether the NSCL applies them.
    m_subscriptions.setCriteriaCheck(
        [this](const QString &resource,
               const QList<QPair<QString, QString>> &criteria) -> std::optional<mid::Response> {
            if (!resource.endsWith(QLatin1String("/contentInstances"))) {
                return errorResponse(
                    StatusCode::NotImplemented,
                    QStringLiteral("this NSCL applies the filterCriteria of a subscription to a "
                                   "<contentInstances> only (ContentInstanceFilterCriteriaType); "
                                   "%1 is not one")
                        .arg(resource));
            }
            mid::Request probe;
            probe.target = resource;
            probe.query = criteria;
            mid::Response r = route(probe);
            if (r.status == StatusCode::Ok) {
                return std::nullopt;
            }
            return r;
        });
}

QStringList NsclService::registeredScls() const {
    QMutexLocker lock(&m_mutex);
    return m_scls.keys();
}

QStringList NsclService::containerIds(const QString &host) const {
    QMutexLocker lock(&m_mutex);
    return m_containers.containerIds(host);
}

QStringList NsclService::accessRightIds(const QString &host) const {
    QMutexLocker lock(&m_mutex);
    return m_accessRights.accessRightIds(host);
}

QStringList NsclService::groupIds(const QString &host) const {
    QMutexLocker lock(&m_mutex);
    return m_groups.groupIds(host);
}

QStringList NsclService::announcedIds(const QString &collection, AnncKind kind) const {
    QMutexLocker lock(&m_mutex);
    return m_announced.ids(collection, kind);
}

QStringList NsclService::mgmtIds(const QString &host) const {
    QMutexLocker lock(&m_mutex);
    return m_xrem.mgmtIds(host);
}

QStringList NsclService::attachedDeviceIds(const QString &scl) const {
    QMutexLocker lock(&m_mutex);
    return m_xrem.attachedDeviceIds(scl);
}

QStringList NsclService::subscriptionIds(const QString &resource) const {
    QMutexLocker lock(&m_mutex);
    return m_subscriptions.subscriptionIds(resource);
}

QList<OutgoingNotification> NsclService::takeNotifications() {
    QMutexLocker lock(&m_mutex);
    return std::exchange(m_outbox, {});
}

bool NsclService::resourceExists(const QString &path) {
    mid::Request probe;
    probe.target = path;
    return route(probe).status == StatusCode::Ok;
}

void NsclService::queueNotifications(const mid::Request &request, const mid::Response &response,
                                     const QString &path) {
    QString changed;
    if (request.method == Method::Create && response.status == StatusCode::Created) {
        changed = path; // the collection the resource was created in
    } else if (request.method == Method::Update && response.status == StatusCode::Ok) {
        changed = path;
    } else if (request.method == Method::Delete && response.status == StatusCode::Ok) {
        m_subscriptions.removeBelow(path);
        changed = path.left(path.lastIndexOf(u'/')); // the collection it left
    }
    if (changed.isEmpty() || changed.contains(QLatin1String("/subscriptions"))) {
        return;
    }
    // With filter criteria (a <contentInstances> subscription), a new instance is notified only
    // when the criteria select it, and the representation is the filtered collection. Any other
    // change (an instance deleted) is notified to every subscriber.
    const bool applyCriteria = !fault("subscription-filter-ignored");
    const QString created =
        request.method == Method::Create ? response.location.section(u'/', -1, -1) : QString();
    const auto filtered = [this, &changed](const Subscription &s) {
        mid::Request view;
        view.target = changed;
        view.query = s.criteria;
        return route(view);
    };
    QHash<QString, mid::Response> views; // subscription id -> its filtered collection
    const auto subscribers = m_subscriptions.toNotify(changed, [&](const Subscription &s) {
        if (s.criteria.isEmpty() || !applyCriteria || created.isEmpty()) {
            return true;
        }
        const mid::Response view = filtered(s);
        views.insert(s.id, view);
        return view.status == StatusCode::Ok && listsInstance(view.body, created);
    });
    if (subscribers.isEmpty()) {
        return;
    }
    mid::Request read;
    read.target = changed;
    const mid::Response now = route(read);
    for (const auto &[subscriptionPath, sub] : subscribers) {
        mid::Response shown = now;
        if (!sub.criteria.isEmpty() && applyCriteria) {
            shown = views.contains(sub.id) ? views.value(sub.id) : filtered(sub);
        }
        OutgoingNotification n;
        n.contact = sub.contact;
        n.request.method = Method::Notify;
        const QUrl contact(sub.contact);
        n.request.target = contact.path(QUrl::FullyEncoded).isEmpty()
                               ? QStringLiteral("/")
                               : contact.path(QUrl::FullyEncoded);
        n.request.requestingEntity = m_config.notifierEntity;
        n.request.contentType = QStringLiteral("application/xml");
        n.request.body =
            encodeNotify(shown.status, shown.body, shown.contentType,
                         fault("notification-wrong-reference") ? changed : subscriptionPath);
        // A contact that is one of this NSCL's notification channels: the notification waits
        // there for the subscriber's long poll (not again when the log is replayed). The
        // contact of a channel that was deleted leads nowhere: the NSCL does not send it to
        // itself over the network.
        const QString local = localPath(sub.contact);
        if (const QString channel = m_channels.channelOfContact(local); !channel.isEmpty()) {
            if (!m_replaying) {
                m_channels.deliver(channel, n.request.body);
                m_wake.append(channel);
            }
            continue;
        }
        if (isOwnChannelContact(sub.contact, local)) {
            continue;
        }
        m_outbox.append(n);
    }
}

void NsclService::dropHost(const QString &host) {
    // An <scl>'s <applicationAnnc>s host collections of their own: they go with it.
    const QString announcedApps = host + QStringLiteral("/applications");
    for (const QString &app : m_announced.ids(announcedApps, AnncKind::Application)) {
        dropHost(announcedApps + u'/' + app);
    }
    m_containers.removeHost(host);
    m_accessRights.removeHost(host);
    m_groups.removeHost(host);
    m_announced.removeBelow(host);
    m_xrem.removeHost(host);
    m_channels.removeHost(host);
}

bool NsclService::isOwnChannelContact(const QString &contact, const QString &local) const {
    if (local.isEmpty() || !ChannelStore::isContactPath(local)) {
        return false;
    }
    const QUrl url(contact);
    const QUrl own(m_config.authority);
    return m_config.authority.isEmpty() || url.isRelative() ||
           (url.host() == own.host() && url.port() == own.port());
}

QString NsclService::localPath(const QString &uri) const {
    const QString path =
        normalizedPath(uri.contains(QLatin1String("://")) ? QUrl(uri).path() : uri.trimmed());
    const QString &base = m_config.basePath;
    return path == base || path.startsWith(base + u'/') ? path : QString();
}

std::optional<QString> NsclService::memberTypeOf(const QString &member) const {
    const QString path = localPath(member);
    if (path.isEmpty()) {
        return std::nullopt;
    }
    if (path == m_config.basePath) {
        return QStringLiteral("SERVER_CAPABILITY_LAYER");
    }
    const QString parent = path.left(path.lastIndexOf(u'/'));
    const QString name = path.mid(parent.size() + 1);
    if (parent == sclsPath()) {
        return m_scls.contains(name) ? QStringLiteral("SCL") : QString();
    }
    if (parent == applicationsPath()) {
        return m_applications.contains(name) ? QStringLiteral("APPLICATION") : QString();
    }
    if (auto host = collectionHost(path, u"containers");
        host && m_containers.containerIds(host->first).contains(host->second.mid(1))) {
        return QStringLiteral("CONTAINER");
    }
    if (m_accessRights.find(path)) {
        return QStringLiteral("ACCESS_RIGHT");
    }
    return QString();
}

mid::Response NsclService::fanOut(const mid::Request &request, const QString &host,
                                  const QString &id, const QString &sub) {
    const Group *group = m_groups.find(host, id);
    if (!group) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no group '%1' in %2/groups").arg(id, host));
    }
    QStringList members = group->members;
    if (fault("group-fanout-skips-last") && !members.isEmpty()) {
        members.removeLast();
    }
    QList<MemberResult> results;
    for (const QString &member : members) {
        MemberResult result{member, {}};
        const QString path = localPath(member);
        if (path.isEmpty()) {
            result.response = errorResponse(
                StatusCode::NotImplemented,
                QStringLiteral("%1 is not a resource of this NSCL; remote members are not "
                               "reached")
                    .arg(member));
        } else if (path.contains(QLatin1String("/membersContent"))) {
            result.response = errorResponse(
                StatusCode::BadRequest,
                QStringLiteral("%1 is another group's fan-out, which is not followed").arg(member));
        } else {
            mid::Request forMember = request;
            forMember.target = path + sub;
            std::optional<mid::Response> refused;
            if (!fault("group-fanout-ignores-access")) {
                refused = checkAccess(forMember, normalizedPath(forMember.target));
            }
            result.response = refused ? *refused : route(forMember);
            if (!refused) {
                queueNotifications(forMember, result.response, normalizedPath(forMember.target));
            }
        }
        results.append(result);
    }
    mid::Response r;
    r.status = StatusCode::Ok;
    r.body = encodeMembersContentResponses(results);
    r.contentType = QStringLiteral("application/xml");
    return r;
}

mid::Response NsclService::handle(const mid::Request &request) {
    return handle(request, nullptr);
}

std::optional<mid::Response> NsclService::takeNotification(const QString &channel) {
    QMutexLocker lock(&m_mutex);
    return m_channels.take(channel);
}

void NsclService::setAuthorityIfUnset(const QString &authority) {
    QMutexLocker lock(&m_mutex);
    if (m_config.authority.isEmpty()) {
        m_config.authority = authority;
    }
}

QStringList NsclService::channelIds(const QString &host) const {
    QMutexLocker lock(&m_mutex);
    return m_channels.channelIds(host);
}

mid::Response NsclService::handle(const mid::Request &request, QString *waitOn) {
    QMutexLocker lock(&m_mutex);
    m_waitOn = waitOn;
    mid::Response r = handleLocked(request);
    m_waitOn = nullptr;
    if (!m_wake.isEmpty() && m_config.channelNotifier) {
        m_config.channelNotifier(std::exchange(m_wake, {}));
    }
    m_wake.clear();
    const bool changed = request.method == Method::Create || request.method == Method::Update ||
                         request.method == Method::Delete;
    if (m_log && changed && mid::isSuccess(r.status)) {
        if (auto logged = m_log->append(request, m_clock.now()); !logged) {
            m_logError = logged.error().message;
            qWarning("reference NSCL: %s", qPrintable(m_logError));
        }
    }
    return r;
}

Result<qint64> NsclService::openLog(const QString &path) {
    QMutexLocker lock(&m_mutex);
    if (m_log) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("the NSCL already keeps its resources in %1").arg(m_log->path()));
    }
    auto log = NsclLog::open(path, m_clock.now());
    if (!log) {
        return fail(log.error());
    }
    m_baseCreated = (*log)->baseCreated();
    m_baseModified = m_baseCreated;
    m_sclsModified = m_baseCreated;
    m_applicationsModified = m_baseCreated;
    m_replaying = true;
    auto replayed = (*log)->replay([this](const mid::Request &request, const QDateTime &at) {
        m_time.hold(at);
        handleLocked(request);
        m_outbox.clear(); // notified when it happened; not again
    });
    m_time.hold(QDateTime());
    m_replaying = false;
    if (!replayed) {
        return fail(replayed.error());
    }
    m_log = std::move(*log);
    return *replayed;
}

QString NsclService::logError() const {
    QMutexLocker lock(&m_mutex);
    return m_logError;
}

mid::Response NsclService::handleLocked(const mid::Request &request) {
    purgeExpired();
    mid::Response r;
    const QString path = normalizedPath(request.target);
    if (auto refused = checkAccess(request, path)) {
        r = *refused;
    } else {
        r = route(request);
        queueNotifications(request, r, path);
    }
    applyGeneralFaults(request, r);
    if (m_config.notifier && !m_outbox.isEmpty() && !m_replaying) {
        m_config.notifier(std::exchange(m_outbox, {}));
    }
    return r;
}

void NsclService::applyGeneralFaults(const mid::Request &request, mid::Response &r) const {
    if (m_config.faults.isEmpty()) {
        return;
    }
    if (fault("method-not-allowed-as-ok") && r.status == StatusCode::MethodNotAllowed) {
        r = mid::Response{};
        r.status = StatusCode::Ok;
    }
    if (fault("not-found-as-ok") && r.status == StatusCode::NotFound &&
        request.method == Method::Retrieve) {
        r = mid::Response{};
        r.status = StatusCode::Ok;
    }
    if (fault("error-info-missing") && !mid::isSuccess(r.status)) {
        r.body.clear();
        r.contentType.clear();
    }
    if (fault("wrong-namespace")) {
        r.body.replace("\"http://uri.etsi.org/m2m\"", "\"http://uri.etsi.org/m2m/1.0\"");
    }
}

std::optional<std::pair<QString, QString>> NsclService::collectionHost(const QString &path,
                                                                       QStringView name) const {
    // The host is found first (the <sclBase>, an <scl>, an <application>), so that a resource
    // named "containers" is never mistaken for the collection.
    QString host;
    if (path.startsWith(sclsPath() + u'/')) {
        const QString id = path.mid(sclsPath().size() + 1).section(QLatin1Char('/'), 0, 0);
        if (m_scls.contains(id)) {
            host = sclsPath() + u'/' + id;
            // Below an <applicationAnnc>, its own collections.
            const QString apps = host + QStringLiteral("/applications");
            if (path.startsWith(apps + u'/')) {
                const QString app = path.mid(apps.size() + 1).section(u'/', 0, 0);
                const Announced *a = m_announced.find(apps, app);
                if (a && a->kind == AnncKind::Application &&
                    path.size() > apps.size() + 1 + app.size()) {
                    host = apps + u'/' + app;
                }
            }
        }
    } else if (path.startsWith(applicationsPath() + u'/')) {
        const QString id = path.mid(applicationsPath().size() + 1).section(QLatin1Char('/'), 0, 0);
        if (m_applications.contains(id)) {
            host = applicationsPath() + u'/' + id;
        }
    } else {
        host = m_config.basePath;
    }
    if (host.isEmpty()) {
        return std::nullopt;
    }
    const QString collection = host + u'/' + name.toString();
    if (path == collection || path.startsWith(collection + u'/')) {
        return std::pair{host, path.mid(collection.size())};
    }
    return std::nullopt;
}

mid::Response NsclService::route(const mid::Request &request) {
    const QString base = m_config.basePath;
    const QString path = normalizedPath(request.target);
    // RESOURCE/subscriptions[/ID] of any resource, before the resource's own family.
    if (const qsizetype at = path.lastIndexOf(QLatin1String("/subscriptions")); at > 0) {
        const QString after = path.mid(at + 14);
        if (after.isEmpty() || (after.startsWith(u'/') && !after.mid(1).contains(u'/'))) {
            const QString resource = path.left(at);
            if (!resourceExists(resource)) {
                return errorResponse(
                    StatusCode::NotFound,
                    QStringLiteral("no resource at %1 to subscribe to").arg(resource));
            }
            return m_subscriptions.handle(request, resource, after);
        }
    }
    if (auto host = collectionHost(path, u"notificationChannels");
        host && host->first != m_config.basePath) {
        QString *waitOn = std::exchange(m_waitOn, nullptr); // only the request as received
        return m_channels.handle(request, host->first, host->second,
                                 m_config.authority.isEmpty()
                                     ? QStringLiteral("http://nscl.invalid")
                                     : m_config.authority,
                                 waitOn);
    }
    if (auto host = collectionHost(path, u"containers")) {
        if (auto r =
                routeAnnounced(request, host->first, QStringLiteral("containers"), host->second)) {
            return *r;
        }
        mid::Response r = m_containers.handle(request, host->first, host->second);
        if (host->second.isEmpty()) {
            m_announced.addListing(host->first + QStringLiteral("/containers"),
                                   QStringLiteral("containers"), r);
        }
        return r;
    }
    if (auto host = collectionHost(path, u"accessRights")) {
        if (auto r = routeAnnounced(request, host->first, QStringLiteral("accessRights"),
                                    host->second)) {
            return *r;
        }
        mid::Response r = m_accessRights.handle(request, host->first, host->second);
        if (host->second.isEmpty()) {
            m_announced.addListing(host->first + QStringLiteral("/accessRights"),
                                   QStringLiteral("accessRights"), r);
        }
        return r;
    }
    if (auto host = collectionHost(path, u"groups")) {
        if (auto r = routeAnnounced(request, host->first, QStringLiteral("groups"), host->second)) {
            return *r;
        }
        const QString tail = host->second.mid(1); // "ID" or "ID/membersContent..."
        const qsizetype slash = tail.indexOf(u'/');
        const QString below = slash < 0 ? QString() : tail.mid(slash + 1);
        if (below == u"membersContent" || below.startsWith(u"membersContent/")) {
            return fanOut(request, host->first, tail.left(slash), below.mid(14));
        }
        mid::Response r = m_groups.handle(request, host->first, host->second);
        if (host->second.isEmpty()) {
            m_announced.addListing(host->first + QStringLiteral("/groups"),
                                   QStringLiteral("groups"), r);
        }
        return r;
    }
    if (const QString scl = remoteSclOf(path); !scl.isEmpty() && path != scl) {
        const QString below = path.mid(scl.size() + 1);
        const QString name = below.section(u'/', 0, 0);
        const QString rest = below.mid(name.size());
        if (name == u"applications") {
            if (auto r = routeAnnounced(request, scl, name, rest)) {
                return *r;
            }
            return handleRemoteApplications(request, scl, rest);
        }
        if (name == u"mgmtObjs") {
            return m_xrem.handleMgmtObjs(request, scl, rest);
        }
        if (name == u"attachedDevices") {
            return m_xrem.handleAttachedDevices(request, scl, rest);
        }
    }
    if (path == base) {
        return handleSclBase(request);
    }
    if (path == base + QStringLiteral("/discovery")) {
        return handleDiscovery(request);
    }
    if (path == sclsPath()) {
        return handleScls(request);
    }
    if (path == applicationsPath()) {
        return handleApplications(request);
    }
    if (path.startsWith(applicationsPath() + QLatin1Char('/'))) {
        const QString rest = path.mid(applicationsPath().size() + 1);
        if (!rest.contains(QLatin1Char('/'))) {
            return handleApplication(request, rest);
        }
    }
    const QString prefix = sclsPath() + QLatin1Char('/');
    if (path.startsWith(prefix)) {
        const QString rest = path.mid(prefix.size());
        if (!rest.contains(QLatin1Char('/'))) {
            return handleScl(request, rest);
        }
    }
    return errorResponse(StatusCode::NotFound,
                         QStringLiteral("no resource at %1").arg(request.target));
}

QString NsclService::declaredAccessRightID(const QString &path) const {
    if (path == m_config.basePath) {
        return m_baseAccessRightID;
    }
    if (path == sclsPath()) {
        return m_sclsAccessRightID;
    }
    {
        const QString parent = path.left(path.lastIndexOf(u'/'));
        if (const Announced *a = m_announced.find(parent, path.mid(parent.size() + 1))) {
            return a->accessRightID;
        }
    }
    if (const QString x = m_xrem.declaredAccessRightID(path); !x.isEmpty()) {
        return x;
    }
    if (auto host = collectionHost(path, u"containers")) {
        return m_containers.declaredAccessRightID(host->first, host->second);
    }
    if (auto host = collectionHost(path, u"groups")) {
        return m_groups.declaredAccessRightID(host->first, host->second);
    }
    if (auto host = collectionHost(path, u"accessRights")) {
        return host->second.isEmpty() ? m_accessRights.collectionAccessRightID(host->first)
                                      : QString(); // an <accessRight> has selfPermissions
    }
    for (const auto &[prefix, isScl] :
         {std::pair{sclsPath() + u'/', true}, std::pair{applicationsPath() + u'/', false}}) {
        if (path.startsWith(prefix) && !path.mid(prefix.size()).contains(u'/')) {
            const QString id = path.mid(prefix.size());
            if (isScl) {
                const auto it = m_scls.constFind(id);
                return it == m_scls.cend() ? QString() : it->accessRightID;
            }
            const auto it = m_applications.constFind(id);
            return it == m_applications.cend() ? QString() : it->accessRightID;
        }
    }
    return {};
}

std::optional<mid::Response> NsclService::checkAccess(const mid::Request &request,
                                                      const QString &path,
                                                      std::optional<PermissionFlag> asked) const {
    auto flag = asked ? asked : requiredFlag(request.method);
    if (!flag || fault("access-right-not-enforced")) {
        return std::nullopt;
    }
    if (*flag == PermissionFlag::Delete && fault("access-right-delete-as-write")) {
        flag = PermissionFlag::Write;
    }
    const QString &base = m_config.basePath;
    if (path != base && !path.startsWith(base + u'/')) {
        return std::nullopt; // not a resource of this NSCL: routing answers STATUS_NOT_FOUND
    }
    const bool prefixRefs = fault("access-right-holder-prefix");
    const QString &entity = request.requestingEntity;
    const auto refuse = [&](const QString &why) {
        return errorResponse(fault("access-right-denied-as-forbidden")
                                 ? StatusCode::Forbidden
                                 : StatusCode::PermissionDenied,
                             why);
    };
    const QString shownEntity =
        entity.isEmpty() ? QStringLiteral("an anonymous requester") : u'\'' + entity + u'\'';

    // An <accessRight> (or anything below it) is governed by its own selfPermissions.
    if (auto host = collectionHost(path, u"accessRights"); host && !host->second.isEmpty()) {
        const QString own = host->first + QStringLiteral("/accessRights/") +
                            host->second.mid(1).section(u'/', 0, 0);
        if (const AccessRight *a = m_accessRights.find(own)) {
            if (fault("access-right-self-ignored") ||
                grantsFlag(a->selfPermissions, *flag, entity, prefixRefs)) {
                return std::nullopt;
            }
            return refuse(QStringLiteral("%1 has no %2 permission in the selfPermissions of %3")
                              .arg(shownEntity, permissionFlagName(*flag), own));
        }
    }
    // Anything else by the nearest accessRightID on its way up to the <sclBase>.
    for (QString at = path;;) {
        const QString declared = declaredAccessRightID(at);
        if (!declared.isEmpty()) {
            const AccessRight *a = m_accessRights.find(accessRightPath(declared));
            if (!a) {
                if (fault("access-right-dangling-open")) {
                    return std::nullopt;
                }
                return refuse(QStringLiteral("the accessRightID '%1' of %2 names no "
                                             "<accessRight> here, so nobody is granted access")
                                  .arg(declared, at));
            }
            if (grantsFlag(a->permissions, *flag, entity, prefixRefs)) {
                return std::nullopt;
            }
            return refuse(QStringLiteral("%1 has no %2 permission on %3 (accessRight %4)")
                              .arg(shownEntity, permissionFlagName(*flag), path, declared));
        }
        if (at == base || fault("access-right-not-inherited")) {
            break;
        }
        at = at.left(at.lastIndexOf(u'/'));
    }
    if (m_config.allowWithoutAccessRight) {
        return std::nullopt;
    }
    return refuse(QStringLiteral("%1 is protected by no accessRightID and this NSCL allows no "
                                 "access without one")
                      .arg(path));
}

mid::Response NsclService::handleSclBase(const mid::Request &request) {
    switch (request.method) {
    case Method::Retrieve: return sclBaseRepresentation();
    case Method::Update: {
        mid::Response r =
            updateCollectionAttributes(request, QStringLiteral("sclBase"), m_baseAccessRightID,
                                       &m_baseSearchStrings, m_baseModified);
        return r.status == StatusCode::Ok ? sclBaseRepresentation() : r;
    }
    default: return methodNotAllowed(request, QStringLiteral("<sclBase>"));
    }
}

mid::Response NsclService::handleScls(const mid::Request &request) {
    switch (request.method) {
    case Method::Retrieve: return sclsRepresentation();
    case Method::Create: return createScl(request);
    case Method::Update: {
        mid::Response r = updateCollectionAttributes(request, QStringLiteral("scls"),
                                                     m_sclsAccessRightID, nullptr, m_sclsModified);
        return r.status == StatusCode::Ok ? sclsRepresentation() : r;
    }
    default: return methodNotAllowed(request, QStringLiteral("<scls>"));
    }
}

mid::Response NsclService::handleScl(const mid::Request &request, const QString &id) {
    auto it = m_scls.find(id);
    if (it == m_scls.end()) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no SCL '%1' is registered").arg(id));
    }
    switch (request.method) {
    case Method::Retrieve: return representation(*it);
    case Method::Update: return updateScl(request, *it);
    case Method::Delete: {
        if (fault("scl-delete-ignored")) {
            mid::Response r;
            r.status = StatusCode::Ok;
            return r;
        }
        dropHost(sclsPath() + u'/' + it.key());
        m_scls.erase(it);
        m_sclsModified = m_clock.now();
        mid::Response r;
        r.status = StatusCode::Ok;
        return r;
    }
    default: return methodNotAllowed(request, QStringLiteral("<scl>"));
    }
}

Result<mid::XmlNode> NsclService::readBody(const mid::Request &request, const QString &root) const {
    if (!isXmlContentType(request.contentType)) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("unsupported content type '%1'").arg(request.contentType));
    }
    if (request.body.trimmed().isEmpty()) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("a <%1> representation is required").arg(root));
    }
    auto doc = mid::parseXml(request.body);
    if (!doc) {
        return fail(doc.error());
    }
    if (doc->name != root || doc->ns != QLatin1String(mid::kM2mNamespace)) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("expected <%1> in namespace %2, found <%3> in '%4'")
                        .arg(root, QLatin1String(mid::kM2mNamespace), doc->name, doc->ns));
    }
    if (m_config.validator) {
        if (auto valid = m_config.validator->validate(request.body, root); !valid) {
            return fail(valid.error());
        }
    }
    return doc;
}

mid::Response NsclService::createScl(const mid::Request &request) {
    if (!isXmlContentType(request.contentType)) {
        return errorResponse(
            StatusCode::UnsupportedMediaType,
            QStringLiteral("unsupported content type '%1'").arg(request.contentType));
    }
    auto doc = readBody(request, QStringLiteral("scl"));
    if (!doc) {
        return errorResponse(StatusCode::BadRequest, doc.error().message);
    }
    auto scl = mid::decodeScl(*doc);
    if (!scl) {
        return errorResponse(StatusCode::BadRequest, scl.error().message);
    }
    if (scl->sclId.isEmpty() && fault("scl-sclid-unchecked")) {
        scl->sclId = QStringLiteral("scl-%1").arg(m_nextSclName++);
    }
    if (scl->sclId.isEmpty()) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("attribute sclId is mandatory on SCL registration"));
    }
    if (!isUsableResourceName(scl->sclId)) {
        return errorResponse(
            StatusCode::BadRequest,
            QStringLiteral("sclId '%1' is not usable as a resource name").arg(scl->sclId));
    }
    if ((scl->creationTime.isValid() || scl->lastModifiedTime.isValid()) &&
        !fault("creation-time-writable")) {
        return errorResponse(
            StatusCode::BadRequest,
            QStringLiteral(
                "creationTime and lastModifiedTime are set by the NSCL, not the registrant"));
    }
    if (m_scls.contains(scl->sclId) && !fault("scl-duplicate-accepted")) {
        return errorResponse(StatusCode::Conflict,
                             QStringLiteral("SCL '%1' is already registered").arg(scl->sclId));
    }
    const QDateTime now = m_clock.now();
    if (scl->expirationTime.isValid() && scl->expirationTime <= now) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("expirationTime is in the past"));
    }
    if (!scl->expirationTime.isValid()) {
        scl->expirationTime = now.addSecs(m_config.defaultExpirationSecs);
    }
    if (scl->onlineStatus.isEmpty()) {
        scl->onlineStatus = QStringLiteral("ONLINE");
    }
    scl->creationTime = now;
    scl->lastModifiedTime = now;
    scl->references.clear(); // subresource references are the NSCL's to write
    m_scls.insert(scl->sclId, *scl);
    m_sclsModified = now;
    mid::Response r = representation(*scl);
    r.status = fault("scl-created-as-ok") ? StatusCode::Ok : StatusCode::Created;
    if (!fault("scl-location-missing")) {
        r.location = sclsPath() + QLatin1Char('/') + scl->sclId;
    }
    return r;
}

mid::Response NsclService::updateScl(const mid::Request &request, mid::Scl &stored) {
    if (!isXmlContentType(request.contentType)) {
        return errorResponse(
            StatusCode::UnsupportedMediaType,
            QStringLiteral("unsupported content type '%1'").arg(request.contentType));
    }
    auto doc = readBody(request, QStringLiteral("scl"));
    if (!doc) {
        return errorResponse(StatusCode::BadRequest, doc.error().message);
    }
    auto update = mid::decodeScl(*doc);
    if (!update) {
        return errorResponse(StatusCode::BadRequest, update.error().message);
    }
    if (!update->sclId.isEmpty() && update->sclId != stored.sclId) {
        return errorResponse(StatusCode::BadRequest, QStringLiteral("sclId cannot be changed"));
    }
    if (update->creationTime.isValid() || update->lastModifiedTime.isValid()) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("creationTime and lastModifiedTime are read-only"));
    }
    const QDateTime now = m_clock.now();
    if (update->expirationTime.isValid() && update->expirationTime <= now) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("expirationTime is in the past"));
    }
    if (fault("scl-update-ignored")) {
        return representation(stored);
    }
    // Attributes present in the representation replace the stored ones; absent ones stay.
    if (doc->child(u"pocs")) {
        stored.pocs = update->pocs;
    }
    if (doc->child(u"schedule")) {
        stored.schedule = update->schedule;
    }
    if (update->searchStrings) {
        stored.searchStrings = update->searchStrings;
    }
    for (auto [field, value] : {std::pair{&stored.remTriggerAddr, update->remTriggerAddr},
                                std::pair{&stored.onlineStatus, update->onlineStatus},
                                std::pair{&stored.link, update->link},
                                std::pair{&stored.accessRightID, update->accessRightID},
                                std::pair{&stored.mgmtProtocolType, update->mgmtProtocolType}}) {
        if (!value.isEmpty()) {
            *field = value;
        }
    }
    if (update->serverCapability) {
        stored.serverCapability = update->serverCapability;
    }
    if (update->expirationTime.isValid()) {
        stored.expirationTime = update->expirationTime;
    }
    stored.lastModifiedTime = now;
    return representation(stored);
}

mid::Response NsclService::updateCollectionAttributes(const mid::Request &request,
                                                      const QString &root, QString &accessRightID,
                                                      QStringList *searchStrings,
                                                      QDateTime &lastModified) {
    auto doc = readBody(request, root);
    if (!doc) {
        return errorResponse(StatusCode::BadRequest, doc.error().message);
    }
    for (const mid::XmlNode &c : doc->children) {
        if (c.name == u"accessRightID") {
            continue;
        }
        if (c.name == u"searchStrings" && searchStrings) {
            continue;
        }
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("<%1> of <%2> cannot be updated").arg(c.name, root));
    }
    if (const mid::XmlNode *a = doc->child(u"accessRightID")) {
        accessRightID = a->text;
    }
    if (const mid::XmlNode *s = doc->child(u"searchStrings"); s && searchStrings) {
        *searchStrings = s->select(u"searchString");
    }
    lastModified = m_clock.now();
    mid::Response r;
    r.status = StatusCode::Ok;
    return r;
}

mid::Response NsclService::representation(const mid::Scl &scl) const {
    mid::Scl shown = scl;
    const QString path = sclsPath() + u'/' + scl.sclId;
    // In the order of scl.xsd.
    shown.references = {
        {QStringLiteral("containersReference"), path + QStringLiteral("/containers")},
        {QStringLiteral("groupsReference"), path + QStringLiteral("/groups")},
        {QStringLiteral("applicationsReference"), path + QStringLiteral("/applications")},
        {QStringLiteral("accessRightsReference"), path + QStringLiteral("/accessRights")},
        {QStringLiteral("mgmtObjsReference"), path + QStringLiteral("/mgmtObjs")},
        {QStringLiteral("notificationChannelsReference"),
         path + QStringLiteral("/notificationChannels")},
        {QStringLiteral("attachedDevicesReference"), path + QStringLiteral("/attachedDevices")}};
    mid::Response r;
    r.status = StatusCode::Ok;
    r.body = mid::encodeScl(shown);
    r.contentType = QStringLiteral("application/xml");
    return r;
}

mid::Response NsclService::sclBaseRepresentation() const {
    mid::SclBase base;
    base.accessRightID = m_baseAccessRightID;
    base.searchStrings = m_baseSearchStrings;
    base.creationTime = m_baseCreated;
    base.lastModifiedTime = m_baseModified;
    base.references = {
        {QStringLiteral("sclsReference"), sclsPath()},
        {QStringLiteral("applicationsReference"), applicationsPath()},
        {QStringLiteral("containersReference"), m_config.basePath + QStringLiteral("/containers")},
        {QStringLiteral("groupsReference"), m_config.basePath + QStringLiteral("/groups")},
        {QStringLiteral("accessRightsReference"),
         m_config.basePath + QStringLiteral("/accessRights")},
        {QStringLiteral("discoveryReference"), m_config.basePath + QStringLiteral("/discovery")}};
    mid::Response r;
    r.status = StatusCode::Ok;
    r.body = mid::encodeSclBase(base);
    r.contentType = QStringLiteral("application/xml");
    return r;
}

mid::Response NsclService::sclsRepresentation() const {
    mid::Scls scls;
    scls.creationTime = m_baseCreated;
    scls.lastModifiedTime = m_sclsModified;
    for (auto it = m_scls.cbegin(); it != m_scls.cend() && !fault("scl-not-listed"); ++it) {
        scls.scls.append({it.key(), sclsPath() + QLatin1Char('/') + it.key()});
    }
    mid::Response r;
    r.status = StatusCode::Ok;
    r.body = mid::encodeScls(scls);
    r.contentType = QStringLiteral("application/xml");
    return r;
}

void NsclService::purgeExpired() {
    const QDateTime now = m_clock.now();
    m_containers.purge();
    m_accessRights.purge();
    m_groups.purge();
    m_subscriptions.purge();
    for (const QString &goneApp : m_announced.purge()) {
        dropHost(goneApp);
    }
    m_xrem.purge();
    for (auto it = m_applications.begin(); it != m_applications.end();) {
        if (it->expirationTime.isValid() && it->expirationTime <= now &&
            !fault("app-expired-served")) {
            dropHost(applicationsPath() + u'/' + it.key());
            it = m_applications.erase(it);
            m_applicationsModified = now;
        } else {
            ++it;
        }
    }
    for (auto it = m_scls.begin(); it != m_scls.end();) {
        if (it->expirationTime.isValid() && it->expirationTime <= now &&
            !fault("scl-expired-served")) {
            dropHost(sclsPath() + u'/' + it.key());
            it = m_scls.erase(it);
            m_sclsModified = now;
        } else {
            ++it;
        }
    }
}

} // namespace m2mbench::nodes
