// SPDX-License-Identifier: Apache-2.0
#pragma once

// <groups> and <group> of the reference NSCL (TS 102 690 clause 9.3.2, group management;
// TS 102 921 group.xsd, groups.xsd, membersContent.xsd). Every resource with a groupsReference
// (the <sclBase>, each <scl>, each <application>) hosts a <groups> collection of its own:
//
//   HOST/groups                          RETRIEVE, UPDATE (its accessRightID), CREATE <group>
//   HOST/groups/ID                       RETRIEVE, UPDATE, DELETE
//   HOST/groups/ID/membersContent[/SUB]  any method, fanned out to MEMBER[/SUB] of every member
//
// The fan-out is the NSCL service's (it routes each member's request as if the requester had
// sent it); this store keeps the groups. Not thread-safe: the NSCL service calls it under its
// own lock.

#include "core/common/clock.h"
#include "core/nodes/nscl/nscl_hosted.h"
#include "core/nodes/nscl/nscl_representation.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/xml.h"
#include "core/protocol/mid/xsd_validator.h"

#include <QDateTime>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace m2mbench::nodes {

struct Group {
    QString id;
    QDateTime expirationTime;
    QString accessRightID;
    std::optional<QStringList> searchStrings;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    std::optional<mid::XmlNode> announceTo; ///< stored as given; announcement is not done yet
    QString memberType;                     ///< MemberType of group.xsd; empty when not given
    std::optional<qint64> maxNrOfMembers;
    QStringList members;         ///< anyURIs as given
    qint64 shownNrOfMembers = 0; ///< what currentNrOfMembers says (stale only under a fault)
};

class GroupStore {
public:
    /// What a member URI names, for the memberType check: nullopt when it is not a resource
    /// of this NSCL (a remote member, not checked), an empty string when it is a path of this
    /// NSCL with no resource, else the MemberType of the resource ("CONTAINER", "SCL", ...).
    using MemberTypeOf = std::function<std::optional<QString>(const QString &member)>;

    GroupStore(const Clock &clock, const QSet<QString> &faults,
               std::shared_ptr<mid::XsdValidator> validator, MemberTypeOf typeOf);

    /// A request whose target is `host` + "/groups" + `rest` (rest empty or "/ID").
    mid::Response handle(const mid::Request &request, const QString &host, const QString &rest);
    /// The group `id` of a host; nullptr when there is none.
    [[nodiscard]] const Group *find(const QString &host, const QString &id) const;
    /// The accessRightID the resource at `host` + "/groups" + `rest` declares: the
    /// collection's (rest empty) or a group's (rest "/ID"); empty for anything else.
    [[nodiscard]] QString declaredAccessRightID(const QString &host, const QString &rest) const;
    /// Drops the host's groups (the host was deleted or expired).
    void removeHost(const QString &host) { m_hosts.removeHost(host); }
    /// Removes expired groups.
    void purge() { m_hosts.purge(); }
    /// Ids of the host's groups, for tests.
    [[nodiscard]] QStringList groupIds(const QString &host) const { return m_hosts.ids(host); }
    /// Every group, for discovery.
    [[nodiscard]] QList<DiscoverableResource> discoverable() const {
        return m_hosts.discoverable(QStringLiteral("groups"));
    }

private:
    using Host = HostedCollections<Group>::Host;

    mid::Response handleCollection(const mid::Request &request, const QString &host, Host &h);
    mid::Response create(const mid::Request &request, const QString &host, Host &h);
    mid::Response handleOne(const mid::Request &request, const QString &host, Host &h,
                            const QString &id);
    mid::Response update(const mid::Request &request, const QString &path, Group &stored);
    /// The members are usable for the memberType and the maximum; an error message if not.
    [[nodiscard]] QString checkMembers(const QStringList &members, const QString &memberType,
                                       std::optional<qint64> maxNrOfMembers) const;
    [[nodiscard]] bool fault(const char *name) const {
        return !m_faults.isEmpty() && m_faults.contains(QLatin1String(name));
    }

    const Clock &m_clock;
    QSet<QString> m_faults;
    std::shared_ptr<mid::XsdValidator> m_validator;
    MemberTypeOf m_typeOf;
    HostedCollections<Group> m_hosts;
};

/// The <membersContentResponses> of a fan-out: one <status id="MEMBER"> per member, with the
/// member's statusCode, lastModifiedTime when known, and its body in base64.
struct MemberResult {
    QString member;
    mid::Response response;
};
QByteArray encodeMembersContentResponses(const QList<MemberResult> &results);

} // namespace m2mbench::nodes
