// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/mid/security_resources.h"

#include "core/common/hex.h"

namespace m2mbench::mid {

namespace {

const QString kNs = QLatin1String(kM2mNamespace);

Result<void> expectRoot(const XmlNode &root, const QString &name) {
    if (root.name != name || root.ns != kNs) {
        return fail(
            Error::Kind::Parse,
            QStringLiteral("expected <%1> in namespace %2, found <%3>").arg(name, kNs, root.name));
    }
    return {};
}

tl::unexpected<Error> bad(const XmlNode &n, const QString &why) {
    return fail(Error::Kind::Parse,
                QStringLiteral("<%1> (line %2): %3").arg(n.name).arg(n.line).arg(why));
}

} // namespace

QByteArray encodeConnectionParamSet(const ConnectionParamSet &set, bool exposeKey) {
    XmlNode root = m2mElement(QStringLiteral("connectionParamSet"));
    root.children.append(
        m2mElement(QStringLiteral("securityConnectionId"), QString::number(set.connectionId)));
    root.children.append(
        m2mElement(QStringLiteral("securityKmcIndex"), QString::number(set.kmcIndex)));
    root.children.append(
        m2mElement(QStringLiteral("securityLifetime"), formatDateTime(set.lifetime)));
    const QString key =
        exposeKey && set.key.size() == 32 ? set.key.exposeHex() : QString(64, QLatin1Char('0'));
    root.children.append(m2mElement(QStringLiteral("securityM2MKey"), key));
    root.children.append(m2mElement(QStringLiteral("sclId"), set.sclId));
    root.children.append(
        m2mElement(QStringLiteral("securitymIdFlags"),
                   QStringLiteral("%1").arg(set.midFlags, 4, 16, QLatin1Char('0'))));
    return writeXml(root);
}

Result<ConnectionParamSet> decodeConnectionParamSet(const XmlNode &root) {
    if (auto ok = expectRoot(root, QStringLiteral("connectionParamSet")); !ok) {
        return fail(ok.error());
    }
    static const QStringList order = {QStringLiteral("securityConnectionId"),
                                      QStringLiteral("securityKmcIndex"),
                                      QStringLiteral("securityLifetime"),
                                      QStringLiteral("securityM2MKey"),
                                      QStringLiteral("sclId"),
                                      QStringLiteral("securitymIdFlags")};
    if (root.children.size() != order.size()) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("<connectionParamSet> has %1 elements; the schema wants %2 (%3)")
                        .arg(root.children.size())
                        .arg(order.size())
                        .arg(order.join(QStringLiteral(", "))));
    }
    ConnectionParamSet set;
    bool ok = false;
    for (qsizetype i = 0; i < order.size(); ++i) {
        const XmlNode &c = root.children.at(i);
        if (c.name != order.at(i) || c.ns != kNs) {
            return bad(c, QStringLiteral("expected <%1> here").arg(order.at(i)));
        }
        switch (i) {
        case 0: set.connectionId = c.text.toULongLong(&ok); break;
        case 1: set.kmcIndex = c.text.toUInt(&ok); break;
        case 2: {
            const auto t = parseDateTime(c.text);
            ok = t.has_value();
            set.lifetime = t.value_or(QDateTime());
            break;
        }
        case 3: {
            auto key = fromHex(c.text);
            ok = key && key->size() == 32;
            set.key = ok ? SecureBytes::fromByteArray(*key) : SecureBytes();
            break;
        }
        case 4:
            set.sclId = c.text;
            ok = !c.text.isEmpty();
            break;
        case 5: {
            ok = c.text.size() == 4;
            set.midFlags = static_cast<quint16>(c.text.toUInt(&ok, 16));
            break;
        }
        }
        if (!ok) {
            return bad(c, QStringLiteral("'%1' is not a valid value").arg(c.text.left(80)));
        }
    }
    return set;
}

QByteArray encodeApplication(const Application &a) {
    XmlNode root = m2mElement(QStringLiteral("application"));
    if (!a.appId.isEmpty()) {
        root.attributes.append({QString(), QStringLiteral("appId"), a.appId});
    }
    if (a.expirationTime.isValid()) {
        root.children.append(
            m2mElement(QStringLiteral("expirationTime"), formatDateTime(a.expirationTime)));
    }
    if (!a.accessRightID.isEmpty()) {
        root.children.append(m2mElement(QStringLiteral("accessRightID"), a.accessRightID));
    }
    if (a.searchStrings) {
        XmlNode list = m2mElement(QStringLiteral("searchStrings"));
        for (const QString &s : *a.searchStrings) {
            list.children.append(m2mElement(QStringLiteral("searchString"), s));
        }
        root.children.append(list);
    }
    for (const auto &[name, t] :
         {std::pair{QStringLiteral("creationTime"), a.creationTime},
          std::pair{QStringLiteral("lastModifiedTime"), a.lastModifiedTime}}) {
        if (t.isValid()) {
            root.children.append(m2mElement(name, formatDateTime(t)));
        }
    }
    if (!a.aPoC.isEmpty()) {
        root.children.append(m2mElement(QStringLiteral("aPoC"), a.aPoC));
    }
    for (const auto &[name, uri] : a.references) {
        root.children.append(m2mElement(name, uri));
    }
    return writeXml(root);
}

Result<Application> decodeApplication(const XmlNode &root) {
    if (auto ok = expectRoot(root, QStringLiteral("application")); !ok) {
        return fail(ok.error());
    }
    Application a;
    a.appId = root.attribute(u"appId");
    for (const XmlNode &c : root.children) {
        if (c.name == u"expirationTime" || c.name == u"creationTime" ||
            c.name == u"lastModifiedTime") {
            const auto t = parseDateTime(c.text);
            if (!t) {
                return bad(c, QStringLiteral("not an xs:dateTime"));
            }
            (c.name == u"expirationTime" ? a.expirationTime
             : c.name == u"creationTime" ? a.creationTime
                                         : a.lastModifiedTime) = *t;
        } else if (c.name == u"accessRightID") {
            a.accessRightID = c.text;
        } else if (c.name == u"searchStrings") {
            a.searchStrings = c.select(u"searchString");
        } else if (c.name == u"aPoC") {
            a.aPoC = c.text;
        } else if (!c.name.endsWith(QLatin1String("Reference")) && c.name != u"announceTo" &&
                   c.name != u"aPoCPaths" && c.name != u"locRequestor") {
            return bad(c, QStringLiteral("not an element of <application>"));
        }
    }
    return a;
}

QByteArray encodeApplications(const QDateTime &created, const QDateTime &modified,
                              const QList<NamedReference> &applications) {
    XmlNode root = m2mElement(QStringLiteral("applications"));
    root.children.append(m2mElement(QStringLiteral("creationTime"), formatDateTime(created)));
    root.children.append(m2mElement(QStringLiteral("lastModifiedTime"), formatDateTime(modified)));
    XmlNode collection = m2mElement(QStringLiteral("applicationCollection"));
    for (const NamedReference &r : applications) {
        XmlNode ref = m2mElement(QStringLiteral("namedReference"), r.uri);
        ref.attributes.append({QString(), QStringLiteral("id"), r.id});
        collection.children.append(std::move(ref));
    }
    root.children.append(std::move(collection));
    return writeXml(root);
}

} // namespace m2mbench::mid
