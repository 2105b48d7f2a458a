// SPDX-License-Identifier: Apache-2.0
#pragma once

// <accessRights> and <accessRight> of the reference NSCL (TS 102 690 clause 9.3.2, access rights
// management; TS 102 921 accessRight.xsd, accessRights.xsd), and the permission decision every
// request to the NSCL passes (docs/nscl-access-rights.md). Every resource with an
// accessRightsReference (the <sclBase>, each <scl>, each <application>) hosts an <accessRights>
// collection of its own:
//
//   HOST/accessRights        RETRIEVE, UPDATE (its accessRightID), CREATE <accessRight>
//   HOST/accessRights/ID     RETRIEVE, UPDATE, DELETE
//
// An <accessRight>'s permissions govern the resources whose accessRightID names it; its
// selfPermissions govern the <accessRight> itself. Not thread-safe: the NSCL service calls it
// under its own lock.

#include "core/common/clock.h"
#include "core/nodes/nscl/nscl_hosted.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/xml.h"
#include "core/protocol/mid/xsd_validator.h"

#include <QDateTime>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <memory>
#include <optional>

namespace m2mbench::nodes {

/// The flags of accessRight.xsd (PermissionFlagType).
enum class PermissionFlag { Read, Write, Discover, Delete, Create };

QString permissionFlagName(PermissionFlag flag);
std::optional<PermissionFlag> permissionFlagFromName(QStringView name);
/// The flag a request needs on the resource it targets: CREATE on the collection it creates
/// in, READ to RETRIEVE, WRITE to UPDATE, DELETE to DELETE; nullopt for NOTIFY.
std::optional<PermissionFlag> requiredFlag(mid::Method method);

/// permissionHolders of a <permission>.
struct PermissionHolders {
    QStringList holderRefs;     ///< requestingEntity URIs, matched exactly
    QStringList applicationIDs; ///< an appId, or a URI ending in /applications/appId
    QStringList sclIDs;         ///< an sclId, or a URI ending in /scls/sclId
    bool all = false;           ///< every requestingEntity, an absent one included
    QStringList domains;        ///< the host of a requestingEntity URI, or a parent domain
};

struct Permission {
    QString id;
    QList<PermissionFlag> flags;
    PermissionHolders holders;
};

struct AccessRight {
    QString id;
    QDateTime expirationTime;
    std::optional<QStringList> searchStrings;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    std::optional<mid::XmlNode> announceTo; ///< stored as given; announcement is not done yet
    QList<Permission> permissions;
    QList<Permission> selfPermissions;
};

/// Whether the holders name the requesting entity. With `prefixHolderRefs` a holderRef also
/// matches any entity that starts with it (the defect of the fault access-right-holder-prefix).
bool holdsPermission(const PermissionHolders &holders, const QString &requestingEntity,
                     bool prefixHolderRefs = false);
/// Whether one permission of the list gives the flag to the requesting entity.
bool grantsFlag(const QList<Permission> &permissions, PermissionFlag flag,
                const QString &requestingEntity, bool prefixHolderRefs = false);

/// The path an accessRightID names: the URI's path when it is an absolute URI, the value itself
/// when it is an absolute path, empty otherwise.
QString accessRightPath(const QString &accessRightID);

class AccessRightStore {
public:
    AccessRightStore(const Clock &clock, const QSet<QString> &faults,
                     std::shared_ptr<mid::XsdValidator> validator = nullptr);

    /// A request whose target is `host` + "/accessRights" + `rest` (rest empty or "/ID").
    mid::Response handle(const mid::Request &request, const QString &host, const QString &rest);
    /// The <accessRight> at a path (HOST/accessRights/ID); nullptr when there is none.
    [[nodiscard]] const AccessRight *find(const QString &path) const;
    /// The accessRightID of a host's <accessRights> collection (empty when not set).
    [[nodiscard]] QString collectionAccessRightID(const QString &host) const;
    /// Drops the host's access rights (the host was deleted or expired).
    void removeHost(const QString &host) { m_hosts.removeHost(host); }
    /// Removes expired access rights.
    void purge() { m_hosts.purge(); }
    /// Ids of the host's access rights, for tests.
    [[nodiscard]] QStringList accessRightIds(const QString &host) const {
        return m_hosts.ids(host);
    }
    /// Every access right, for discovery.
    [[nodiscard]] QList<DiscoverableResource> discoverable() const {
        return m_hosts.discoverable(QStringLiteral("accessRights"));
    }

private:
    using Host = HostedCollections<AccessRight>::Host;

    mid::Response handleCollection(const mid::Request &request, const QString &host, Host &h);
    mid::Response create(const mid::Request &request, const QString &host, Host &h);
    mid::Response handleOne(const mid::Request &request, const QString &host, Host &h,
                            const QString &id);
    mid::Response update(const mid::Request &request, AccessRight &stored);
    [[nodiscard]] bool fault(const char *name) const {
        return !m_faults.isEmpty() && m_faults.contains(QLatin1String(name));
    }

    const Clock &m_clock;
    QSet<QString> m_faults;
    std::shared_ptr<mid::XsdValidator> m_validator;
    HostedCollections<AccessRight> m_hosts;
};

} // namespace m2mbench::nodes
