// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_access.h"

#include "core/nodes/nscl/nscl_representation.h"
#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"

#include <QUrl>

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;
using mid::XmlNode;

namespace {

const QString &m2mNs() {
    static const QString ns = QLatin1String(mid::kM2mNamespace);
    return ns;
}

using repr::addTime;
using repr::listOf;
using repr::m2mId;

Result<QList<Permission>> decodePermissionList(const XmlNode &list) {
    QList<Permission> out;
    for (const XmlNode &p : list.children) {
        if (p.name != u"permission") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> holds <permission> elements, not <%2>")
                            .arg(list.name, p.name));
        }
        Permission perm;
        perm.id = m2mId(p);
        const XmlNode *flags = p.child(u"permissionFlags");
        const XmlNode *holders = p.child(u"permissionHolders");
        if (!flags || !holders) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("a <permission> (line %1) needs <permissionFlags> and "
                                       "<permissionHolders>")
                            .arg(p.line));
        }
        for (const XmlNode &f : flags->children) {
            const auto flag = permissionFlagFromName(f.text.trimmed());
            if (f.name != u"flag" || !flag) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("'%1' (line %2) is not a permission flag (READ, WRITE, "
                                           "DISCOVER, DELETE, CREATE)")
                                .arg(f.text.trimmed())
                                .arg(f.line));
            }
            if (!perm.flags.contains(*flag)) {
                perm.flags.append(*flag);
            }
        }
        for (const XmlNode &h : holders->children) {
            if (h.name == u"holderRefs") {
                perm.holders.holderRefs += h.select(u"holderRef");
            } else if (h.name == u"applicationIDs") {
                perm.holders.applicationIDs += h.select(u"applicationID");
            } else if (h.name == u"sclIDs") {
                perm.holders.sclIDs += h.select(u"sclID");
            } else if (h.name == u"all") {
                perm.holders.all = true;
            } else if (h.name == u"domains") {
                perm.holders.domains += h.select(u"domain");
            } else {
                return fail(Error::Kind::Parse,
                            QStringLiteral("<%1> is not a kind of permission holder").arg(h.name));
            }
        }
        out.append(perm);
    }
    return out;
}

/// The attributes an <accessRight> representation sets; null members were absent.
struct AccessRightFields {
    QString id;
    std::optional<QDateTime> expirationTime;
    std::optional<QStringList> searchStrings;
    std::optional<XmlNode> announceTo;
    std::optional<QList<Permission>> permissions;
    std::optional<QList<Permission>> selfPermissions;
};

Result<AccessRightFields> decodeAccessRight(const XmlNode &root) {
    if (auto ok = repr::allInM2mNamespace(root); !ok) {
        return fail(ok.error());
    }
    if (auto ok = repr::onlyIdAttribute(root); !ok) {
        return fail(ok.error());
    }
    AccessRightFields f;
    f.id = m2mId(root);
    for (const XmlNode &c : root.children) {
        if (c.name == u"expirationTime") {
            auto t = repr::dateTimeOf(c);
            if (!t) {
                return fail(t.error());
            }
            f.expirationTime = *t;
        } else if (c.name == u"searchStrings") {
            f.searchStrings = c.select(u"searchString");
        } else if (c.name == u"announceTo") {
            f.announceTo = c;
        } else if (c.name == u"permissions" || c.name == u"selfPermissions") {
            auto list = decodePermissionList(c);
            if (!list) {
                return fail(list.error());
            }
            (c.name == u"permissions" ? f.permissions : f.selfPermissions) = *list;
        } else if (c.name == u"creationTime" || c.name == u"lastModifiedTime") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("%1 is set by the NSCL and cannot be written").arg(c.name));
        } else if (c.name != u"subscriptionsReference") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> is not an element of <accessRight>").arg(c.name));
        }
    }
    return f;
}

