// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_xrem.h"

#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;
using mid::XmlNode;

namespace {

constexpr char kXsiNamespace[] = "http://www.w3.org/2001/XMLSchema-instance";

const QStringList &execStatuses() {
    static const QStringList s = {QStringLiteral("INITIATED"), QStringLiteral("STARTED"),
                                  QStringLiteral("FINISHED"), QStringLiteral("CANCELLING")};
    return s;
}

const QStringList &cmdTypes() {
    static const QStringList t = {
        QStringLiteral("REBOOT"),          QStringLiteral("RESET"),
        QStringLiteral("UPLOAD"),          QStringLiteral("DOWNLOAD"),
        QStringLiteral("SOFTWAREINSTALL"), QStringLiteral("SOFTWAREUNINSTALL")};
    return t;
}

/// The management object types of TS 102 921 that extend MgmtObj (the etsi*.xsd files), for
/// an NSCL that runs without the schemas.
const QStringList &etsiMgmtObjTypes() {
    static const QStringList types = {QStringLiteral("EtsiAreaNwkDeviceInfo"),
                                      QStringLiteral("EtsiAreaNwkInfo"),
                                      QStringLiteral("EtsiBattery"),
                                      QStringLiteral("EtsiDeviceCapability"),
                                      QStringLiteral("EtsiDeviceInfo"),
                                      QStringLiteral("EtsiFirmware"),
                                      QStringLiteral("EtsiMemory"),
                                      QStringLiteral("EtsiPerformanceLog"),
                                      QStringLiteral("EtsiReboot"),
                                      QStringLiteral("EtsiSclMo"),
                                      QStringLiteral("EtsiSoftware"),
                                      QStringLiteral("EtsiTrapEvent")};
    return types;
}

/// The attributes a <mgmtObj> or <mgmtCmd> representation sets; null members were absent.
struct MgmtFields {
    QString id;
    std::optional<QDateTime> expirationTime;
    std::optional<QString> accessRightID;
    std::optional<QStringList> searchStrings;
    std::optional<QString> description;
    std::optional<QString> typeName;
    std::optional<QString> moID;
    std::optional<QString> originalMO;
    std::optional<QString> contentType;
    QList<XmlNode> moAttributes;
    bool hasParametersCollection = false;
    std::optional<QString> cmdType;
    std::optional<XmlNode> execReqArgs;
};

QString xsiTypeOf(const XmlNode &n) {
    for (const XmlNode::Attribute &a : n.attributes) {
        if (a.ns == QLatin1String(kXsiNamespace) && a.name == u"type") {
            return a.value.section(u':', -1).trimmed();
        }
    }
    return {};
}

Result<MgmtFields> decodeMgmt(const XmlNode &root) {
    if (auto ok = repr::onlyIdAttribute(root); !ok) {
        return fail(ok.error());
    }
    const bool command = root.name == u"mgmtCmd";
    MgmtFields f;
    f.id = repr::m2mId(root);
    if (!command) {
        f.typeName = xsiTypeOf(root);
        if (!f.typeName->isEmpty() && !etsiMgmtObjTypes().contains(*f.typeName)) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("xsi:type '%1' is not a management object type of TS 102 "
                                       "921 (%2)")
                            .arg(*f.typeName, etsiMgmtObjTypes().join(QStringLiteral(", "))));
        }
    }
    for (const XmlNode &c : root.children) {
        const bool m2m = c.ns == QLatin1String(mid::kM2mNamespace);
        const QString &n = c.name;
        if (m2m && n == u"expirationTime") {
            auto t = repr::dateTimeOf(c);
            if (!t) {
                return fail(t.error());
            }
            f.expirationTime = *t;
        } else if (m2m && n == u"accessRightID") {
            f.accessRightID = c.text.trimmed();
        } else if (m2m && n == u"searchStrings") {
            f.searchStrings = c.select(u"searchString");
        } else if (m2m && n == u"description") {
            f.description = c.text;
        } else if (m2m && (n == u"creationTime" || n == u"lastModifiedTime")) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("%1 is set by the NSCL and cannot be written").arg(n));
        } else if (m2m && n == u"parametersCollection") {
            f.hasParametersCollection = true; // the NSCL's own list; what is in it is not read
        } else if (m2m && (n == u"subscriptionsReference" || n == u"execEnable" ||
                           n == u"execInstancesReference")) {
            continue; // the NSCL's own; what a client sends is not read
        } else if (command && m2m && n == u"cmdType") {
            if (!cmdTypes().contains(c.text.trimmed())) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("cmdType '%1' is not one of %2")
                                .arg(c.text.trimmed(), cmdTypes().join(QStringLiteral(", "))));
            }
            f.cmdType = c.text.trimmed();
        } else if (command && m2m && n == u"execReqArgs") {
            f.execReqArgs = c;
        } else if (command) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> is not an element of <mgmtCmd>").arg(n));
        } else if (m2m && n == u"moID") {
            f.moID = c.text.trimmed();
        } else if (m2m && n == u"originalMO") {
            f.originalMO = c.text.trimmed();
        } else if (m2m && n == u"contentType") {
            f.contentType = c.text.trimmed();
        } else {
            f.moAttributes.append(c); // the management object type's own elements
        }
    }
    return f;
}

