// SPDX-License-Identifier: Apache-2.0
#pragma once

// <containers>, <container>, <contentInstances> and <contentInstance> of the reference NSCL
// (TS 102 690 clauses 9.3.2.17 to 9.3.2.20; container.xsd, containers.xsd, contentInstance.xsd,
// contentInstances.xsd). Every resource that has a containersReference (the <sclBase>, each
// <scl>, each <application>) is a host with a <containers> collection of its own; the NSCL
// service routes paths below a host here and drops a host's containers with the host.
//
//   HOST/containers                                    RETRIEVE, CREATE <container>
//   HOST/containers/ID                                 RETRIEVE, UPDATE, DELETE
//   HOST/containers/ID/contentInstances                RETRIEVE, CREATE (a <contentInstance>
//                                                      or the raw content with its type)
//   HOST/containers/ID/contentInstances/CID|latest|oldest   RETRIEVE, DELETE
//   HOST/containers/ID/contentInstances/CID/content    RETRIEVE: the content itself
//
// Instances beyond maxNrOfInstances or maxByteSize, or older than maxInstanceAge seconds, are
// removed oldest first. Not thread-safe: the NSCL service calls it under its own lock.

#include "core/common/clock.h"
#include "core/nodes/nscl/nscl_representation.h"
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

struct ContentInstance {
    QString id;
    QDateTime creationTime;
    QString delayTolerance; ///< xs:dateTime text as given, empty when absent
    QStringList contentTypes;
    QByteArray content;
};

struct Container {
    QString id;
    QDateTime expirationTime;
    QString accessRightID;
    std::optional<QStringList> searchStrings;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    std::optional<mid::XmlNode> announceTo; ///< stored as given; announcement is not done yet
    std::optional<qint64> maxNrOfInstances;
    std::optional<qint64> maxByteSize;
    std::optional<qint64> maxInstanceAge; ///< seconds
    QList<ContentInstance> instances;     ///< oldest first
    QDateTime instancesModified;
    quint64 nextInstance = 1;
};

class ContainerStore {
public:
    /// With a validator, representations in requests are checked against the schemas first.
    ContainerStore(const Clock &clock, const QSet<QString> &faults,
                   std::shared_ptr<mid::XsdValidator> validator = nullptr);

    /// A request whose target is `host` + "/containers" + `rest` (rest empty or "/...").
    mid::Response handle(const mid::Request &request, const QString &host, const QString &rest);
    /// Every resource of the store, for discovery.
    [[nodiscard]] QList<DiscoverableResource> discoverable() const;
    /// Drops the host's containers (the host was deleted or expired).
    void removeHost(const QString &host);
    /// Removes expired containers. Instances past maxInstanceAge go when their container's
    /// instances are next read or written, not on every request to the NSCL.
    void purge();

    /// The accessRightID the resource at `host` + "/containers" + `rest` declares: the
    /// collection's (rest empty) or a container's (rest "/ID"); empty for anything else.
    [[nodiscard]] QString declaredAccessRightID(const QString &host, const QString &rest) const;

    /// Ids of the host's containers, for tests.
    [[nodiscard]] QStringList containerIds(const QString &host) const;

private:
    struct Host {
        QDateTime creationTime;
        QDateTime lastModifiedTime;
        QString accessRightID;
        QMap<QString, Container> containers;
        quint64 nextName = 1;
    };

    mid::Response handleCollection(const mid::Request &request, const QString &host, Host &h);
    mid::Response createContainer(const mid::Request &request, const QString &host, Host &h);
    mid::Response handleContainer(const mid::Request &request, const QString &host, Host &h,
                                  const QString &id);
    mid::Response updateContainer(const mid::Request &request, const QString &host, Host &h,
                                  Container &c);
    mid::Response handleInstances(const mid::Request &request, const QString &path, Container &c,
                                  const QString &rest);
    mid::Response createInstance(const mid::Request &request, const QString &path, Container &c);
    Host &host(const QString &path);
    void enforceLimits(Container &c, const QDateTime &now) const;
    [[nodiscard]] bool fault(const char *name) const;
    [[nodiscard]] Result<void> validate(const QByteArray &body, const QString &root) const;

    const Clock &m_clock;
    QSet<QString> m_faults;
    std::shared_ptr<mid::XsdValidator> m_validator;
    QMap<QString, Host> m_hosts;
    /// Instances of deleted containers, kept only under the fault that resurrects them.
    QMap<QString, QList<ContentInstance>> m_ghosts;
};

} // namespace m2mbench::nodes
