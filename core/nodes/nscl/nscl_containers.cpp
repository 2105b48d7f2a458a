// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_containers.h"

#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;
using mid::XmlNode;

namespace {

const QString &m2mNs() {
    static const QString ns = QLatin1String(mid::kM2mNamespace);
    return ns;
}

/// A resource name that does not clash with <contentInstances>' latest and oldest.
bool usableName(const QString &name) {
    return isUsableResourceName(name) && name != u"latest" && name != u"oldest";
}

mid::Response xmlResponse(StatusCode status, const XmlNode &root) {
    mid::Response r;
    r.status = status;
    r.body = mid::writeXml(root);
    r.contentType = QStringLiteral("application/xml");
    return r;
}

mid::Response okEmpty() {
    mid::Response r;
    r.status = StatusCode::Ok;
    return r;
}

mid::Response notAllowed(const mid::Request &request, const QString &what) {
    return errorResponse(
        StatusCode::MethodNotAllowed,
        QStringLiteral("%1 is not allowed on %2").arg(mid::methodName(request.method), what));
}

void addText(XmlNode &parent, const QString &name, const QString &value) {
    parent.children.append(mid::m2mElement(name, value));
}

void addTime(XmlNode &parent, const QString &name, const QDateTime &t) {
    if (t.isValid()) {
        addText(parent, name, mid::formatDateTime(t));
    }
}

XmlNode namedReference(const QString &element, const QString &id, const QString &uri) {
    XmlNode ref = mid::m2mElement(element, uri);
    ref.attributes.append({QString(), QStringLiteral("id"), id});
    return ref;
}

/// The m2m:id attribute (container.xsd and contentInstance.xsd reference the global one).
QString idAttribute(const XmlNode &n) {
    for (const XmlNode::Attribute &a : n.attributes) {
        if (a.ns == m2mNs() && a.name == u"id") {
            return a.value;
        }
    }
    return {};
}

/// Attributes other than m2m:id (and xsi:*, and `extra`) make the representation invalid.
Result<void> onlyIdAttribute(const XmlNode &n, QStringView extra = {}) {
    for (const XmlNode::Attribute &a : n.attributes) {
        const bool id = a.ns == m2mNs() && a.name == u"id";
        const bool xsi = a.ns == u"http://www.w3.org/2001/XMLSchema-instance";
        const bool allowed = !extra.isEmpty() && a.ns.isEmpty() && a.name == extra;
        if (!id && !xsi && !allowed) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> has no attribute '%2%3'")
                            .arg(n.name, a.ns.isEmpty() ? QString() : a.ns + u':', a.name));
        }
    }
    return {};
}

/// The attributes a <container> representation may set; null members were absent.
struct ContainerFields {
    QString id;
    std::optional<QDateTime> expirationTime;
    std::optional<QString> accessRightID;
    std::optional<QStringList> searchStrings;
    std::optional<XmlNode> announceTo;
    std::optional<qint64> maxNrOfInstances;
    std::optional<qint64> maxByteSize;
    std::optional<qint64> maxInstanceAge;
};

Result<ContainerFields> decodeContainer(const XmlNode &root) {
    if (auto ok = onlyIdAttribute(root); !ok) {
        return fail(ok.error());
    }
    ContainerFields f;
    f.id = idAttribute(root);
    for (const XmlNode &c : root.children) {
        if (c.ns != m2mNs()) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> (line %2) is not in the m2m namespace")
                            .arg(c.name)
                            .arg(c.line));
        }
        if (c.name == u"expirationTime") {
            const auto t = mid::parseDateTime(c.text);
            if (!t) {
                return fail(
                    Error::Kind::Parse,
                    QStringLiteral("expirationTime '%1' is not an xs:dateTime").arg(c.text));
            }
            f.expirationTime = *t;
        } else if (c.name == u"accessRightID") {
            f.accessRightID = c.text;
        } else if (c.name == u"searchStrings") {
            f.searchStrings = c.select(u"searchString");
        } else if (c.name == u"announceTo") {
            f.announceTo = c;
        } else if (c.name == u"maxNrOfInstances" || c.name == u"maxByteSize" ||
                   c.name == u"maxInstanceAge") {
            auto v = repr::nonNegativeLongOf(c);
            if (!v) {
                return fail(v.error());
            }
            (c.name == u"maxNrOfInstances" ? f.maxNrOfInstances
             : c.name == u"maxByteSize"    ? f.maxByteSize
                                           : f.maxInstanceAge) = *v;
        } else if (c.name == u"creationTime" || c.name == u"lastModifiedTime") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("%1 is set by the NSCL and cannot be written").arg(c.name));
        } else if (c.name != u"contentInstancesReference" && c.name != u"subscriptionsReference") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> is not an element of <container>").arg(c.name));
        }
    }
    return f;
}

