// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_representation.h"

#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"

namespace m2mbench::nodes::repr {

using mid::XmlNode;

namespace {

const QString &m2mNs() {
    static const QString ns = QLatin1String(mid::kM2mNamespace);
    return ns;
}

} // namespace

mid::Response xml(mid::StatusCode status, const XmlNode &root) {
    mid::Response r;
    r.status = status;
    r.body = mid::writeXml(root);
    r.contentType = QStringLiteral("application/xml");
    return r;
}

mid::Response okEmpty() {
    mid::Response r;
    r.status = mid::StatusCode::Ok;
    return r;
}

mid::Response notAllowed(const mid::Request &request, const QString &what) {
    return errorResponse(
        mid::StatusCode::MethodNotAllowed,
        QStringLiteral("%1 is not allowed on %2").arg(mid::methodName(request.method), what));
}

mid::Response unsupportedType(const mid::Request &request) {
    return errorResponse(mid::StatusCode::UnsupportedMediaType,
                         QStringLiteral("unsupported content type '%1'").arg(request.contentType));
}

void addTime(XmlNode &parent, const QString &name, const QDateTime &t) {
    if (t.isValid()) {
        parent.children.append(mid::m2mElement(name, mid::formatDateTime(t)));
    }
}

XmlNode listOf(const QString &element, const QString &item, const QStringList &values) {
    XmlNode list = mid::m2mElement(element);
    for (const QString &v : values) {
        list.children.append(mid::m2mElement(item, v));
    }
    return list;
}

XmlNode namedReferences(const QString &collection, const QString &path, const QStringList &ids) {
    XmlNode out = mid::m2mElement(collection);
    for (const QString &id : ids) {
        XmlNode ref = mid::m2mElement(QStringLiteral("namedReference"), path + u'/' + id);
        ref.attributes.append({QString(), QStringLiteral("id"), id});
        out.children.append(ref);
    }
    return out;
}

QString m2mId(const XmlNode &n) {
    for (const XmlNode::Attribute &a : n.attributes) {
        if (a.ns == m2mNs() && a.name == u"id") {
            return a.value;
        }
    }
    return {};
}

bool isXmlBody(const mid::Request &request) {
    return isXmlContentType(request.contentType);
}

mid::Response badRequest(const QString &why) {
    return errorResponse(mid::StatusCode::BadRequest, why);
}

mid::Response created(mid::Response representation, const QString &location) {
    representation.status = mid::StatusCode::Created;
    representation.location = location;
    return representation;
}

ItemPath itemPath(const QString &rest) {
    const QString tail = rest.startsWith(u'/') ? rest.mid(1) : rest;
    const qsizetype slash = tail.indexOf(u'/');
    return slash < 0 ? ItemPath{tail, QString()} : ItemPath{tail.left(slash), tail.mid(slash + 1)};
}

std::optional<mid::Response> checkNewResource(QString &id, const QString &prefix, quint64 &nextName,
                                              const std::function<bool(const QString &)> &taken,
                                              const std::optional<QDateTime> &expirationTime,
                                              const QDateTime &now, const QString &where) {
    if (id.isEmpty()) {
        do {
            id = QStringLiteral("%1-%2").arg(prefix).arg(nextName++);
        } while (taken(id));
    }
    if (!isUsableResourceName(id)) {
        return badRequest(QStringLiteral("id '%1' is not usable as a resource name").arg(id));
    }
    if (taken(id)) {
        return errorResponse(mid::StatusCode::Conflict,
                             QStringLiteral("%1 '%2' exists in %3").arg(prefix, id, where));
    }
    if (expirationTime && *expirationTime <= now) {
        return badRequest(QStringLiteral("expirationTime is in the past"));
    }
    return std::nullopt;
}

std::optional<mid::Response> checkUpdate(const QString &givenId, const QString &storedId,
                                         const std::optional<QDateTime> &expirationTime,
                                         const QDateTime &now, const QString &what) {
    if (!givenId.isEmpty() && givenId != storedId) {
        return badRequest(QStringLiteral("the id of %1 cannot be changed").arg(what));
    }
    if (expirationTime && *expirationTime <= now) {
        return badRequest(QStringLiteral("expirationTime is in the past"));
    }
    return std::nullopt;
}

Result<XmlNode> readRepresentation(const mid::Request &request, const QString &root,
                                   const mid::XsdValidator *validator) {
    if (request.body.trimmed().isEmpty()) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("a <%1> representation is required").arg(root));
    }
    auto doc = mid::parseXml(request.body);
    if (!doc) {
        return fail(doc.error());
    }
    if (doc->name != root || doc->ns != m2mNs()) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("expected <%1> in namespace %2, found <%3> in '%4'")
                        .arg(root, m2mNs(), doc->name, doc->ns));
    }
    if (validator) {
        if (auto valid = validator->validate(request.body, root); !valid) {
            return fail(valid.error());
        }
    }
    return doc;
}

Result<void> allInM2mNamespace(const XmlNode &n, bool deep) {
    const auto outside = [](const XmlNode &e) {
        return fail(
            Error::Kind::Parse,
            QStringLiteral("<%1> (line %2) is not in the m2m namespace").arg(e.name).arg(e.line));
    };
    if (n.ns != m2mNs()) {
        return outside(n);
    }
    for (const XmlNode &c : n.children) {
        if (c.ns != m2mNs()) {
            return outside(c);
        }
        if (deep) {
            if (auto ok = allInM2mNamespace(c, true); !ok) {
                return ok;
            }
        }
    }
    return {};
}

Result<void> onlyIdAttribute(const XmlNode &n) {
    for (const XmlNode::Attribute &a : n.attributes) {
        const bool id = a.ns == m2mNs() && a.name == u"id";
        if (!id && a.ns != u"http://www.w3.org/2001/XMLSchema-instance") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> has no attribute '%2'").arg(n.name, a.name));
        }
    }
    return {};
}

Result<QString> checkedRoot(const XmlNode &root) {
    if (auto ok = allInM2mNamespace(root, /*deep=*/false); !ok) {
        return fail(ok.error());
    }
    if (auto ok = onlyIdAttribute(root); !ok) {
        return fail(ok.error());
    }
    return m2mId(root);
}

Result<QDateTime> dateTimeOf(const XmlNode &element) {
    const auto t = mid::parseDateTime(element.text);
    if (!t) {
        return fail(Error::Kind::Parse, QStringLiteral("%1 '%2' is not an xs:dateTime")
                                            .arg(element.name, element.text.trimmed()));
    }
    return *t;
}

Result<qint64> nonNegativeLongOf(const XmlNode &element) {
    bool ok = false;
    const qint64 v = element.text.trimmed().toLongLong(&ok);
    if (!ok || v < 0) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("%1 must be a non-negative xs:long, got '%2'")
                        .arg(element.name, element.text.trimmed()));
    }
    return v;
}

} // namespace m2mbench::nodes::repr
