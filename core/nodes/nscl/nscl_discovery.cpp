// SPDX-License-Identifier: Apache-2.0
// Resource discovery of the reference NSCL (TS 102 690 clause 9.3.2, resource discovery;
// TS 102 921 discovery.xsd): a RETRIEVE of <sclBase>/discovery with filter criteria in the query
// answers the URIs of the matching resources the requester may DISCOVER (docs/nscl-discovery.md).
#include "core/nodes/nscl/nscl_service.h"

#include <algorithm>

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;

namespace {

struct DiscoveryCriteria {
    QStringList searchStrings; ///< all must be among a resource's searchStrings
    QString prefix;            ///< only resources at or below this path
    std::optional<qint64> maxSize;
    std::optional<QDateTime> createdAfter;
    std::optional<QDateTime> createdBefore;
};

} // namespace

mid::Response NsclService::handleDiscovery(const mid::Request &request) {
    if (request.method != Method::Retrieve) {
        return errorResponse(StatusCode::MethodNotAllowed,
                             QStringLiteral("%1 is not allowed on <discovery>")
                                 .arg(mid::methodName(request.method)));
    }
    DiscoveryCriteria c;
    c.prefix = m_config.basePath;
    for (const auto &[key, value] : request.query) {
        if (key == u"searchString") {
            c.searchStrings.append(value);
        } else if (key == u"searchPrefix") {
            c.prefix = localPath(value);
            if (c.prefix.isEmpty()) {
                return errorResponse(StatusCode::BadRequest,
                                     QStringLiteral("searchPrefix '%1' is not a path of this "
                                                    "NSCL")
                                         .arg(value));
            }
        } else if (key == u"maxSize") {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0) {
                return errorResponse(
                    StatusCode::BadRequest,
                    QStringLiteral("maxSize must be a non-negative integer, got '%1'").arg(value));
            }
            c.maxSize = n;
        } else if (key == u"createdAfter" || key == u"createdBefore") {
            const auto t = mid::parseDateTime(value);
            if (!t) {
                return errorResponse(
                    StatusCode::BadRequest,
                    QStringLiteral("%1 '%2' is not an xs:dateTime").arg(key, value));
            }
            (key == u"createdAfter" ? c.createdAfter : c.createdBefore) = *t;
        }
        // Other parameters (RequestingEntity of the CoAP binding, ...) are not criteria.
    }
    if (fault("discovery-prefix-ignored")) {
        c.prefix = m_config.basePath;
    }

    QList<DiscoverableResource> all = {{m_config.basePath, m_baseSearchStrings, m_baseCreated}};
    for (auto it = m_scls.cbegin(); it != m_scls.cend(); ++it) {
        all.append({sclsPath() + u'/' + it.key(), it->searchStrings.value_or(QStringList()),
                    it->creationTime});
    }
    for (auto it = m_applications.cbegin(); it != m_applications.cend(); ++it) {
        all.append({applicationsPath() + u'/' + it.key(), it->searchStrings.value_or(QStringList()),
                    it->creationTime});
    }
    all += m_containers.discoverable();
    all += m_accessRights.discoverable();
    all += m_groups.discoverable();
    all += m_announced.discoverable();
    all += m_xrem.discoverable();
    std::sort(all.begin(), all.end(),
              [](const DiscoverableResource &a, const DiscoverableResource &b) {
                  return a.path < b.path;
              });

    QStringList matches;
    for (const DiscoverableResource &r : all) {
        if (r.path != c.prefix && !r.path.startsWith(c.prefix + u'/')) {
            continue;
        }
        const auto has = [&r](const QString &s) { return r.searchStrings.contains(s); };
        const bool strings =
            fault("discovery-or-search-strings")
                ? c.searchStrings.isEmpty() ||
                      std::any_of(c.searchStrings.cbegin(), c.searchStrings.cend(), has)
                : std::all_of(c.searchStrings.cbegin(), c.searchStrings.cend(), has);
        if (!strings || (c.createdAfter && !(r.creationTime > *c.createdAfter)) ||
            (c.createdBefore && !(r.creationTime < *c.createdBefore))) {
            continue;
        }
        if (!fault("discovery-ignores-access")) {
            mid::Request probe = request;
            probe.target = r.path;
            if (checkAccess(probe, r.path, PermissionFlag::Discover)) {
                continue; // not the requester's to discover: left out, not refused
            }
        }
        matches.append(r.path);
    }

    const qsizetype total = matches.size();
    const bool truncated = c.maxSize && total > *c.maxSize && !fault("discovery-max-size-ignored");
    if (truncated) {
        matches = matches.mid(0, static_cast<qsizetype>(*c.maxSize));
    }
    mid::XmlNode root = mid::m2mElement(QStringLiteral("discovery"));
    root.children.append(mid::m2mElement(QStringLiteral("matchSize"), QString::number(total)));
    root.children.append(mid::m2mElement(
        QStringLiteral("truncated"), truncated ? QStringLiteral("true") : QStringLiteral("false")));
    mid::XmlNode uris = mid::m2mElement(QStringLiteral("discoveryURI"));
    for (const QString &m : matches) {
        uris.children.append(mid::localElement(QStringLiteral("reference"), m));
    }
    root.children.append(uris);
    mid::Response r;
    r.status = StatusCode::Ok;
    r.body = mid::writeXml(root);
    r.contentType = QStringLiteral("application/xml");
    return r;
}

} // namespace m2mbench::nodes