qint64 byteSize(const QList<ContentInstance> &instances) {
    qint64 n = 0;
    for (const ContentInstance &i : instances) {
        n += i.content.size();
    }
    return n;
}

} // namespace

ContainerStore::ContainerStore(const Clock &clock, const QSet<QString> &faults,
                               std::shared_ptr<mid::XsdValidator> validator)
    : m_clock(clock)
    , m_faults(faults)
    , m_validator(std::move(validator)) {}

Result<void> ContainerStore::validate(const QByteArray &body, const QString &root) const {
    return m_validator ? m_validator->validate(body, root) : Result<void>{};
}

bool ContainerStore::fault(const char *name) const {
    return !m_faults.isEmpty() && m_faults.contains(QLatin1String(name));
}

ContainerStore::Host &ContainerStore::host(const QString &path) {
    auto it = m_hosts.find(path);
    if (it == m_hosts.end()) {
        Host h;
        h.creationTime = m_clock.now();
        h.lastModifiedTime = h.creationTime;
        it = m_hosts.insert(path, h);
    }
    return *it;
}

void ContainerStore::removeHost(const QString &host) {
    m_hosts.remove(host);
}

QStringList ContainerStore::containerIds(const QString &host) const {
    const auto it = m_hosts.constFind(host);
    return it == m_hosts.cend() ? QStringList() : it->containers.keys();
}

QString ContainerStore::declaredAccessRightID(const QString &hostPath, const QString &rest) const {
    const auto h = m_hosts.constFind(hostPath);
    if (h == m_hosts.cend()) {
        return {};
    }
    if (rest.isEmpty()) {
        return h->accessRightID;
    }
    const QString id = rest.mid(1);
    const auto c = h->containers.constFind(id);
    return c == h->containers.cend() ? QString() : c->accessRightID;
}

void ContainerStore::purge() {
    const QDateTime now = m_clock.now();
    for (Host &h : m_hosts) {
        for (auto it = h.containers.begin(); it != h.containers.end();) {
            if (it->expirationTime.isValid() && it->expirationTime <= now) {
                it = h.containers.erase(it);
                h.lastModifiedTime = now;
            } else {
                ++it;
            }
        }
    }
}

void ContainerStore::enforceLimits(Container &c, const QDateTime &now) const {
    const qsizetype before = c.instances.size();
    if (c.maxInstanceAge) {
        while (!c.instances.isEmpty() &&
               c.instances.first().creationTime.secsTo(now) > *c.maxInstanceAge) {
            c.instances.removeFirst();
        }
    }
    if (c.maxNrOfInstances && !fault("cin-max-nr-ignored")) {
        while (c.instances.size() > *c.maxNrOfInstances) {
            c.instances.removeFirst();
        }
    }
    if (c.maxByteSize && !fault("cin-max-bytes-ignored")) {
        while (!c.instances.isEmpty() && byteSize(c.instances) > *c.maxByteSize) {
            c.instances.removeFirst();
        }
    }
    if (c.instances.size() != before) {
        c.instancesModified = now;
    }
}

