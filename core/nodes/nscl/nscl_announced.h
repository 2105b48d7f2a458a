// SPDX-License-Identifier: Apache-2.0
#pragma once

// Announced resources hosted by the reference NSCL (TS 102 690 clause 9.3.2, announce /
// de-announce; TS 102 921 applicationAnnc.xsd, containerAnnc.xsd, locationContainerAnnc.xsd,
// groupAnnc.xsd, accessRightAnnc.xsd). An SCL that announces one of its resources to this NSCL
// creates its announced form below its own <scl> here; the announced resource holds a link to
// the original, and the attributes that make it discoverable:
//
//   scls/SCL/applications[/ID]                    <applicationAnnc>
//   scls/SCL/containers[/ID]                      <containerAnnc>, <locationContainerAnnc>
//   scls/SCL/groups[/ID]                          <groupAnnc>
//   scls/SCL/accessRights[/ID]                    <accessRightAnnc>
//   scls/SCL/applications/APP/containers|groups|accessRights[/ID]   the same below an
//                                                 <applicationAnnc> (its ...Reference)
//
// CREATE puts one in its collection (the collection's own listing gains an ...AnncCollection),
// RETRIEVE reads it, UPDATE changes accessRightID, searchStrings and expirationTime (the link is
// fixed at announcement), DELETE de-announces. Announced resources expire by expirationTime
// and go with the <scl> (or <applicationAnnc>) below which they are. Not thread-safe: the NSCL
// service calls it under its own lock.

#include "core/common/clock.h"
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

enum class AnncKind { Application, Container, LocationContainer, Group, AccessRight };

/// The root element of a kind ("applicationAnnc", ...).
QString anncElement(AnncKind kind);
/// The kind whose root element this is.
std::optional<AnncKind> anncKindOf(QStringView element);
/// The collection a kind is created in ("applications", "containers", ...).
QString anncCollection(AnncKind kind);

struct Announced {
    AnncKind kind = AnncKind::Application;
    QString id;
    QString link; ///< URI of the original resource on the announcing SCL
    QString accessRightID;
    std::optional<QStringList> searchStrings;
    QDateTime expirationTime;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
};

class AnnouncedStore {
public:
    AnnouncedStore(const Clock &clock, const QSet<QString> &faults,
                   std::shared_ptr<mid::XsdValidator> validator);

    /// The announced resource `id` of a collection ("…/scls/SCL/containers"); nullptr if none.
    [[nodiscard]] const Announced *find(const QString &collection, const QString &id) const;
    /// CREATE of an announced resource of `kind` in `collection`. `taken` says whether a name is
    /// used by a resource of the collection that is not announced.
    mid::Response create(const mid::Request &request, const QString &collection, AnncKind kind,
                         const std::function<bool(const QString &)> &taken);
    /// RETRIEVE, UPDATE or DELETE of `collection`/`id` (find() found it).
    mid::Response handle(const mid::Request &request, const QString &collection, const QString &id);
    /// Adds the ...AnncCollection listings of `collection` to the collection's representation
    /// `r` (a STATUS_OK answer to a RETRIEVE or UPDATE of the collection); `root` is the
    /// collection's element ("containers"). The listing goes where the schema puts it.
    void addListing(const QString &collection, const QString &root, mid::Response &r) const;
    /// Ids of a collection's announced resources of `kind`.
    [[nodiscard]] QStringList ids(const QString &collection, AnncKind kind) const;
    /// Drops every announced resource at or below `prefix` (a host that went).
    void removeBelow(const QString &prefix);
    /// Removes expired announced resources; returns the paths of the <applicationAnnc>s removed
    /// (hosts whose resources go too).
    QStringList purge();
    /// Every announced resource, for discovery.
    [[nodiscard]] QList<DiscoverableResource> discoverable() const;
    /// The accessRightID an announced resource declares (empty when none or no such resource).
    [[nodiscard]] QString declaredAccessRightID(const QString &collection, const QString &id) const;

private:
    struct Collection {
        QMap<QString, Announced> items;
        quint64 nextName = 1;
    };
    mid::Response representation(const QString &collection, const Announced &a) const;
    mid::Response update(const mid::Request &request, const QString &collection, Announced &a);
    [[nodiscard]] bool fault(const char *name) const {
        return !m_faults.isEmpty() && m_faults.contains(QLatin1String(name));
    }

    const Clock &m_clock;
    QSet<QString> m_faults;
    std::shared_ptr<mid::XsdValidator> m_validator;
    QMap<QString, Collection> m_collections; ///< by collection path
};

} // namespace m2mbench::nodes