Result<std::optional<QString>> decodeAccessRightOnly(const XmlNode &root) {
    if (auto ok = repr::checkedRoot(root); !ok) {
        return fail(ok.error());
    }
    for (const XmlNode &c : root.children) {
        if (c.name != u"accessRightID" && !c.name.endsWith(u"Reference")) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> of <%2> cannot be written").arg(c.name, root.name));
        }
    }
    const XmlNode *a = root.child(u"accessRightID");
    return a ? std::optional<QString>(a->text.trimmed()) : std::nullopt;
}

struct ExecFields {
    std::optional<QString> execStatus;
    std::optional<XmlNode> execResult;
};

Result<ExecFields> decodeExecution(const XmlNode &root) {
    if (auto ok = repr::checkedRoot(root); !ok) {
        return fail(ok.error());
    }
    ExecFields f;
    for (const XmlNode &c : root.children) {
        if (c.name == u"execStatus") {
            if (!execStatuses().contains(c.text.trimmed())) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("execStatus '%1' is not one of %2")
                                .arg(c.text.trimmed(), execStatuses().join(QStringLiteral(", "))));
            }
            f.execStatus = c.text.trimmed();
        } else if (c.name == u"execResult") {
            f.execResult = c;
        } else {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> of <execInstance> is the NSCL's, not the node's to "
                                       "write")
                            .arg(c.name));
        }
    }
    return f;
}

/// Whether execStatus may go from `from` to `to`: forwards only, FINISHED is final.
bool statusMayMove(const QString &from, const QString &to) {
    if (from == to) {
        return true;
    }
    if (from == u"FINISHED") {
        return false;
    }
    if (to == u"INITIATED") {
        return false;
    }
    if (from == u"CANCELLING") {
        return to == u"FINISHED";
    }
    return !(from == u"STARTED" && to == u"INITIATED");
}

void addText(XmlNode &root, const QString &name, const QString &value) {
    if (!value.isEmpty()) {
        root.children.append(mid::m2mElement(name, value));
    }
}

} // namespace

XremStore::XremStore(const Clock &clock, const QSet<QString> &faults,
                     std::shared_ptr<mid::XsdValidator> validator)
    : m_clock(clock)
    , m_faults(faults)
    , m_validator(std::move(validator)) {}

XremStore::Objects &XremStore::objects(const QString &host) {
    auto it = m_objects.find(host);
    if (it == m_objects.end()) {
        Objects o;
        o.creationTime = m_clock.now();
        o.lastModifiedTime = o.creationTime;
        it = m_objects.insert(host, o);
    }
    return *it;
}