mid::Response ContainerStore::handle(const mid::Request &request, const QString &hostPath,
                                     const QString &rest) {
    Host &h = host(hostPath);
    if (rest.isEmpty()) {
        return handleCollection(request, hostPath, h);
    }
    // rest is "/ID" or "/ID/contentInstances..."
    const QString tail = rest.mid(1);
    const qsizetype slash = tail.indexOf(QLatin1Char('/'));
    const QString id = slash < 0 ? tail : tail.left(slash);
    if (slash < 0) {
        return handleContainer(request, hostPath, h, id);
    }
    auto it = h.containers.find(id);
    if (it == h.containers.end()) {
        return errorResponse(
            StatusCode::NotFound,
            QStringLiteral("no container '%1' in %2/containers").arg(id, hostPath));
    }
    const QString sub = tail.mid(slash + 1);
    const QString path = hostPath + QStringLiteral("/containers/") + id;
    if (sub == u"contentInstances") {
        return handleInstances(request, path, *it, QString());
    }
    if (sub.startsWith(u"contentInstances/")) {
        return handleInstances(request, path, *it, sub.mid(17));
    }
    return errorResponse(StatusCode::NotFound,
                         QStringLiteral("<container> has no subresource '%1'").arg(sub));
}

mid::Response ContainerStore::handleCollection(const mid::Request &request, const QString &host,
                                               Host &h) {
    switch (request.method) {
    case Method::Retrieve: {
        XmlNode root = mid::m2mElement(QStringLiteral("containers"));
        if (!h.accessRightID.isEmpty()) {
            addText(root, QStringLiteral("accessRightID"), h.accessRightID);
        }
        addTime(root, QStringLiteral("creationTime"), h.creationTime);
        addTime(root, QStringLiteral("lastModifiedTime"), h.lastModifiedTime);
        XmlNode collection = mid::m2mElement(QStringLiteral("containerCollection"));
        if (!fault("container-not-listed")) {
            for (auto it = h.containers.cbegin(); it != h.containers.cend(); ++it) {
                collection.children.append(
                    namedReference(QStringLiteral("namedReference"), it.key(),
                                   host + QStringLiteral("/containers/") + it.key()));
            }
        }
        root.children.append(collection);
        return xmlResponse(StatusCode::Ok, root);
    }
    case Method::Create: return createContainer(request, host, h);
    default: return notAllowed(request, QStringLiteral("<containers>"));
    }
}

mid::Response ContainerStore::createContainer(const mid::Request &request, const QString &host,
                                              Host &h) {
    if (!isXmlContentType(request.contentType)) {
        return errorResponse(StatusCode::UnsupportedMediaType,
                             QStringLiteral("a <container> is created from an XML "
                                            "representation, not '%1'")
                                 .arg(request.contentType));
    }
    ContainerFields f;
    auto doc = mid::parseXml(request.body);
    if (!doc && !fault("malformed-accepted")) {
        return errorResponse(StatusCode::BadRequest, doc.error().message);
    }
    if (doc) {
        if (doc->name != u"container" || doc->ns != m2mNs()) {
            return errorResponse(StatusCode::BadRequest,
                                 QStringLiteral("expected <container> in namespace %1, found <%2> "
                                                "in '%3'")
                                     .arg(m2mNs(), doc->name, doc->ns));
        }
        if (auto valid = validate(request.body, QStringLiteral("container")); !valid) {
            return errorResponse(StatusCode::BadRequest, valid.error().message);
        }
        auto decoded = decodeContainer(*doc);
        if (!decoded) {
            return errorResponse(StatusCode::BadRequest, decoded.error().message);
        }
        f = *decoded;
    }
    const QDateTime now = m_clock.now();
    if (f.id.isEmpty()) {
        do {
            f.id = QStringLiteral("container-%1").arg(h.nextName++);
        } while (h.containers.contains(f.id));
    }
    if (!usableName(f.id)) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("id '%1' is not usable as a resource name").arg(f.id));
    }
    if (h.containers.contains(f.id) && !fault("container-duplicate-accepted")) {
        return errorResponse(
            StatusCode::Conflict,
            QStringLiteral("container '%1' exists in %2/containers").arg(f.id, host));
    }
    if (f.expirationTime && *f.expirationTime <= now) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("expirationTime is in the past"));
    }
    Container c;
    c.id = f.id;
    c.expirationTime = f.expirationTime.value_or(QDateTime());
    c.accessRightID = f.accessRightID.value_or(QString());
    c.searchStrings = f.searchStrings;
    c.announceTo = f.announceTo;
    c.maxNrOfInstances = f.maxNrOfInstances;
    c.maxByteSize = f.maxByteSize;
    c.maxInstanceAge = f.maxInstanceAge;
    c.creationTime = now;
    c.lastModifiedTime = now;
    c.instancesModified = now;
    const QString path = host + QStringLiteral("/containers/") + c.id;
    if (fault("container-delete-keeps-instances")) {
        c.instances = m_ghosts.take(path);
        c.nextInstance = static_cast<quint64>(c.instances.size()) + 1;
    }
    h.containers.insert(c.id, c);
    h.lastModifiedTime = now;
    mid::Response r = handleContainer(mid::Request{}, host, h, c.id); // its representation
    r.status = StatusCode::Created;
    if (!fault("container-location-missing")) {
        r.location = path;
    }
    return r;
}

