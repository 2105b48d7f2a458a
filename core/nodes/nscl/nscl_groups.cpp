// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_groups.h"

#include "core/nodes/nscl/nscl_representation.h"
#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;
using mid::XmlNode;

namespace {

const QStringList &memberTypes() {
    static const QStringList types = {
        QStringLiteral("APPLICATION"), QStringLiteral("CONTAINER"), QStringLiteral("ACCESS_RIGHT"),
        QStringLiteral("SERVER_CAPABILITY_LAYER"), QStringLiteral("SCL")};
    return types;
}

/// The attributes a <group> representation sets; null members were absent.
struct GroupFields {
    QString id;
    std::optional<QDateTime> expirationTime;
    std::optional<QString> accessRightID;
    std::optional<QStringList> searchStrings;
    std::optional<XmlNode> announceTo;
    std::optional<QString> memberType;
    std::optional<qint64> maxNrOfMembers;
    std::optional<QStringList> members;
};

Result<GroupFields> decodeGroup(const XmlNode &root) {
    auto id = repr::checkedRoot(root);
    if (!id) {
        return fail(id.error());
    }
    GroupFields f;
    f.id = *id;
    for (const XmlNode &c : root.children) {
        if (c.name == u"expirationTime") {
            auto t = repr::dateTimeOf(c);
            if (!t) {
                return fail(t.error());
            }
            f.expirationTime = *t;
        } else if (c.name == u"accessRightID") {
            f.accessRightID = c.text.trimmed();
        } else if (c.name == u"searchStrings") {
            f.searchStrings = c.select(u"searchString");
        } else if (c.name == u"announceTo") {
            f.announceTo = c;
        } else if (c.name == u"memberType") {
            if (!memberTypes().contains(c.text.trimmed())) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("memberType '%1' is not one of %2")
                                .arg(c.text.trimmed(), memberTypes().join(QStringLiteral(", "))));
            }
            f.memberType = c.text.trimmed();
        } else if (c.name == u"maxNrOfMembers") {
            auto v = repr::nonNegativeLongOf(c);
            if (!v) {
                return fail(v.error());
            }
            f.maxNrOfMembers = *v;
        } else if (c.name == u"members") {
            QStringList members;
            for (const XmlNode &m : c.children) {
                if (m.name != u"reference" || !m.ns.isEmpty()) {
                    return fail(
                        Error::Kind::Parse,
                        QStringLiteral("<members> holds unqualified <reference> elements, not <%1>")
                            .arg(m.name));
                }
                members.append(m.text.trimmed());
            }
            f.members = members;
        } else if (c.name == u"creationTime" || c.name == u"lastModifiedTime" ||
                   c.name == u"currentNrOfMembers") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("%1 is set by the NSCL and cannot be written").arg(c.name));
        } else if (c.name != u"membersContentReference" && c.name != u"subscriptionsReference") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> is not an element of <group>").arg(c.name));
        }
    }
    return f;
}

XmlNode encodeGroup(const Group &g, const QString &path) {
    XmlNode root = mid::m2mElement(QStringLiteral("group"));
    root.attributes.append({QLatin1String(mid::kM2mNamespace), QStringLiteral("id"), g.id});
    repr::addTime(root, QStringLiteral("expirationTime"), g.expirationTime);
    if (!g.accessRightID.isEmpty()) {
        root.children.append(mid::m2mElement(QStringLiteral("accessRightID"), g.accessRightID));
    }
    if (g.searchStrings) {
        root.children.append(repr::listOf(QStringLiteral("searchStrings"),
                                          QStringLiteral("searchString"), *g.searchStrings));
    }
    repr::addTime(root, QStringLiteral("creationTime"), g.creationTime);
    repr::addTime(root, QStringLiteral("lastModifiedTime"), g.lastModifiedTime);
    if (g.announceTo) {
        root.children.append(*g.announceTo);
    }
    if (!g.memberType.isEmpty()) {
        root.children.append(mid::m2mElement(QStringLiteral("memberType"), g.memberType));
    }
    root.children.append(
        mid::m2mElement(QStringLiteral("currentNrOfMembers"), QString::number(g.shownNrOfMembers)));
    if (g.maxNrOfMembers) {
        root.children.append(
            mid::m2mElement(QStringLiteral("maxNrOfMembers"), QString::number(*g.maxNrOfMembers)));
    }
    XmlNode members = mid::m2mElement(QStringLiteral("members"));
    for (const QString &m : g.members) {
        members.children.append(mid::localElement(QStringLiteral("reference"), m));
    }
    root.children.append(members);
    root.children.append(mid::m2mElement(QStringLiteral("membersContentReference"),
                                         path + QStringLiteral("/membersContent")));
    return root;
}

} // namespace