mid::Response XremStore::handleMgmtObjs(const mid::Request &request, const QString &host,
                                        const QString &rest) {
    Objects &o = objects(host);
    const QString collection = host + QStringLiteral("/mgmtObjs");
    if (rest.isEmpty()) {
        switch (request.method) {
        case Method::Retrieve: return objectsRepresentation(host, o);
        case Method::Create: return create(request, host, o);
        case Method::Update: {
            auto a = repr::decodeRequest(request, QStringLiteral("mgmtObjs"), m_validator.get(),
                                         decodeAccessRightOnly);
            if (!a) {
                return a.error();
            }
            if (*a) {
                o.accessRightID = **a;
            }
            o.lastModifiedTime = m_clock.now();
            return objectsRepresentation(host, o);
        }
        default: return repr::notAllowed(request, QStringLiteral("<mgmtObjs>"));
        }
    }
    const auto [id, sub] = repr::itemPath(rest);
    auto it = o.items.find(id);
    if (it == o.items.end()) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no management object '%1' in %2").arg(id, collection));
    }
    const QString path = collection + u'/' + id;
    if (!sub.isEmpty()) {
        if (!it->command) {
            return errorResponse(StatusCode::NotFound,
                                 QStringLiteral("<mgmtObj> %1 has no subresource '%2' here (its "
                                                "parameters are not kept as resources)")
                                     .arg(path, sub));
        }
        return handleCommand(request, path, *it, sub);
    }
    return handleOne(request, path, o, id);
}

mid::Response XremStore::objectsRepresentation(const QString &host, const Objects &o) const {
    XmlNode root = mid::m2mElement(QStringLiteral("mgmtObjs"));
    addText(root, QStringLiteral("accessRightID"), o.accessRightID);
    repr::addTime(root, QStringLiteral("creationTime"), o.creationTime);
    repr::addTime(root, QStringLiteral("lastModifiedTime"), o.lastModifiedTime);
    QStringList objs;
    QStringList cmds;
    for (auto it = o.items.cbegin(); it != o.items.cend(); ++it) {
        (it->command ? cmds : objs).append(it.key());
    }
    const QString collection = host + QStringLiteral("/mgmtObjs");
    root.children.append(
        repr::namedReferences(QStringLiteral("mgmtObjCollection"), collection, objs));
    root.children.append(
        repr::namedReferences(QStringLiteral("mgmtCmdCollection"), collection, cmds));
    return repr::xml(StatusCode::Ok, root);
}

mid::Response XremStore::create(const mid::Request &request, const QString &host, Objects &o) {
    const QString root = mid::rootElementName(request.body);
    if (root != u"mgmtObj" && root != u"mgmtCmd") {
        if (!repr::isXmlBody(request)) {
            return repr::unsupportedType(request);
        }
        return repr::badRequest(
            QStringLiteral("a <mgmtObj> or a <mgmtCmd> is created in <mgmtObjs>, not <%1>")
                .arg(root));
    }
    auto fields = repr::decodeRequest(request, root, m_validator.get(), decodeMgmt);
    if (!fields) {
        return fields.error();
    }
    if (root == u"mgmtObj" && !fields->hasParametersCollection) {
        return repr::badRequest(
            QStringLiteral("a <mgmtObj> needs its <parametersCollection> (mgmtObj.xsd)"));
    }
    const QDateTime now = m_clock.now();
    QString id = fields->id;
    const QString collection = host + QStringLiteral("/mgmtObjs");
    if (auto refused = repr::checkNewResource(
            id, root, o.nextName, [&o](const QString &n) { return o.items.contains(n); },
            fields->expirationTime, now, collection)) {
        return *refused;
    }
    MgmtResource m;
    m.command = root == u"mgmtCmd";
    m.id = id;
    m.expirationTime = fields->expirationTime.value_or(QDateTime());
    m.accessRightID = fields->accessRightID.value_or(QString());
    m.searchStrings = fields->searchStrings;
    m.description = fields->description.value_or(QString());
    m.typeName = fields->typeName.value_or(QString());
    m.moID = fields->moID.value_or(QString());
    m.originalMO = fields->originalMO.value_or(QString());
    m.contentType = fields->contentType.value_or(QString());
    m.moAttributes = fields->moAttributes;
    m.cmdType = fields->cmdType.value_or(QString());
    m.execReqArgs = fields->execReqArgs;
    m.creationTime = now;
    m.lastModifiedTime = now;
    m.executionsModified = now;
    o.items.insert(id, m);
    o.lastModifiedTime = now;
    return repr::created(representation(collection + u'/' + id, m), collection + u'/' + id);
}

