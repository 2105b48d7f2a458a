// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_announced.h"

#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;
using mid::XmlNode;

namespace {

struct KindInfo {
    AnncKind kind;
    const char *element;
    const char *collection;
    const char *listing; ///< the ...AnncCollection element of the collection's representation
};

constexpr KindInfo kKinds[] = {
    {AnncKind::Application, "applicationAnnc", "applications", "applicationAnncCollection"},
    {AnncKind::Container, "containerAnnc", "containers", "containerAnncCollection"},
    {AnncKind::LocationContainer, "locationContainerAnnc", "containers",
     "locationContainerAnncCollection"},
    {AnncKind::Group, "groupAnnc", "groups", "groupAnncCollection"},
    {AnncKind::AccessRight, "accessRightAnnc", "accessRights", "accessRightAnncCollection"},
};

const KindInfo &info(AnncKind kind) {
    for (const KindInfo &k : kKinds) {
        if (k.kind == kind) {
            return k;
        }
    }
    return kKinds[0];
}

/// The attributes an announced representation sets; null members were absent.
struct AnncFields {
    QString id;
    std::optional<QString> link;
    std::optional<QString> accessRightID;
    std::optional<QStringList> searchStrings;
    std::optional<QDateTime> expirationTime;
};

Result<AnncFields> decodeAnnc(const XmlNode &root) {
    AnncFields f;
    if (root.name == u"applicationAnnc") {
        // applicationAnnc.xsd gives it an unqualified id attribute, not m2m:id.
        if (auto ok = repr::allInM2mNamespace(root, /*deep=*/false); !ok) {
            return fail(ok.error());
        }
        for (const XmlNode::Attribute &a : root.attributes) {
            if (a.ns.isEmpty() && a.name == u"id") {
                f.id = a.value.trimmed();
            } else if (a.ns != u"http://www.w3.org/2001/XMLSchema-instance") {
                return fail(Error::Kind::Parse,
                            QStringLiteral("<applicationAnnc> has no attribute '%1'").arg(a.name));
            }
        }
    } else {
        auto id = repr::checkedRoot(root);
        if (!id) {
            return fail(id.error());
        }
        f.id = *id;
    }
    for (const XmlNode &c : root.children) {
        if (c.name == u"link") {
            f.link = c.text.trimmed();
        } else if (c.name == u"accessRightID") {
            f.accessRightID = c.text.trimmed();
        } else if (c.name == u"searchStrings") {
            f.searchStrings = c.select(u"searchString");
        } else if (c.name == u"expirationTime") {
            auto t = repr::dateTimeOf(c);
            if (!t) {
                return fail(t.error());
            }
            f.expirationTime = *t;
        } else if (c.name.endsWith(u"Reference")) {
            return fail(
                Error::Kind::Parse,
                QStringLiteral("<%1> is set by the NSCL and cannot be written").arg(c.name));
        } else {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> is not an element of <%2>").arg(c.name, root.name));
        }
    }
    return f;
}

/// Where the ...AnncCollection listings go in a collection's representation: after the last
/// of these elements that is present (the schemas' sequence order).
int listingPosition(const XmlNode &root, const QString &listing) {
    static const QStringList order = {
        QStringLiteral("accessRightID"),
        QStringLiteral("creationTime"),
        QStringLiteral("lastModifiedTime"),
        QStringLiteral("applicationCollection"),
        QStringLiteral("applicationAnncCollection"),
        QStringLiteral("containerCollection"),
        QStringLiteral("containerAnncCollection"),
        QStringLiteral("locationContainerCollection"),
        QStringLiteral("locationContainerAnncCollection"),
        QStringLiteral("groupCollection"),
        QStringLiteral("groupAnncCollection"),
        QStringLiteral("accessRightCollection"),
        QStringLiteral("accessRightAnncCollection"),
    };
    const qsizetype rank = order.indexOf(listing);
    int at = 0;
    for (int i = 0; i < root.children.size(); ++i) {
        const qsizetype r = order.indexOf(root.children[i].name);
        if (r >= 0 && r < rank) {
            at = i + 1;
        }
    }
    return at;
}

} // namespace