mid::Response ContainerStore::handleContainer(const mid::Request &request, const QString &host,
                                              Host &h, const QString &id) {
    auto it = h.containers.find(id);
    if (it == h.containers.end()) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no container '%1' in %2/containers").arg(id, host));
    }
    Container &c = *it;
    const QString path = host + QStringLiteral("/containers/") + id;
    switch (request.method) {
    case Method::Retrieve: {
        XmlNode root = mid::m2mElement(QStringLiteral("container"));
        root.attributes.append({m2mNs(), QStringLiteral("id"), c.id});
        addTime(root, QStringLiteral("expirationTime"), c.expirationTime);
        if (!c.accessRightID.isEmpty()) {
            addText(root, QStringLiteral("accessRightID"), c.accessRightID);
        }
        if (c.searchStrings) {
            XmlNode list = mid::m2mElement(QStringLiteral("searchStrings"));
            for (const QString &s : *c.searchStrings) {
                list.children.append(mid::m2mElement(QStringLiteral("searchString"), s));
            }
            root.children.append(list);
        }
        addTime(root, QStringLiteral("creationTime"), c.creationTime);
        addTime(root, QStringLiteral("lastModifiedTime"), c.lastModifiedTime);
        if (c.announceTo) {
            root.children.append(*c.announceTo);
        }
        for (const auto &[name, value] :
             {std::pair{QStringLiteral("maxNrOfInstances"), c.maxNrOfInstances},
              std::pair{QStringLiteral("maxByteSize"), c.maxByteSize},
              std::pair{QStringLiteral("maxInstanceAge"), c.maxInstanceAge}}) {
            if (value) {
                addText(root, name, QString::number(*value));
            }
        }
        addText(root, QStringLiteral("contentInstancesReference"),
                path + QStringLiteral("/contentInstances"));
        return xmlResponse(StatusCode::Ok, root);
    }
    case Method::Update: return updateContainer(request, host, h, c);
    case Method::Delete: {
        if (fault("container-delete-ignored")) {
            return okEmpty();
        }
        if (fault("container-delete-keeps-instances")) {
            m_ghosts.insert(path, c.instances);
        }
        h.containers.erase(it);
        h.lastModifiedTime = m_clock.now();
        return okEmpty();
    }
    default: return notAllowed(request, QStringLiteral("<container>"));
    }
}