mid::Response XremStore::handleOne(const mid::Request &request, const QString &path, Objects &o,
                                   const QString &id) {
    MgmtResource &m = o.items[id];
    switch (request.method) {
    case Method::Retrieve: return representation(path, m);
    case Method::Update: return update(request, path, m);
    case Method::Delete:
        o.items.remove(id);
        o.lastModifiedTime = m_clock.now();
        return repr::okEmpty();
    default:
        return repr::notAllowed(request, m.command ? QStringLiteral("<mgmtCmd>")
                                                   : QStringLiteral("<mgmtObj>"));
    }
}

mid::Response XremStore::update(const mid::Request &request, const QString &path, MgmtResource &m) {
    const QString root = m.command ? QStringLiteral("mgmtCmd") : QStringLiteral("mgmtObj");
    // Not validated against the schemas: an UPDATE may leave out what the schema requires
    // (parametersCollection).
    auto fields = repr::decodeRequest(request, root, nullptr, decodeMgmt);
    if (!fields) {
        return fields.error();
    }
    const QDateTime now = m_clock.now();
    if (auto refused =
            repr::checkUpdate(fields->id, m.id, fields->expirationTime, now, u'<' + root + u'>')) {
        return *refused;
    }
    if (fields->typeName && !fields->typeName->isEmpty() && *fields->typeName != m.typeName) {
        return repr::badRequest(
            QStringLiteral("the type of management object %1 is %2; an "
                           "UPDATE cannot make it %3")
                .arg(path, m.typeName.isEmpty() ? QStringLiteral("generic") : m.typeName,
                     *fields->typeName));
    }
    if (fields->expirationTime) {
        m.expirationTime = *fields->expirationTime;
    }
    for (auto [field, value] :
         {std::pair{&m.accessRightID, fields->accessRightID},
          std::pair{&m.description, fields->description}, std::pair{&m.moID, fields->moID},
          std::pair{&m.originalMO, fields->originalMO},
          std::pair{&m.contentType, fields->contentType}, std::pair{&m.cmdType, fields->cmdType}}) {
        if (value) {
            *field = *value;
        }
    }
    if (fields->searchStrings) {
        m.searchStrings = fields->searchStrings;
    }
    if (fields->execReqArgs) {
        m.execReqArgs = fields->execReqArgs;
    }
    // The type's own elements given replace the stored ones of the same name; new ones are
    // added. Under the fault, an UPDATE of them is answered but not kept.
    if (!fault("mgmtobj-update-ignored")) {
        for (const XmlNode &given : fields->moAttributes) {
            bool replaced = false;
            for (XmlNode &kept : m.moAttributes) {
                if (kept.ns == given.ns && kept.name == given.name) {
                    kept = given;
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                m.moAttributes.append(given);
            }
        }
    }
    m.lastModifiedTime = now;
    return representation(path, m);
}

mid::Response XremStore::representation(const QString &path, const MgmtResource &m) const {
    XmlNode root =
        mid::m2mElement(m.command ? QStringLiteral("mgmtCmd") : QStringLiteral("mgmtObj"));
    root.attributes.append({QLatin1String(mid::kM2mNamespace), QStringLiteral("id"), m.id});
    if (!m.typeName.isEmpty()) {
        root.attributes.append({QLatin1String(kXsiNamespace), QStringLiteral("type"),
                                QStringLiteral("m2m:") + m.typeName});
    }
    repr::addTime(root, QStringLiteral("expirationTime"), m.expirationTime);
    addText(root, QStringLiteral("accessRightID"), m.accessRightID);
    if (m.searchStrings) {
        root.children.append(repr::listOf(QStringLiteral("searchStrings"),
                                          QStringLiteral("searchString"), *m.searchStrings));
    }
    repr::addTime(root, QStringLiteral("creationTime"), m.creationTime);
    repr::addTime(root, QStringLiteral("lastModifiedTime"), m.lastModifiedTime);
    if (m.command) {
        addText(root, QStringLiteral("description"), m.description);
        addText(root, QStringLiteral("cmdType"), m.cmdType);
        root.children.append(
            mid::m2mElement(QStringLiteral("execEnable"), path + QStringLiteral("/execEnable")));
        if (m.execReqArgs) {
            root.children.append(*m.execReqArgs);
        }
        root.children.append(mid::m2mElement(QStringLiteral("execInstancesReference"),
                                             path + QStringLiteral("/execInstances")));
        return repr::xml(StatusCode::Ok, root);
    }
    addText(root, QStringLiteral("moID"), m.moID);
    addText(root, QStringLiteral("originalMO"), m.originalMO);
    addText(root, QStringLiteral("contentType"), m.contentType);
    addText(root, QStringLiteral("description"), m.description);
    root.children.append(mid::m2mElement(QStringLiteral("parametersCollection")));
    if (!fault("mgmtobj-attributes-dropped")) {
        root.children.append(m.moAttributes);
    }
    return repr::xml(StatusCode::Ok, root);
}

mid::Response XremStore::handleCommand(const mid::Request &request, const QString &path,
                                       MgmtResource &cmd, const QString &sub) {
    if (sub == u"execEnable") {
        if (request.method != Method::Update) {
            return repr::notAllowed(request, QStringLiteral("execEnable (an UPDATE runs the "
                                                            "command)"));
        }
        return execute(request, path, cmd);
    }
    if (sub == u"execInstances") {
        if (request.method != Method::Retrieve) {
            return repr::notAllowed(request, QStringLiteral("<execInstances>"));
        }
        XmlNode root = mid::m2mElement(QStringLiteral("execInstances"));
        repr::addTime(root, QStringLiteral("creationTime"), cmd.creationTime);
        repr::addTime(root, QStringLiteral("lastModifiedTime"), cmd.executionsModified);
        root.children.append(repr::namedReferences(QStringLiteral("execInstanceCollection"),
                                                   path + QStringLiteral("/execInstances"),
                                                   cmd.executions.keys()));
        return repr::xml(StatusCode::Ok, root);
    }
    if (sub.startsWith(u"execInstances/")) {
        const auto [id, below] = repr::itemPath(sub.mid(14));
        return handleExecution(request, path, cmd, id, below);
    }
    return errorResponse(StatusCode::NotFound,
                         QStringLiteral("<mgmtCmd> has no subresource '%1'").arg(sub));
}

mid::Response XremStore::execute(const mid::Request &request, const QString &path,
                                 MgmtResource &cmd) {
    Q_UNUSED(request); // the body, if any, is not read: the command runs with its execReqArgs
    const QDateTime now = m_clock.now();
    ExecInstance e;
    e.id = QStringLiteral("exec-%1").arg(cmd.nextExecution++);
    e.creationTime = now;
    e.lastModifiedTime = now;
    const QString where = path + QStringLiteral("/execInstances/") + e.id;
    if (!fault("mgmtcmd-no-exec-instance")) {
        cmd.executions.insert(e.id, e);
        cmd.executionsModified = now;
    }
    return repr::created(executionRepresentation(where, e), where);
}

mid::Response XremStore::handleExecution(const mid::Request &request, const QString &path,
                                         MgmtResource &cmd, const QString &id, const QString &sub) {
    auto it = cmd.executions.find(id);
    if (it == cmd.executions.end()) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no execInstance '%1' of %2").arg(id, path));
    }
    const QString where = path + QStringLiteral("/execInstances/") + id;
    const QDateTime now = m_clock.now();
    if (sub == u"execDisable") {
        if (request.method != Method::Update) {
            return repr::notAllowed(request, QStringLiteral("execDisable (an UPDATE cancels)"));
        }
        if (it->execStatus == u"FINISHED") {
            return errorResponse(
                StatusCode::Conflict,
                QStringLiteral("%1 has FINISHED: there is nothing to cancel").arg(where));
        }
        it->execStatus = QStringLiteral("CANCELLING");
        it->lastModifiedTime = now;
        return executionRepresentation(where, *it);
    }
    if (!sub.isEmpty()) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("<execInstance> has no subresource '%1'").arg(sub));
    }
    switch (request.method) {
    case Method::Retrieve: return executionRepresentation(where, *it);
    case Method::Delete:
        cmd.executions.erase(it);
        cmd.executionsModified = now;
        return repr::okEmpty();
    case Method::Update: {
        auto fields = repr::decodeRequest(request, QStringLiteral("execInstance"),
                                          m_validator.get(), decodeExecution);
        if (!fields) {
            return fields.error();
        }
        if (fields->execStatus) {
            if (!fault("exec-status-backwards") &&
                !statusMayMove(it->execStatus, *fields->execStatus)) {
                return errorResponse(StatusCode::Conflict,
                                     QStringLiteral("execStatus cannot go from %1 to %2")
                                         .arg(it->execStatus, *fields->execStatus));
            }
            it->execStatus = *fields->execStatus;
        }
        if (fields->execResult) {
            it->execResult = fields->execResult;
        }
        it->lastModifiedTime = now;
        cmd.executionsModified = now;
        return executionRepresentation(where, *it);
    }
    default: return repr::notAllowed(request, QStringLiteral("<execInstance>"));
    }
}