XmlNode encodePermissionList(const QString &element, const QList<Permission> &list) {
    XmlNode out = mid::m2mElement(element);
    for (const Permission &p : list) {
        XmlNode perm = mid::m2mElement(QStringLiteral("permission"));
        if (!p.id.isEmpty()) {
            perm.attributes.append({m2mNs(), QStringLiteral("id"), p.id});
        }
        XmlNode flags = mid::m2mElement(QStringLiteral("permissionFlags"));
        for (PermissionFlag f : p.flags) {
            flags.children.append(mid::m2mElement(QStringLiteral("flag"), permissionFlagName(f)));
        }
        perm.children.append(flags);
        XmlNode holders = mid::m2mElement(QStringLiteral("permissionHolders"));
        const PermissionHolders &h = p.holders;
        if (!h.holderRefs.isEmpty()) {
            holders.children.append(
                listOf(QStringLiteral("holderRefs"), QStringLiteral("holderRef"), h.holderRefs));
        }
        if (!h.applicationIDs.isEmpty()) {
            holders.children.append(listOf(QStringLiteral("applicationIDs"),
                                           QStringLiteral("applicationID"), h.applicationIDs));
        }
        if (!h.sclIDs.isEmpty()) {
            holders.children.append(
                listOf(QStringLiteral("sclIDs"), QStringLiteral("sclID"), h.sclIDs));
        }
        if (h.all) {
            holders.children.append(mid::m2mElement(QStringLiteral("all")));
        }
        if (!h.domains.isEmpty()) {
            holders.children.append(
                listOf(QStringLiteral("domains"), QStringLiteral("domain"), h.domains));
        }
        perm.children.append(holders);
        out.children.append(perm);
    }
    return out;
}

XmlNode encodeAccessRight(const AccessRight &a) {
    XmlNode root = mid::m2mElement(QStringLiteral("accessRight"));
    root.attributes.append({m2mNs(), QStringLiteral("id"), a.id});
    addTime(root, QStringLiteral("expirationTime"), a.expirationTime);
    if (a.searchStrings) {
        root.children.append(listOf(QStringLiteral("searchStrings"), QStringLiteral("searchString"),
                                    *a.searchStrings));
    }
    addTime(root, QStringLiteral("creationTime"), a.creationTime);
    addTime(root, QStringLiteral("lastModifiedTime"), a.lastModifiedTime);
    if (a.announceTo) {
        root.children.append(*a.announceTo);
    }
    root.children.append(encodePermissionList(QStringLiteral("permissions"), a.permissions));
    root.children.append(
        encodePermissionList(QStringLiteral("selfPermissions"), a.selfPermissions));
    return root;
}

/// The last segment of a requestingEntity URI below `collection` ("/scls/", "/applications/").
QString nameBelow(const QString &entity, QStringView collection) {
    const qsizetype at = entity.lastIndexOf(collection);
    if (at < 0) {
        return {};
    }
    const QString rest = entity.mid(at + collection.size());
    return rest.contains(QLatin1Char('/')) ? QString() : rest;
}

} // namespace

QString permissionFlagName(PermissionFlag flag) {
    switch (flag) {
    case PermissionFlag::Read: return QStringLiteral("READ");
    case PermissionFlag::Write: return QStringLiteral("WRITE");
    case PermissionFlag::Discover: return QStringLiteral("DISCOVER");
    case PermissionFlag::Delete: return QStringLiteral("DELETE");
    case PermissionFlag::Create: return QStringLiteral("CREATE");
    }
    return {};
}

std::optional<PermissionFlag> permissionFlagFromName(QStringView name) {
    for (PermissionFlag f : {PermissionFlag::Read, PermissionFlag::Write, PermissionFlag::Discover,
                             PermissionFlag::Delete, PermissionFlag::Create}) {
        if (name == permissionFlagName(f)) {
            return f;
        }
    }
    return std::nullopt;
}

std::optional<PermissionFlag> requiredFlag(Method method) {
    switch (method) {
    case Method::Create: return PermissionFlag::Create;
    case Method::Retrieve: return PermissionFlag::Read;
    case Method::Update: return PermissionFlag::Write;
    case Method::Delete: return PermissionFlag::Delete;
    case Method::Notify: return std::nullopt;
    }
    return std::nullopt;
}