mid::Response ContainerStore::updateContainer(const mid::Request &request, const QString &host,
                                              Host &h, Container &c) {
    if (!isXmlContentType(request.contentType)) {
        return errorResponse(
            StatusCode::UnsupportedMediaType,
            QStringLiteral("unsupported content type '%1'").arg(request.contentType));
    }
    auto doc = mid::parseXml(request.body);
    if (!doc) {
        return errorResponse(StatusCode::BadRequest, doc.error().message);
    }
    if (doc->name != u"container" || doc->ns != m2mNs()) {
        return errorResponse(
            StatusCode::BadRequest,
            QStringLiteral("expected <container> in namespace %1, found <%2> in '%3'")
                .arg(m2mNs(), doc->name, doc->ns));
    }
    if (auto valid = validate(request.body, QStringLiteral("container")); !valid) {
        return errorResponse(StatusCode::BadRequest, valid.error().message);
    }
    auto f = decodeContainer(*doc);
    if (!f) {
        return errorResponse(StatusCode::BadRequest, f.error().message);
    }
    if (!f->id.isEmpty() && f->id != c.id) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("the id of a container cannot be changed"));
    }
    const QDateTime now = m_clock.now();
    if (f->expirationTime && *f->expirationTime <= now) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("expirationTime is in the past"));
    }
    if (!fault("container-update-ignored")) {
        if (f->expirationTime) {
            c.expirationTime = *f->expirationTime;
        }
        if (f->accessRightID) {
            c.accessRightID = *f->accessRightID;
        }
        if (f->searchStrings) {
            c.searchStrings = f->searchStrings;
        }
        if (f->announceTo) {
            c.announceTo = f->announceTo;
        }
        if (f->maxNrOfInstances) {
            c.maxNrOfInstances = f->maxNrOfInstances;
        }
        if (f->maxByteSize) {
            c.maxByteSize = f->maxByteSize;
        }
        if (f->maxInstanceAge) {
            c.maxInstanceAge = f->maxInstanceAge;
        }
        enforceLimits(c, now);
    }
    if (!fault("container-lastmodified-frozen")) {
        c.lastModifiedTime = now;
    }
    return handleContainer(mid::Request{}, host, h, c.id); // the updated representation
}

namespace {

XmlNode instanceElement(const ContentInstance &i, const QString &href, bool withContent,
                        bool sizeFault, bool truncate) {
    XmlNode root = mid::m2mElement(QStringLiteral("contentInstance"));
    root.attributes.append({m2mNs(), QStringLiteral("id"), i.id});
    root.attributes.append({QString(), QStringLiteral("href"), href});
    addTime(root, QStringLiteral("creationTime"), i.creationTime);
    addTime(root, QStringLiteral("lastModifiedTime"), i.creationTime);
    if (!i.delayTolerance.isEmpty()) {
        addText(root, QStringLiteral("delayTolerance"), i.delayTolerance);
    }
    if (!i.contentTypes.isEmpty()) {
        XmlNode types = mid::m2mElement(QStringLiteral("contentTypes"));
        for (const QString &t : i.contentTypes) {
            types.children.append(mid::m2mElement(QStringLiteral("contentType"), t));
        }
        root.children.append(types);
    }
    addText(root, QStringLiteral("contentSize"),
            QString::number(i.content.size() + (sizeFault ? 1 : 0)));
    if (withContent) {
        const QByteArray content =
            truncate && !i.content.isEmpty() ? i.content.left(i.content.size() - 1) : i.content;
        addText(root, QStringLiteral("content"), QString::fromLatin1(content.toBase64()));
    }
    return root;
}

struct InstanceFields {
    QString id;
    QString delayTolerance;
    QStringList contentTypes;
    QByteArray content;
};

Result<InstanceFields> decodeInstance(const XmlNode &root) {
    if (auto ok = onlyIdAttribute(root, u"href"); !ok) {
        return fail(ok.error());
    }
    InstanceFields f;
    f.id = idAttribute(root);
    std::optional<qint64> declaredSize;
    bool haveContent = false;
    for (const XmlNode &c : root.children) {
        if (c.ns != m2mNs()) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> is not in the m2m namespace").arg(c.name));
        }
        if (c.name == u"delayTolerance") {
            if (!mid::parseDateTime(c.text)) {
                return fail(
                    Error::Kind::Parse,
                    QStringLiteral("delayTolerance '%1' is not an xs:dateTime").arg(c.text));
            }
            f.delayTolerance = c.text;
        } else if (c.name == u"contentTypes") {
            f.contentTypes = c.select(u"contentType");
        } else if (c.name == u"contentSize") {
            auto v = repr::nonNegativeLongOf(c);
            if (!v) {
                return fail(v.error());
            }
            declaredSize = *v;
        } else if (c.name == u"content") {
            auto decoded = QByteArray::fromBase64Encoding(c.text.toLatin1(),
                                                          QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                return fail(Error::Kind::Parse, QStringLiteral("<content> is not valid base64"));
            }
            f.content = *decoded;
            haveContent = true;
        } else if (c.name == u"creationTime" || c.name == u"lastModifiedTime") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("%1 is set by the NSCL and cannot be written").arg(c.name));
        } else {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> is not an element of <contentInstance>").arg(c.name));
        }
    }
    if (!haveContent) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("a <contentInstance> to create needs its <content>"));
    }
    if (declaredSize && *declaredSize != f.content.size()) {
        return fail(Error::Kind::Parse, QStringLiteral("contentSize says %1 bytes, <content> holds "
                                                       "%2")
                                            .arg(*declaredSize)
                                            .arg(f.content.size()));
    }
    return f;
}