QByteArray encodeMembersContentResponses(const QList<MemberResult> &results) {
    // The schema declares the children of <membersContentResponses> locally, without
    // elementFormDefault: they are in no namespace.
    XmlNode root = mid::m2mElement(QStringLiteral("membersContentResponses"));
    for (const MemberResult &r : results) {
        XmlNode status = mid::localElement(QStringLiteral("status"));
        status.attributes.append({QString(), QStringLiteral("id"), r.member});
        status.children.append(
            mid::localElement(QStringLiteral("statusCode"), mid::statusName(r.response.status)));
        if (auto doc = mid::parseXml(r.response.body)) {
            if (const QString t = doc->childText(u"lastModifiedTime"); !t.isEmpty()) {
                status.children.append(mid::localElement(QStringLiteral("lastModifiedTime"), t));
            }
        }
        if (!r.response.body.isEmpty()) {
            status.children.append(mid::localElement(
                QStringLiteral("resultBody"), QString::fromLatin1(r.response.body.toBase64())));
        }
        root.children.append(status);
    }
    return mid::writeXml(root);
}

GroupStore::GroupStore(const Clock &clock, const QSet<QString> &faults,
                       std::shared_ptr<mid::XsdValidator> validator, MemberTypeOf typeOf)
    : m_clock(clock)
    , m_faults(faults)
    , m_validator(std::move(validator))
    , m_typeOf(std::move(typeOf))
    , m_hosts(clock) {}

const Group *GroupStore::find(const QString &hostPath, const QString &id) const {
    return m_hosts.find(hostPath, id);
}

QString GroupStore::declaredAccessRightID(const QString &hostPath, const QString &rest) const {
    if (rest.isEmpty()) {
        const auto *h = m_hosts.findHost(hostPath);
        return h ? h->accessRightID : QString();
    }
    const Group *g = m_hosts.find(hostPath, rest.mid(1));
    return g ? g->accessRightID : QString();
}

QString GroupStore::checkMembers(const QStringList &members, const QString &memberType,
                                 std::optional<qint64> maxNrOfMembers) const {
    if (maxNrOfMembers && members.size() > *maxNrOfMembers && !fault("group-max-members-ignored")) {
        return QStringLiteral("%1 members exceed maxNrOfMembers %2")
            .arg(members.size())
            .arg(*maxNrOfMembers);
    }
    for (const QString &m : members) {
        if (m.isEmpty()) {
            return QStringLiteral("a member <reference> is empty");
        }
        if (memberType.isEmpty() || fault("group-member-type-unchecked")) {
            continue;
        }
        const std::optional<QString> type = m_typeOf(m);
        if (!type) {
            continue; // a remote member: its type cannot be checked here
        }
        if (type->isEmpty()) {
            return QStringLiteral("member %1 names no resource of this NSCL").arg(m);
        }
        if (*type != memberType) {
            return QStringLiteral("member %1 is a %2, not a %3 as memberType says")
                .arg(m, *type, memberType);
        }
    }
    return {};
}

mid::Response GroupStore::handle(const mid::Request &request, const QString &hostPath,
                                 const QString &rest) {
    Host &h = m_hosts.host(hostPath);
    if (rest.isEmpty()) {
        return handleCollection(request, hostPath, h);
    }
    const QString id = rest.mid(1);
    if (id.contains(QLatin1Char('/'))) {
        return errorResponse(
            StatusCode::NotFound,
            QStringLiteral("<group> has no subresource '%1'").arg(id.section(QLatin1Char('/'), 1)));
    }
    return handleOne(request, hostPath, h, id);
}

mid::Response GroupStore::handleCollection(const mid::Request &request, const QString &hostPath,
                                           Host &h) {
    switch (request.method) {
    case Method::Retrieve: {
        XmlNode root = mid::m2mElement(QStringLiteral("groups"));
        if (!h.accessRightID.isEmpty()) {
            root.children.append(mid::m2mElement(QStringLiteral("accessRightID"), h.accessRightID));
        }
        repr::addTime(root, QStringLiteral("creationTime"), h.creationTime);
        repr::addTime(root, QStringLiteral("lastModifiedTime"), h.lastModifiedTime);
        root.children.append(repr::namedReferences(QStringLiteral("groupCollection"),
                                                   hostPath + QStringLiteral("/groups"),
                                                   h.items.keys()));
        return repr::xml(StatusCode::Ok, root);
    }
    case Method::Create: return create(request, hostPath, h);
    case Method::Update:
        if (auto refused =
                m_hosts.updateCollection(request, QStringLiteral("groups"), m_validator.get(), h)) {
            return *refused;
        }
        return handleCollection(mid::Request{}, hostPath, h);
    default: return repr::notAllowed(request, QStringLiteral("<groups>"));
    }
}

