// SPDX-License-Identifier: Apache-2.0
// <applications> of the reference NSCL (TS 102 690 clause 9.3.2.8): registration of network
// applications, and of applications a D/GSCL registers on their behalf. The secure bindings
// derive Kma for the App-ID of each registration made over a Kmc session (nscl_security.cpp).
#include "core/nodes/nscl/nscl_service.h"

#include <QMutexLocker>

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;

namespace {

mid::Response applicationRepresentation(const mid::Application &a, StatusCode status,
                                        const QString &path) {
    mid::Application shown = a;
    shown.references = {
        {QStringLiteral("containersReference"), path + QStringLiteral("/containers")},
        {QStringLiteral("groupsReference"), path + QStringLiteral("/groups")},
        {QStringLiteral("accessRightsReference"), path + QStringLiteral("/accessRights")},
        {QStringLiteral("notificationChannelsReference"),
         path + QStringLiteral("/notificationChannels")}};
    mid::Response r;
    r.status = status;
    r.body = mid::encodeApplication(shown);
    r.contentType = QStringLiteral("application/xml");
    return r;
}

} // namespace

QStringList NsclService::registeredApplications() const {
    QMutexLocker lock(&m_mutex);
    return m_applications.keys();
}

mid::Response NsclService::handleApplications(const mid::Request &request) {
    switch (request.method) {
    case Method::Retrieve: {
        QList<mid::NamedReference> refs;
        for (auto it = m_applications.cbegin(); it != m_applications.cend(); ++it) {
            refs.append({it.key(), applicationsPath() + QLatin1Char('/') + it.key()});
        }
        mid::Response r;
        r.status = StatusCode::Ok;
        r.body = mid::encodeApplications(m_baseCreated, m_applicationsModified, refs);
        r.contentType = QStringLiteral("application/xml");
        return r;
    }
    case Method::Create: return createApplication(request);
    default:
        return errorResponse(StatusCode::MethodNotAllowed,
                             QStringLiteral("%1 is not allowed on <applications>")
                                 .arg(mid::methodName(request.method)));
    }
}

mid::Response NsclService::createApplication(const mid::Request &request) {
    auto doc = readBody(request, QStringLiteral("application"));
    if (!doc) {
        return errorResponse(StatusCode::BadRequest, doc.error().message);
    }
    auto app = mid::decodeApplication(*doc);
    if (!app) {
        return errorResponse(StatusCode::BadRequest, app.error().message);
    }
    if (app->appId.isEmpty() || !isUsableResourceName(app->appId)) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("attribute appId is mandatory and must be usable as a "
                                            "resource name ('%1')")
                                 .arg(app->appId));
    }
    if (app->creationTime.isValid() || app->lastModifiedTime.isValid()) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("creationTime and lastModifiedTime are set by the "
                                            "NSCL, not the registrant"));
    }
    if (m_applications.contains(app->appId) && !fault("app-duplicate-accepted")) {
        return errorResponse(StatusCode::Conflict, QStringLiteral("application '%1' is already "
                                                                  "registered")
                                                       .arg(app->appId));
    }
    const QDateTime now = m_clock.now();
    if (app->expirationTime.isValid() && app->expirationTime <= now) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("expirationTime is in the past"));
    }
    if (!app->expirationTime.isValid()) {
        app->expirationTime = now.addSecs(m_config.defaultExpirationSecs);
    }
    app->creationTime = now;
    app->lastModifiedTime = now;
    app->references.clear();
    m_applications.insert(app->appId, *app);
    m_applicationsModified = now;
    mid::Response r = applicationRepresentation(*app, StatusCode::Created,
                                                applicationsPath() + u'/' + app->appId);
    r.location = applicationsPath() + QLatin1Char('/') + app->appId;
    return r;
}

mid::Response NsclService::handleApplication(const mid::Request &request, const QString &id) {
    auto it = m_applications.find(id);
    if (it == m_applications.end()) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no application '%1' is registered").arg(id));
    }
    switch (request.method) {
    case Method::Retrieve:
        return applicationRepresentation(*it, StatusCode::Ok, applicationsPath() + u'/' + id);
    case Method::Update: return updateApplication(request, *it);
    case Method::Delete: {
        if (!fault("app-delete-keeps-containers")) {
            dropHost(applicationsPath() + u'/' + it.key());
        }
        m_applications.erase(it);
        m_applicationsModified = m_clock.now();
        mid::Response r;
        r.status = StatusCode::Ok;
        return r;
    }
    default:
        return errorResponse(StatusCode::MethodNotAllowed,
                             QStringLiteral("%1 is not allowed on <application>")
                                 .arg(mid::methodName(request.method)));
    }
}

mid::Response NsclService::updateApplication(const mid::Request &request,
                                             mid::Application &stored) {
    auto doc = readBody(request, QStringLiteral("application"));
    if (!doc) {
        return errorResponse(StatusCode::BadRequest, doc.error().message);
    }
    auto update = mid::decodeApplication(*doc);
    if (!update) {
        return errorResponse(StatusCode::BadRequest, update.error().message);
    }
    if (!update->appId.isEmpty() && update->appId != stored.appId) {
        return errorResponse(StatusCode::BadRequest, QStringLiteral("appId cannot be changed"));
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
    const QString path = applicationsPath() + u'/' + stored.appId;
    if (fault("app-update-ignored")) {
        return applicationRepresentation(stored, StatusCode::Ok, path);
    }
    // Attributes present in the representation replace the stored ones; absent ones stay.
    if (update->expirationTime.isValid()) {
        stored.expirationTime = update->expirationTime;
    }
    if (doc->child(u"accessRightID")) {
        stored.accessRightID = update->accessRightID.trimmed();
    }
    if (update->searchStrings) {
        stored.searchStrings = update->searchStrings;
    }
    if (doc->child(u"aPoC")) {
        stored.aPoC = update->aPoC;
    }
    stored.lastModifiedTime = now;
    return applicationRepresentation(stored, StatusCode::Ok, path);
}

} // namespace m2mbench::nodes