mid::Response XremStore::executionRepresentation(const QString &path, const ExecInstance &e) const {
    XmlNode root = mid::m2mElement(QStringLiteral("execInstance"));
    root.attributes.append({QLatin1String(mid::kM2mNamespace), QStringLiteral("id"), e.id});
    repr::addTime(root, QStringLiteral("creationTime"), e.creationTime);
    repr::addTime(root, QStringLiteral("lastModifiedTime"), e.lastModifiedTime);
    root.children.append(mid::m2mElement(QStringLiteral("execStatus"), e.execStatus));
    if (e.execResult) {
        root.children.append(*e.execResult);
    }
    root.children.append(
        mid::m2mElement(QStringLiteral("execDisable"), path + QStringLiteral("/execDisable")));
    return repr::xml(StatusCode::Ok, root);
}

mid::Response XremStore::handleAttachedDevices(const mid::Request &request, const QString &scl,
                                               const QString &rest) {
    auto dit = m_devices.find(scl);
    if (dit == m_devices.end()) {
        Devices d;
        d.creationTime = m_clock.now();
        d.lastModifiedTime = d.creationTime;
        dit = m_devices.insert(scl, d);
    }
    Devices &d = *dit;
    const QString collection = scl + QStringLiteral("/attachedDevices");
    const QDateTime now = m_clock.now();
    if (rest.isEmpty()) {
        switch (request.method) {
        case Method::Retrieve: {
            XmlNode root = mid::m2mElement(QStringLiteral("attachedDevices"));
            addText(root, QStringLiteral("accessRightID"), d.accessRightID);
            repr::addTime(root, QStringLiteral("creationTime"), d.creationTime);
            repr::addTime(root, QStringLiteral("lastModifiedTime"), d.lastModifiedTime);
            root.children.append(repr::namedReferences(QStringLiteral("attachedDeviceCollection"),
                                                       collection, d.items.keys()));
            return repr::xml(StatusCode::Ok, root);
        }
        case Method::Update: {
            auto a = repr::decodeRequest(request, QStringLiteral("attachedDevices"),
                                         m_validator.get(), decodeAccessRightOnly);
            if (!a) {
                return a.error();
            }
            if (*a) {
                d.accessRightID = **a;
            }
            d.lastModifiedTime = now;
            mid::Request read;
            return handleAttachedDevices(read, scl, rest);
        }
        case Method::Create: {
            auto a = repr::decodeRequest(request, QStringLiteral("attachedDevice"),
                                         m_validator.get(), decodeAccessRightOnly);
            if (!a) {
                return a.error();
            }
            auto doc = mid::parseXml(request.body);
            QString id = doc ? repr::m2mId(*doc) : QString();
            if (auto refused = repr::checkNewResource(
                    id, QStringLiteral("attachedDevice"), d.nextName,
                    [&d](const QString &n) { return d.items.contains(n); }, std::nullopt, now,
                    collection)) {
                return *refused;
            }
            Attached dev{id, a->value_or(QString()), now, now};
            d.items.insert(id, dev);
            d.lastModifiedTime = now;
            return repr::created(attachedRepresentation(collection + u'/' + id, dev),
                                 collection + u'/' + id);
        }
        default: return repr::notAllowed(request, QStringLiteral("<attachedDevices>"));
        }
    }
    const auto [id, sub] = repr::itemPath(rest);
    auto it = d.items.find(id);
    if (it == d.items.end()) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no attached device '%1' in %2").arg(id, collection));
    }
    const QString path = collection + u'/' + id;
    if (sub == u"mgmtObjs" || sub.startsWith(u"mgmtObjs/")) {
        return handleMgmtObjs(request, path, sub.mid(8));
    }
    if (!sub.isEmpty()) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("<attachedDevice> has no subresource '%1'").arg(sub));
    }
    switch (request.method) {
    case Method::Retrieve: return attachedRepresentation(path, *it);
    case Method::Update: {
        auto a = repr::decodeRequest(request, QStringLiteral("attachedDevice"), nullptr,
                                     decodeAccessRightOnly);
        if (!a) {
            return a.error();
        }
        if (*a) {
            it->accessRightID = **a;
        }
        it->lastModifiedTime = now;
        return attachedRepresentation(path, *it);
    }
    case Method::Delete:
        d.items.erase(it);
        d.lastModifiedTime = now;
        if (!fault("attached-device-keeps-mgmtobjs")) {
            m_objects.remove(path);
        }
        return repr::okEmpty();
    default: return repr::notAllowed(request, QStringLiteral("<attachedDevice>"));
    }
}