/// The filter criteria of a RETRIEVE of <contentInstances> (contentInstances.xsd,
/// ContentInstanceFilterCriteriaType), given as query parameters; docs/nscl-filter-criteria.md.
struct InstanceFilter {
    std::optional<QDateTime> createdSince;
    std::optional<QDateTime> createdUntil;
    std::optional<qint64> sizeFrom;
    std::optional<qint64> sizeUntil;
    QStringList contentTypes;
    bool metaDataOnly = false;

    [[nodiscard]] bool matches(const ContentInstance &i) const {
        if ((createdSince && i.creationTime < *createdSince) ||
            (createdUntil && i.creationTime > *createdUntil) ||
            (sizeFrom && i.content.size() < *sizeFrom) ||
            (sizeUntil && i.content.size() > *sizeUntil)) {
            return false;
        }
        if (contentTypes.isEmpty()) {
            return true;
        }
        for (const QString &wanted : contentTypes) {
            for (const QString &has : i.contentTypes) {
                const QString base = has.section(u';', 0, 0).trimmed().toLower();
                if (base == wanted ||
                    (wanted.endsWith(u"/*") && base.startsWith(wanted.chopped(1)))) {
                    return true;
                }
            }
        }
        return false;
    }
};

/// The criteria of a request's query; STATUS_BAD_REQUEST for a value that does not parse and
/// STATUS_NOT_IMPLEMENTED for a criterion of the schema this NSCL does not apply.
tl::expected<InstanceFilter, mid::Response> instanceFilter(const mid::Request &request) {
    InstanceFilter f;
    const auto bad = [](const QString &key, const QString &value, const char *what) {
        return tl::unexpected(errorResponse(StatusCode::BadRequest,
                                            QStringLiteral("filter criterion %1='%2' is not %3")
                                                .arg(key, value, QLatin1String(what))));
    };
    for (const auto &[key, value] : request.query) {
        if (key == u"createdSince" || key == u"createdUntil") {
            const auto t = mid::parseDateTime(value);
            if (!t) {
                return bad(key, value, "an xs:dateTime");
            }
            (key == u"createdSince" ? f.createdSince : f.createdUntil) = *t;
        } else if (key == u"sizeFrom" || key == u"sizeUntil") {
            bool ok = false;
            const int n = value.toInt(&ok);
            if (!ok || n < 0) {
                return bad(key, value, "a non-negative xs:int");
            }
            (key == u"sizeFrom" ? f.sizeFrom : f.sizeUntil) = n;
        } else if (key == u"contentType") {
            f.contentTypes.append(value.trimmed().toLower());
        } else if (key == u"metaDataOnly") {
            if (value != u"true" && value != u"false" && value != u"1" && value != u"0") {
                return bad(key, value, "an xs:boolean");
            }
            f.metaDataOnly = value == u"true" || value == u"1";
        } else if (key == u"ifModifiedSince" || key == u"ifUnmodifiedSince" || key == u"ifMatch" ||
                   key == u"ifNoneMatch" || key == u"creator" || key == u"searchString" ||
                   key == u"attributeAccessor") {
            return tl::unexpected(errorResponse(
                StatusCode::NotImplemented,
                QStringLiteral("filter criterion %1 is not applied by this NSCL").arg(key)));
        }
        // Anything else is not a filter criterion of contentInstances.xsd and is not read.
    }
    return f;
}

} // namespace