mid::Response GroupStore::create(const mid::Request &request, const QString &hostPath, Host &h) {
    auto f = repr::decodeRequest(request, QStringLiteral("group"), m_validator.get(), decodeGroup);
    if (!f) {
        return f.error();
    }
    const QDateTime now = m_clock.now();
    if (auto refused = repr::checkNewResource(
            f->id, QStringLiteral("group"), h.nextName,
            [&h](const QString &id) { return h.items.contains(id); }, f->expirationTime, now,
            hostPath + QStringLiteral("/groups"))) {
        return *refused;
    }
    Group g;
    g.id = f->id;
    g.expirationTime = f->expirationTime.value_or(QDateTime());
    g.accessRightID = f->accessRightID.value_or(QString());
    g.searchStrings = f->searchStrings;
    g.announceTo = f->announceTo;
    g.memberType = f->memberType.value_or(QString());
    g.maxNrOfMembers = f->maxNrOfMembers;
    g.members = f->members.value_or(QStringList());
    if (const QString bad = checkMembers(g.members, g.memberType, g.maxNrOfMembers);
        !bad.isEmpty()) {
        return errorResponse(StatusCode::BadRequest, bad);
    }
    g.shownNrOfMembers = g.members.size();
    g.creationTime = now;
    g.lastModifiedTime = now;
    h.items.insert(g.id, g);
    h.lastModifiedTime = now;
    const QString path = hostPath + QStringLiteral("/groups/") + g.id;
    mid::Response r = repr::xml(StatusCode::Created, encodeGroup(g, path));
    r.location = path;
    return r;
}

mid::Response GroupStore::handleOne(const mid::Request &request, const QString &hostPath, Host &h,
                                    const QString &id) {
    auto it = h.items.find(id);
    if (it == h.items.end()) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no group '%1' in %2/groups").arg(id, hostPath));
    }
    const QString path = hostPath + QStringLiteral("/groups/") + id;
    switch (request.method) {
    case Method::Retrieve: return repr::xml(StatusCode::Ok, encodeGroup(*it, path));
    case Method::Update: return update(request, path, *it);
    case Method::Delete:
        h.items.erase(it);
        h.lastModifiedTime = m_clock.now();
        return repr::okEmpty();
    default: return repr::notAllowed(request, QStringLiteral("<group>"));
    }
}

mid::Response GroupStore::update(const mid::Request &request, const QString &path, Group &stored) {
    auto f = repr::decodeRequest(request, QStringLiteral("group"), m_validator.get(), decodeGroup);
    if (!f) {
        return f.error();
    }
    const QDateTime now = m_clock.now();
    if (auto refused = repr::checkUpdate(f->id, stored.id, f->expirationTime, now,
                                         QStringLiteral("a group"))) {
        return *refused;
    }
    const QString memberType = f->memberType.value_or(stored.memberType);
    const QStringList members = f->members.value_or(stored.members);
    const std::optional<qint64> max = f->maxNrOfMembers ? f->maxNrOfMembers : stored.maxNrOfMembers;
    if (const QString bad = checkMembers(members, memberType, max); !bad.isEmpty()) {
        return errorResponse(StatusCode::BadRequest, bad);
    }
    if (f->expirationTime) {
        stored.expirationTime = *f->expirationTime;
    }
    if (f->accessRightID) {
        stored.accessRightID = *f->accessRightID;
    }
    if (f->searchStrings) {
        stored.searchStrings = f->searchStrings;
    }
    if (f->announceTo) {
        stored.announceTo = f->announceTo;
    }
    stored.memberType = memberType;
    stored.maxNrOfMembers = max;
    stored.members = members;
    if (!fault("group-count-stale")) {
        stored.shownNrOfMembers = members.size();
    }
    stored.lastModifiedTime = now;
    return repr::xml(StatusCode::Ok, encodeGroup(stored, path));
}

} // namespace m2mbench::nodes
