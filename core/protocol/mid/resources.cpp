// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/mid/resources.h"

#include <QTimeZone>

#include <cstdio>
#include <ctime>

namespace m2mbench::mid {

namespace {

const QString &m2mNs() {
    static const QString ns = QLatin1String(kM2mNamespace);
    return ns;
}

void addText(XmlNode &parent, const QString &name, const QString &value) {
    if (!value.isEmpty()) {
        parent.children.append(m2mElement(name, value));
    }
}

void addTime(XmlNode &parent, const QString &name, const QDateTime &value) {
    if (value.isValid()) {
        parent.children.append(m2mElement(name, formatDateTime(value)));
    }
}

void addList(XmlNode &parent, const QString &name, const QString &itemName, bool qualifiedItems,
             const QStringList &items) {
    XmlNode list = m2mElement(name);
    for (const QString &item : items) {
        list.children.append(qualifiedItems ? m2mElement(itemName, item)
                                            : localElement(itemName, item));
    }
    parent.children.append(std::move(list));
}

void addReferences(XmlNode &parent, const QList<QPair<QString, QString>> &refs) {
    for (const auto &[name, uri] : refs) {
        parent.children.append(m2mElement(name, uri));
    }
}

Result<void> expectRoot(const XmlNode &root, const QString &name) {
    if (root.name != name) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("expected root element <%1>, found <%2>").arg(name, root.name));
    }
    if (root.ns != m2mNs()) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("root element <%1> is in namespace '%2', expected '%3'")
                        .arg(root.name, root.ns, m2mNs()));
    }
    return {};
}

Result<QDateTime> timeOf(const XmlNode &n) {
    if (auto t = parseDateTime(n.text)) {
        return *t;
    }
    return fail(Error::Kind::Parse,
                QStringLiteral("<%1> is not an xs:dateTime: '%2'").arg(n.name, n.text));
}

QStringList itemsOf(const XmlNode &n, QStringView itemName) {
    QStringList out;
    for (const XmlNode *c : n.childrenNamed(itemName)) {
        out.append(c->text);
    }
    return out;
}

Result<void> decodeSclChild(const XmlNode &c, Scl &scl) {
    const QString &n = c.name;
    if (n == u"pocs") {
        scl.pocs = itemsOf(c, u"reference");
    } else if (n == u"remTriggerAddr") {
        scl.remTriggerAddr = c.text;
    } else if (n == u"onlineStatus") {
        if (c.text != u"ONLINE" && c.text != u"OFFLINE" && c.text != u"NOT_REACHABLE") {
            return fail(
                Error::Kind::Parse,
                QStringLiteral("<onlineStatus> must be ONLINE, OFFLINE or NOT_REACHABLE, not '%1'")
                    .arg(c.text));
        }
        scl.onlineStatus = c.text;
    } else if (n == u"serverCapability") {
        if (c.text != u"true" && c.text != u"false" && c.text != u"1" && c.text != u"0") {
            return fail(
                Error::Kind::Parse,
                QStringLiteral("<serverCapability> is not an xs:boolean: '%1'").arg(c.text));
        }
        scl.serverCapability = c.text == u"true" || c.text == u"1";
    } else if (n == u"link") {
        scl.link = c.text;
    } else if (n == u"schedule") {
        scl.schedule = itemsOf(c, u"scheduleString");
    } else if (n == u"expirationTime" || n == u"creationTime" || n == u"lastModifiedTime") {
        auto t = timeOf(c);
        if (!t) {
            return fail(t.error());
        }
        (n == u"expirationTime" ? scl.expirationTime
         : n == u"creationTime" ? scl.creationTime
                                : scl.lastModifiedTime) = *t;
    } else if (n == u"accessRightID") {
        scl.accessRightID = c.text;
    } else if (n == u"searchStrings") {
        scl.searchStrings = itemsOf(c, u"searchString");
    } else if (n == u"mgmtProtocolType") {
        if (c.text != u"OMA DM" && c.text != u"BBF TR 069") {
            return fail(
                Error::Kind::Parse,
                QStringLiteral("<mgmtProtocolType> must be 'OMA DM' or 'BBF TR 069', not '%1'")
                    .arg(c.text));
        }
        scl.mgmtProtocolType = c.text;
    } else if (n.endsWith(u"Reference") || n == u"locTargetDevice" || n == u"integrityValResults" ||
               n == u"aPocHandling") {
        scl.references.append({n, c.text}); // kept as given, written back unchanged
    } else {
        return fail(Error::Kind::Parse, QStringLiteral("<scl> has no element <%1>").arg(n));
    }
    return {};
}

} // namespace

QString formatDateTime(const QDateTime &t) {
    return t.toUTC().toString(Qt::ISODateWithMs);
}

std::optional<QDateTime> parseDateTime(const QString &text) {
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        t = QDateTime::fromString(text, Qt::ISODate);
    }
    if (!t.isValid()) {
        return std::nullopt;
    }
    if (t.timeSpec() == Qt::LocalTime) {
        t.setTimeZone(QTimeZone::utc()); // no zone designator: taken as UTC, not local time
    }
    return t.toUTC();
}