QString anncElement(AnncKind kind) {
    return QLatin1String(info(kind).element);
}

std::optional<AnncKind> anncKindOf(QStringView element) {
    for (const KindInfo &k : kKinds) {
        if (element == QLatin1String(k.element)) {
            return k.kind;
        }
    }
    return std::nullopt;
}

QString anncCollection(AnncKind kind) {
    return QLatin1String(info(kind).collection);
}

AnnouncedStore::AnnouncedStore(const Clock &clock, const QSet<QString> &faults,
                               std::shared_ptr<mid::XsdValidator> validator)
    : m_clock(clock)
    , m_faults(faults)
    , m_validator(std::move(validator)) {}

const Announced *AnnouncedStore::find(const QString &collection, const QString &id) const {
    const auto c = m_collections.constFind(collection);
    if (c == m_collections.cend()) {
        return nullptr;
    }
    const auto it = c->items.constFind(id);
    return it == c->items.cend() ? nullptr : &*it;
}

mid::Response AnnouncedStore::create(const mid::Request &request, const QString &collection,
                                     AnncKind kind,
                                     const std::function<bool(const QString &)> &taken) {
    const QString element = anncElement(kind);
    // Under the fault the schemas are not applied either: they would refuse the missing link.
    auto fields = repr::decodeRequest(
        request, element, fault("annc-link-unchecked") ? nullptr : m_validator.get(), decodeAnnc);
    if (!fields) {
        return fields.error();
    }
    if (!fields->link || fields->link->isEmpty()) {
        if (!fault("annc-link-unchecked")) {
            return repr::badRequest(
                QStringLiteral("a <%1> needs the link to the resource it announces").arg(element));
        }
        fields->link = QString();
    }
    Collection &c = m_collections[collection];
    const QDateTime now = m_clock.now();
    QString id = fields->id;
    const auto inUse = [&](const QString &name) { return c.items.contains(name) || taken(name); };
    if (auto refused = repr::checkNewResource(id, element, c.nextName, inUse,
                                              fields->expirationTime, now, collection)) {
        return *refused;
    }
    Announced a;
    a.kind = kind;
    a.id = id;
    a.link = *fields->link;
    a.accessRightID = fields->accessRightID.value_or(QString());
    a.searchStrings = fields->searchStrings;
    a.expirationTime = fields->expirationTime.value_or(QDateTime());
    a.creationTime = now;
    a.lastModifiedTime = now;
    c.items.insert(id, a);
    return repr::created(representation(collection, a), collection + u'/' + id);
}

mid::Response AnnouncedStore::handle(const mid::Request &request, const QString &collection,
                                     const QString &id) {
    auto c = m_collections.find(collection);
    if (c == m_collections.end() || !c->items.contains(id)) {
        return errorResponse(
            StatusCode::NotFound,
            QStringLiteral("no announced resource '%1' in %2").arg(id, collection));
    }
    Announced &a = c->items[id];
    switch (request.method) {
    case Method::Retrieve: return representation(collection, a);
    case Method::Update: return update(request, collection, a);
    case Method::Delete:
        if (!fault("annc-deannounce-ignored")) {
            c->items.remove(id);
        }
        return repr::okEmpty();
    default: return repr::notAllowed(request, u'<' + anncElement(a.kind) + u'>');
    }
}

mid::Response AnnouncedStore::update(const mid::Request &request, const QString &collection,
                                     Announced &a) {
    const QString element = anncElement(a.kind);
    auto fields = repr::decodeRequest(request, element, nullptr, decodeAnnc);
    if (!fields) {
        return fields.error();
    }
    const QDateTime now = m_clock.now();
    if (auto refused = repr::checkUpdate(fields->id, a.id, fields->expirationTime, now,
                                         u'<' + element + u'>')) {
        return *refused;
    }
    if (fields->link && *fields->link != a.link) {
        return repr::badRequest(
            QStringLiteral("the link of <%1> is fixed when it is announced").arg(element));
    }
    if (fault("annc-update-ignored")) {
        return representation(collection, a);
    }
    if (fields->accessRightID) {
        a.accessRightID = *fields->accessRightID;
    }
    if (fields->searchStrings) {
        a.searchStrings = fields->searchStrings;
    }
    if (fields->expirationTime) {
        a.expirationTime = *fields->expirationTime;
    }
    a.lastModifiedTime = now;
    return representation(collection, a);
}