mid::Response ContainerStore::handleInstances(const mid::Request &request, const QString &path,
                                              Container &c, const QString &rest) {
    const QString collection = path + QStringLiteral("/contentInstances");
    enforceLimits(c, m_clock.now()); // maxInstanceAge runs on time, not only on writes
    if (rest.isEmpty()) {
        switch (request.method) {
        case Method::Retrieve: {
            auto filter = instanceFilter(request);
            if (!filter) {
                return filter.error();
            }
            if (fault("cin-filter-ignored")) {
                *filter = InstanceFilter{};
            }
            XmlNode root = mid::m2mElement(QStringLiteral("contentInstances"));
            addTime(root, QStringLiteral("creationTime"), c.creationTime);
            addTime(root, QStringLiteral("lastModifiedTime"), c.instancesModified);
            const bool stale = fault("cin-count-stale");
            addText(root, QStringLiteral("currentNrOfInstances"),
                    QString::number(stale ? 0 : c.instances.size()));
            addText(root, QStringLiteral("currentByteSize"),
                    QString::number(stale ? 0 : byteSize(c.instances)));
            XmlNode list = mid::m2mElement(QStringLiteral("contentInstanceCollection"));
            for (const ContentInstance &i : c.instances) {
                if (filter->matches(i)) {
                    list.children.append(instanceElement(i, collection + u'/' + i.id, false,
                                                         fault("cin-content-size-wrong"), false));
                }
            }
            root.children.append(list);
            if (!c.instances.isEmpty()) {
                root.children.append(namedReference(QStringLiteral("latest"), c.instances.last().id,
                                                    collection + QStringLiteral("/latest")));
                root.children.append(namedReference(QStringLiteral("oldest"),
                                                    c.instances.first().id,
                                                    collection + QStringLiteral("/oldest")));
            }
            return xmlResponse(StatusCode::Ok, root);
        }
        case Method::Create: return createInstance(request, path, c);
        default: return notAllowed(request, QStringLiteral("<contentInstances>"));
        }
    }
    QString id = rest;
    bool rawContent = false;
    if (id.endsWith(u"/content")) {
        id.chop(8);
        rawContent = true;
    }
    qsizetype index = -1;
    if (!c.instances.isEmpty() && id == u"latest") {
        index = fault("cin-latest-is-oldest") ? 0 : c.instances.size() - 1;
    } else if (!c.instances.isEmpty() && id == u"oldest") {
        index = 0;
    } else {
        for (qsizetype k = 0; k < c.instances.size(); ++k) {
            if (c.instances[k].id == id) {
                index = k;
            }
        }
    }
    if (index < 0 || id.contains(QLatin1Char('/'))) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no content instance '%1' in %2").arg(id, collection));
    }
    const ContentInstance &i = c.instances[index];
    switch (request.method) {
    case Method::Retrieve: {
        if (rawContent) {
            mid::Response r;
            r.status = StatusCode::Ok;
            r.body = i.content;
            r.contentType = i.contentTypes.value(0, QStringLiteral("application/octet-stream"));
            return r;
        }
        auto filter = instanceFilter(request);
        if (!filter) {
            return filter.error();
        }
        const bool withContent = !filter->metaDataOnly || fault("cin-metadata-only-ignored");
        return xmlResponse(StatusCode::Ok, instanceElement(i, collection + u'/' + i.id, withContent,
                                                           fault("cin-content-size-wrong"),
                                                           fault("cin-content-truncated")));
    }
    case Method::Delete:
        if (rawContent) {
            return notAllowed(request, QStringLiteral("the content of a <contentInstance>"));
        }
        c.instances.removeAt(index);
        c.instancesModified = m_clock.now();
        return okEmpty();
    case Method::Update:
        if (fault("cin-update-accepted")) {
            return okEmpty();
        }
        return notAllowed(request, QStringLiteral("<contentInstance> (instances are immutable)"));
    default: return notAllowed(request, QStringLiteral("<contentInstance>"));
    }
}