bool holdsPermission(const PermissionHolders &h, const QString &entity, bool prefixHolderRefs) {
    if (h.all) {
        return true;
    }
    if (entity.isEmpty()) {
        return false; // an anonymous request is held by <all/> only
    }
    for (const QString &ref : h.holderRefs) {
        if (ref == entity || (prefixHolderRefs && entity.startsWith(ref))) {
            return true;
        }
    }
    const QString asScl = nameBelow(entity, u"/scls/");
    for (const QString &id : h.sclIDs) {
        if (id == entity || (!asScl.isEmpty() && id == asScl)) {
            return true;
        }
    }
    const QString asApp = nameBelow(entity, u"/applications/");
    for (const QString &id : h.applicationIDs) {
        if (id == entity || (!asApp.isEmpty() && id == asApp)) {
            return true;
        }
    }
    const QString host =
        entity.contains(QLatin1String("://")) ? QUrl(entity).host().toLower() : QString();
    if (!host.isEmpty()) {
        for (const QString &d : h.domains) {
            const QString domain =
                (d.contains(QLatin1String("://")) ? QUrl(d).host() : d).toLower();
            if (!domain.isEmpty() && (host == domain || host.endsWith(QLatin1Char('.') + domain))) {
                return true;
            }
        }
    }
    return false;
}

bool grantsFlag(const QList<Permission> &permissions, PermissionFlag flag, const QString &entity,
                bool prefixHolderRefs) {
    for (const Permission &p : permissions) {
        if (p.flags.contains(flag) && holdsPermission(p.holders, entity, prefixHolderRefs)) {
            return true;
        }
    }
    return false;
}

QString accessRightPath(const QString &accessRightID) {
    const QString v = accessRightID.trimmed();
    if (v.startsWith(QLatin1Char('/'))) {
        return v;
    }
    if (v.contains(QLatin1String("://"))) {
        return QUrl(v).path();
    }
    return {};
}

AccessRightStore::AccessRightStore(const Clock &clock, const QSet<QString> &faults,
                                   std::shared_ptr<mid::XsdValidator> validator)
    : m_clock(clock)
    , m_faults(faults)
    , m_validator(std::move(validator))
    , m_hosts(clock) {}

const AccessRight *AccessRightStore::find(const QString &path) const {
    static const QString marker = QStringLiteral("/accessRights/");
    const qsizetype at = path.lastIndexOf(marker);
    return at < 0 ? nullptr : m_hosts.find(path.left(at), path.mid(at + marker.size()));
}

QString AccessRightStore::collectionAccessRightID(const QString &host) const {
    const auto *h = m_hosts.findHost(host);
    return h ? h->accessRightID : QString();
}

mid::Response AccessRightStore::handle(const mid::Request &request, const QString &hostPath,
                                       const QString &rest) {
    Host &h = m_hosts.host(hostPath);
    if (rest.isEmpty()) {
        return handleCollection(request, hostPath, h);
    }
    const QString id = rest.mid(1);
    if (id.contains(QLatin1Char('/'))) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("<accessRight> has no subresource '%1'")
                                 .arg(id.section(QLatin1Char('/'), 1)));
    }
    return handleOne(request, hostPath, h, id);
}

mid::Response AccessRightStore::handleCollection(const mid::Request &request,
                                                 const QString &hostPath, Host &h) {
    switch (request.method) {
    case Method::Retrieve: {
        XmlNode root = mid::m2mElement(QStringLiteral("accessRights"));
        if (!h.accessRightID.isEmpty()) {
            root.children.append(mid::m2mElement(QStringLiteral("accessRightID"), h.accessRightID));
        }
        addTime(root, QStringLiteral("creationTime"), h.creationTime);
        addTime(root, QStringLiteral("lastModifiedTime"), h.lastModifiedTime);
        XmlNode collection =
            repr::namedReferences(QStringLiteral("accessRightCollection"),
                                  hostPath + QStringLiteral("/accessRights"), h.items.keys());
        root.children.append(collection);
        return repr::xml(StatusCode::Ok, root);
    }
    case Method::Create: return create(request, hostPath, h);
    case Method::Update:
        if (auto refused = m_hosts.updateCollection(request, QStringLiteral("accessRights"),
                                                    m_validator.get(), h)) {
            return *refused;
        }
        return handleCollection(mid::Request{}, hostPath, h);
    default: return repr::notAllowed(request, QStringLiteral("<accessRights>"));
    }
}

