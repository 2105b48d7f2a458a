// SPDX-License-Identifier: Apache-2.0
// Where announced resources (nscl_announced.h) meet the collections of the reference NSCL: a
// CREATE whose representation is an ...Annc goes to the announced store, and so does any
// request to the path of an announced resource; everything else goes on to the collection's
// own store.
#include "core/nodes/nscl/nscl_service.h"

#include "core/protocol/mid/resources.h"

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;

QString NsclService::remoteSclOf(const QString &path) const {
    const QString prefix = sclsPath() + u'/';
    if (!path.startsWith(prefix)) {
        return {};
    }
    const QString id = path.mid(prefix.size()).section(u'/', 0, 0);
    return m_scls.contains(id) ? prefix + id : QString();
}

std::optional<mid::Response> NsclService::routeAnnounced(const mid::Request &request,
                                                         const QString &host, const QString &name,
                                                         const QString &rest) {
    const QString collection = host + u'/' + name;
    if (rest.isEmpty()) {
        if (request.method != Method::Create) {
            return std::nullopt;
        }
        const QString root = mid::rootElementName(request.body);
        const std::optional<AnncKind> kind = anncKindOf(root);
        if (!kind) {
            // A resource that is not announced may not take the name of one that is.
            if (auto doc = mid::parseXml(request.body); doc) {
                const QString id =
                    repr::m2mId(*doc).isEmpty() ? doc->attribute(u"id") : repr::m2mId(*doc);
                if (!id.isEmpty() && m_announced.find(collection, id)) {
                    return errorResponse(
                        StatusCode::Conflict,
                        QStringLiteral("'%1' in %2 is an announced resource").arg(id, collection));
                }
            }
            return std::nullopt;
        }
        if (anncCollection(*kind) != name) {
            return repr::badRequest(QStringLiteral("a <%1> is announced in a <%2> collection, "
                                                   "not in <%3>")
                                        .arg(root, anncCollection(*kind), name));
        }
        if (remoteSclOf(host).isEmpty()) {
            return repr::badRequest(QStringLiteral("a <%1> is created below the <scl> of the SCL "
                                                   "that announces it (%2/SCL-ID/...), not in %3")
                                        .arg(root, sclsPath(), collection));
        }
        const auto taken = [this, &host, &name](const QString &id) {
            if (name == u"containers") {
                return m_containers.containerIds(host).contains(id);
            }
            if (name == u"groups") {
                return m_groups.groupIds(host).contains(id);
            }
            if (name == u"accessRights") {
                return m_accessRights.accessRightIds(host).contains(id);
            }
            return false; // an <scl>'s applications collection holds announced ones only
        };
        return m_announced.create(request, collection, *kind, taken);
    }
    const QString id = rest.mid(1);
    const Announced *found = id.contains(u'/') ? nullptr : m_announced.find(collection, id);
    if (!found) {
        return std::nullopt;
    }
    const bool application = found->kind == AnncKind::Application;
    mid::Response r = m_announced.handle(request, collection, id);
    if (application && request.method == Method::Delete && !m_announced.find(collection, id)) {
        dropHost(collection + u'/' + id); // what was below the <applicationAnnc> goes with it
    }
    return r;
}

mid::Response NsclService::handleRemoteApplications(const mid::Request &request, const QString &scl,
                                                    const QString &rest) {
    const QString collection = scl + QStringLiteral("/applications");
    if (!rest.isEmpty()) {
        return errorResponse(
            StatusCode::NotFound,
            QStringLiteral("no announced application at %1%2").arg(collection, rest));
    }
    switch (request.method) {
    case Method::Retrieve: {
        mid::XmlNode root = mid::m2mElement(QStringLiteral("applications"));
        const auto it = m_scls.constFind(scl.mid(sclsPath().size() + 1));
        repr::addTime(root, QStringLiteral("creationTime"), it->creationTime);
        repr::addTime(root, QStringLiteral("lastModifiedTime"), it->lastModifiedTime);
        // The applications registered with that SCL are its own; here are their announcements.
        root.children.append(
            repr::namedReferences(QStringLiteral("applicationCollection"), collection, {}));
        mid::Response r = repr::xml(StatusCode::Ok, root);
        m_announced.addListing(collection, QStringLiteral("applications"), r);
        return r;
    }
    case Method::Create:
        return repr::badRequest(
            QStringLiteral("the applications of %1 are registered with that SCL; here only their "
                           "<applicationAnnc> can be created")
                .arg(scl));
    default: return repr::notAllowed(request, QStringLiteral("<applications> of an <scl>"));
    }
}

} // namespace m2mbench::nodes