mid::Response ContainerStore::createInstance(const mid::Request &request, const QString &path,
                                             Container &c) {
    InstanceFields f;
    bool represented = false;
    if (isXmlContentType(request.contentType) &&
        mid::rootElementName(request.body) == u"contentInstance") {
        auto doc = mid::parseXml(request.body);
        if (!doc) {
            return errorResponse(StatusCode::BadRequest, doc.error().message);
        }
        if (doc->ns != m2mNs()) {
            return errorResponse(StatusCode::BadRequest,
                                 QStringLiteral("<contentInstance> is in namespace '%1', expected "
                                                "%2")
                                     .arg(doc->ns, m2mNs()));
        }
        if (auto valid = validate(request.body, QStringLiteral("contentInstance")); !valid) {
            return errorResponse(StatusCode::BadRequest, valid.error().message);
        }
        auto decoded = decodeInstance(*doc);
        if (!decoded) {
            return errorResponse(StatusCode::BadRequest, decoded.error().message);
        }
        f = *decoded;
        represented = true;
    }
    if (!represented) {
        // The content itself, typed by the request (TS 102 921 HTTP binding).
        f.content = request.body;
        f.contentTypes = {request.contentType.isEmpty() ? QStringLiteral("application/octet-stream")
                                                        : request.contentType};
    }
    if (c.maxByteSize && f.content.size() > *c.maxByteSize && !fault("cin-max-bytes-ignored")) {
        return errorResponse(StatusCode::Forbidden,
                             QStringLiteral("content of %1 bytes exceeds the container's "
                                            "maxByteSize of %2")
                                 .arg(f.content.size())
                                 .arg(*c.maxByteSize));
    }
    if (f.id.isEmpty()) {
        f.id = QStringLiteral("cin-%1").arg(c.nextInstance);
    } else if (!usableName(f.id)) {
        return errorResponse(StatusCode::BadRequest,
                             QStringLiteral("id '%1' is not usable as a resource name").arg(f.id));
    }
    for (const ContentInstance &i : c.instances) {
        if (i.id == f.id) {
            return errorResponse(StatusCode::Conflict,
                                 QStringLiteral("content instance '%1' exists").arg(f.id));
        }
    }
    ++c.nextInstance;
    const QDateTime now = m_clock.now();
    ContentInstance i;
    i.id = f.id;
    i.creationTime = now;
    i.delayTolerance = f.delayTolerance;
    i.contentTypes = f.contentTypes;
    i.content = f.content;
    c.instances.append(i);
    c.instancesModified = now;
    enforceLimits(c, now);
    const QString href = path + QStringLiteral("/contentInstances/") + i.id;
    mid::Response r = xmlResponse(StatusCode::Created,
                                  instanceElement(i, href, true, fault("cin-content-size-wrong"),
                                                  fault("cin-content-truncated")));
    r.location = href;
    return r;
}

QList<DiscoverableResource> ContainerStore::discoverable() const {
    QList<DiscoverableResource> out;
    for (auto h = m_hosts.cbegin(); h != m_hosts.cend(); ++h) {
        for (auto it = h->containers.cbegin(); it != h->containers.cend(); ++it) {
            out.append({h.key() + QStringLiteral("/containers/") + it.key(),
                        it->searchStrings.value_or(QStringList()), it->creationTime});
        }
    }
    return out;
}

} // namespace m2mbench::nodes