QByteArray encodeScl(const Scl &scl) {
    XmlNode root = m2mElement(QStringLiteral("scl"));
    if (!scl.sclId.isEmpty()) {
        root.attributes.append({QString(), QStringLiteral("sclId"), scl.sclId});
    }
    if (!scl.pocs.isEmpty()) {
        addList(root, QStringLiteral("pocs"), QStringLiteral("reference"), false, scl.pocs);
    }
    addText(root, QStringLiteral("remTriggerAddr"), scl.remTriggerAddr);
    addText(root, QStringLiteral("onlineStatus"), scl.onlineStatus);
    if (scl.serverCapability) {
        addText(root, QStringLiteral("serverCapability"),
                *scl.serverCapability ? QStringLiteral("true") : QStringLiteral("false"));
    }
    addText(root, QStringLiteral("link"), scl.link);
    if (!scl.schedule.isEmpty()) {
        addList(root, QStringLiteral("schedule"), QStringLiteral("scheduleString"), false,
                scl.schedule);
    }
    addTime(root, QStringLiteral("expirationTime"), scl.expirationTime);
    addText(root, QStringLiteral("accessRightID"), scl.accessRightID);
    if (scl.searchStrings) {
        addList(root, QStringLiteral("searchStrings"), QStringLiteral("searchString"), true,
                *scl.searchStrings);
    }
    addTime(root, QStringLiteral("creationTime"), scl.creationTime);
    addTime(root, QStringLiteral("lastModifiedTime"), scl.lastModifiedTime);
    addText(root, QStringLiteral("mgmtProtocolType"), scl.mgmtProtocolType);
    addReferences(root, scl.references);
    return writeXml(root);
}

QByteArray encodeSclBase(const SclBase &base) {
    XmlNode root = m2mElement(QStringLiteral("sclBase"));
    addText(root, QStringLiteral("accessRightID"), base.accessRightID);
    if (!base.searchStrings.isEmpty()) {
        addList(root, QStringLiteral("searchStrings"), QStringLiteral("searchString"), true,
                base.searchStrings);
    }
    addTime(root, QStringLiteral("creationTime"), base.creationTime);
    addTime(root, QStringLiteral("lastModifiedTime"), base.lastModifiedTime);
    addReferences(root, base.references);
    return writeXml(root);
}

QByteArray encodeScls(const Scls &scls) {
    XmlNode root = m2mElement(QStringLiteral("scls"));
    addTime(root, QStringLiteral("creationTime"), scls.creationTime);
    addTime(root, QStringLiteral("lastModifiedTime"), scls.lastModifiedTime);
    XmlNode collection = m2mElement(QStringLiteral("sclCollection"));
    for (const NamedReference &r : scls.scls) {
        XmlNode ref = m2mElement(QStringLiteral("namedReference"), r.uri);
        ref.attributes.append({QString(), QStringLiteral("id"), r.id});
        collection.children.append(std::move(ref));
    }
    root.children.append(std::move(collection));
    addReferences(root, scls.references);
    return writeXml(root);
}

QByteArray encodeErrorInfo(const ErrorInfo &info) {
    XmlNode root = m2mElement(QStringLiteral("errorInfo"));
    if (info.statusCode && statusInSchema(*info.statusCode)) {
        addText(root, QStringLiteral("statusCode"), statusName(*info.statusCode));
    }
    addText(root, QStringLiteral("additionalInfo"), info.additionalInfo);
    return writeXml(root);
}

Result<Scl> decodeScl(const XmlNode &root) {
    if (auto ok = expectRoot(root, QStringLiteral("scl")); !ok) {
        return fail(ok.error());
    }
    Scl scl;
    for (const XmlNode::Attribute &a : root.attributes) {
        if (a.ns.isEmpty() && a.name == u"sclId") {
            scl.sclId = a.value;
        } else if (a.ns != u"http://www.w3.org/2001/XMLSchema-instance") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<scl> has no attribute '%1'").arg(a.name));
        }
    }
    for (const XmlNode &c : root.children) {
        if (c.ns != m2mNs()) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("element <%1> (line %2) is not in the m2m namespace")
                            .arg(c.name)
                            .arg(c.line));
        }
        if (auto ok = decodeSclChild(c, scl); !ok) {
            return fail(ok.error());
        }
    }
    return scl;
}

Result<ErrorInfo> decodeErrorInfo(const XmlNode &root) {
    if (auto ok = expectRoot(root, QStringLiteral("errorInfo")); !ok) {
        return fail(ok.error());
    }
    ErrorInfo info;
    for (const XmlNode &c : root.children) {
        if (c.name == u"statusCode") {
            info.statusCode = statusFromName(c.text);
            if (!info.statusCode) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("unknown statusCode '%1'").arg(c.text));
            }
        } else if (c.name == u"additionalInfo") {
            info.additionalInfo = c.text;
        } else {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<errorInfo> has no element <%1>").arg(c.name));
        }
    }
    return info;
}

} // namespace m2mbench::mid