mid::Response XremStore::attachedRepresentation(const QString &path, const Attached &a) const {
    XmlNode root = mid::m2mElement(QStringLiteral("attachedDevice"));
    root.attributes.append({QLatin1String(mid::kM2mNamespace), QStringLiteral("id"), a.id});
    addText(root, QStringLiteral("accessRightID"), a.accessRightID);
    repr::addTime(root, QStringLiteral("creationTime"), a.creationTime);
    repr::addTime(root, QStringLiteral("lastModifiedTime"), a.lastModifiedTime);
    root.children.append(
        mid::m2mElement(QStringLiteral("mgmtObjsReference"), path + QStringLiteral("/mgmtObjs")));
    return repr::xml(StatusCode::Ok, root);
}

void XremStore::removeHost(const QString &host) {
    for (auto it = m_objects.begin(); it != m_objects.end();) {
        if (it.key() == host || it.key().startsWith(host + u'/')) {
            it = m_objects.erase(it);
        } else {
            ++it;
        }
    }
    m_devices.remove(host);
}

void XremStore::purge() {
    const QDateTime now = m_clock.now();
    for (Objects &o : m_objects) {
        for (auto it = o.items.begin(); it != o.items.end();) {
            if (it->expirationTime.isValid() && it->expirationTime <= now) {
                it = o.items.erase(it);
                o.lastModifiedTime = now;
            } else {
                ++it;
            }
        }
    }
}