mid::Response AnnouncedStore::representation(const QString &collection, const Announced &a) const {
    XmlNode root = mid::m2mElement(anncElement(a.kind));
    root.attributes.append(
        {a.kind == AnncKind::Application ? QString() : QLatin1String(mid::kM2mNamespace),
         QStringLiteral("id"), a.id});
    root.children.append(mid::m2mElement(QStringLiteral("link"), a.link));
    if (!a.accessRightID.isEmpty()) {
        root.children.append(mid::m2mElement(QStringLiteral("accessRightID"), a.accessRightID));
    }
    if (a.searchStrings) {
        root.children.append(repr::listOf(QStringLiteral("searchStrings"),
                                          QStringLiteral("searchString"), *a.searchStrings));
    }
    repr::addTime(root, QStringLiteral("expirationTime"), a.expirationTime);
    if (a.kind == AnncKind::Application) {
        const QString path = collection + u'/' + a.id;
        for (const char *sub : {"containers", "groups", "accessRights"}) {
            root.children.append(mid::m2mElement(QLatin1String(sub) + QStringLiteral("Reference"),
                                                 path + u'/' + QLatin1String(sub)));
        }
    }
    return repr::xml(StatusCode::Ok, root);
}

void AnnouncedStore::addListing(const QString &collection, const QString &root,
                                mid::Response &r) const {
    if (r.status != StatusCode::Ok || r.body.isEmpty()) {
        return;
    }
    auto doc = mid::parseXml(r.body);
    if (!doc || doc->name != root) {
        return;
    }
    for (const KindInfo &k : kKinds) {
        if (root != QLatin1String(k.collection)) {
            continue;
        }
        const QString listing = QLatin1String(k.listing);
        QStringList shown = ids(collection, k.kind);
        if (fault("annc-not-listed")) {
            shown.clear();
        }
        doc->children.insert(listingPosition(*doc, listing),
                             repr::namedReferences(listing, collection, shown));
    }
    r.body = mid::writeXml(*doc);
}

QStringList AnnouncedStore::ids(const QString &collection, AnncKind kind) const {
    QStringList out;
    const auto c = m_collections.constFind(collection);
    if (c == m_collections.cend()) {
        return out;
    }
    for (auto it = c->items.cbegin(); it != c->items.cend(); ++it) {
        if (it->kind == kind) {
            out.append(it.key());
        }
    }
    return out;
}

void AnnouncedStore::removeBelow(const QString &prefix) {
    for (auto it = m_collections.begin(); it != m_collections.end();) {
        if (it.key() == prefix || it.key().startsWith(prefix + u'/')) {
            it = m_collections.erase(it);
        } else {
            ++it;
        }
    }
}

QStringList AnnouncedStore::purge() {
    QStringList goneHosts;
    if (fault("annc-expired-served")) {
        return goneHosts;
    }
    const QDateTime now = m_clock.now();
    for (auto c = m_collections.begin(); c != m_collections.end(); ++c) {
        for (auto it = c->items.begin(); it != c->items.end();) {
            if (it->expirationTime.isValid() && it->expirationTime <= now) {
                if (it->kind == AnncKind::Application) {
                    goneHosts.append(c.key() + u'/' + it.key());
                }
                it = c->items.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const QString &host : goneHosts) {
        removeBelow(host);
    }
    return goneHosts;
}

QList<DiscoverableResource> AnnouncedStore::discoverable() const {
    QList<DiscoverableResource> out;
    for (auto c = m_collections.cbegin(); c != m_collections.cend(); ++c) {
        for (auto it = c->items.cbegin(); it != c->items.cend(); ++it) {
            out.append({c.key() + u'/' + it.key(), it->searchStrings.value_or(QStringList()),
                        it->creationTime});
        }
    }
    return out;
}

QString AnnouncedStore::declaredAccessRightID(const QString &collection, const QString &id) const {
    const Announced *a = find(collection, id);
    return a ? a->accessRightID : QString();
}

} // namespace m2mbench::nodes