mid::Response AccessRightStore::create(const mid::Request &request, const QString &hostPath,
                                       Host &h) {
    auto f = repr::decodeRequest(request, QStringLiteral("accessRight"), m_validator.get(),
                                 decodeAccessRight);
    if (!f) {
        return f.error();
    }
    if (!f->selfPermissions) {
        return repr::badRequest(
            QStringLiteral("<selfPermissions> is mandatory in an <accessRight>"));
    }
    const QDateTime now = m_clock.now();
    if (auto refused = repr::checkNewResource(
            f->id, QStringLiteral("accessRight"), h.nextName,
            [&h](const QString &id) { return h.items.contains(id); }, f->expirationTime, now,
            hostPath + QStringLiteral("/accessRights"))) {
        return *refused;
    }
    AccessRight a;
    a.id = f->id;
    a.expirationTime = f->expirationTime.value_or(QDateTime());
    a.searchStrings = f->searchStrings;
    a.announceTo = f->announceTo;
    a.permissions = f->permissions.value_or(QList<Permission>());
    a.selfPermissions = *f->selfPermissions;
    a.creationTime = now;
    a.lastModifiedTime = now;
    h.items.insert(a.id, a);
    h.lastModifiedTime = now;
    mid::Response r = repr::xml(StatusCode::Created, encodeAccessRight(a));
    r.location = hostPath + QStringLiteral("/accessRights/") + a.id;
    return r;
}

mid::Response AccessRightStore::handleOne(const mid::Request &request, const QString &hostPath,
                                          Host &h, const QString &id) {
    auto it = h.items.find(id);
    if (it == h.items.end()) {
        return errorResponse(
            StatusCode::NotFound,
            QStringLiteral("no accessRight '%1' in %2/accessRights").arg(id, hostPath));
    }
    switch (request.method) {
    case Method::Retrieve: return repr::xml(StatusCode::Ok, encodeAccessRight(*it));
    case Method::Update: return update(request, *it);
    case Method::Delete:
        h.items.erase(it);
        h.lastModifiedTime = m_clock.now();
        return repr::okEmpty();
    default: return repr::notAllowed(request, QStringLiteral("<accessRight>"));
    }
}

mid::Response AccessRightStore::update(const mid::Request &request, AccessRight &stored) {
    auto f = repr::decodeRequest(request, QStringLiteral("accessRight"), m_validator.get(),
                                 decodeAccessRight);
    if (!f) {
        return f.error();
    }
    const QDateTime now = m_clock.now();
    if (auto refused = repr::checkUpdate(f->id, stored.id, f->expirationTime, now,
                                         QStringLiteral("an accessRight"))) {
        return *refused;
    }
    if (fault("access-right-update-ignored")) {
        return repr::xml(StatusCode::Ok, encodeAccessRight(stored));
    }
    // Attributes present replace the stored ones; absent ones stay.
    if (f->expirationTime) {
        stored.expirationTime = *f->expirationTime;
    }
    if (f->searchStrings) {
        stored.searchStrings = f->searchStrings;
    }
    if (f->announceTo) {
        stored.announceTo = f->announceTo;
    }
    if (f->permissions) {
        stored.permissions = *f->permissions;
    }
    if (f->selfPermissions) {
        stored.selfPermissions = *f->selfPermissions;
    }
    stored.lastModifiedTime = now;
    return repr::xml(StatusCode::Ok, encodeAccessRight(stored));
}

} // namespace m2mbench::nodes