QList<DiscoverableResource> XremStore::discoverable() const {
    QList<DiscoverableResource> out;
    for (auto o = m_objects.cbegin(); o != m_objects.cend(); ++o) {
        for (auto it = o->items.cbegin(); it != o->items.cend(); ++it) {
            out.append({o.key() + QStringLiteral("/mgmtObjs/") + it.key(),
                        it->searchStrings.value_or(QStringList()), it->creationTime});
        }
    }
    return out;
}

QString XremStore::declaredAccessRightID(const QString &path) const {
    for (auto o = m_objects.cbegin(); o != m_objects.cend(); ++o) {
        const QString collection = o.key() + QStringLiteral("/mgmtObjs");
        if (path == collection) {
            return o->accessRightID;
        }
        if (path.startsWith(collection + u'/') && !path.mid(collection.size() + 1).contains(u'/')) {
            const auto it = o->items.constFind(path.mid(collection.size() + 1));
            return it == o->items.cend() ? QString() : it->accessRightID;
        }
    }
    for (auto d = m_devices.cbegin(); d != m_devices.cend(); ++d) {
        const QString collection = d.key() + QStringLiteral("/attachedDevices");
        if (path == collection) {
            return d->accessRightID;
        }
        if (path.startsWith(collection + u'/') && !path.mid(collection.size() + 1).contains(u'/')) {
            const auto it = d->items.constFind(path.mid(collection.size() + 1));
            return it == d->items.cend() ? QString() : it->accessRightID;
        }
    }
    return {};
}

QStringList XremStore::mgmtIds(const QString &host) const {
    const auto o = m_objects.constFind(host);
    return o == m_objects.cend() ? QStringList() : o->items.keys();
}

QStringList XremStore::attachedDeviceIds(const QString &scl) const {
    const auto d = m_devices.constFind(scl);
    return d == m_devices.cend() ? QStringList() : d->items.keys();
}

} // namespace m2mbench::nodes
