// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_subscriptions.h"

#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"

#include <QUrl>

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;
using mid::XmlNode;

namespace {

/// The attributes a <subscription> representation sets; null members were absent.
struct SubscriptionFields {
    QString id;
    std::optional<QDateTime> expirationTime;
    std::optional<qint64> minimalTime;
    std::optional<QString> delayTolerance;
    std::optional<XmlNode> filterCriteria;
    QList<QPair<QString, QString>> criteria;
    std::optional<QString> subscriptionType;
    std::optional<QString> contact;
};

Result<void> checkContact(const QString &contact) {
    const QUrl url(contact, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        !(scheme == u"http" || scheme == u"https" || scheme == u"coap" || scheme == u"coaps")) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("contact '%1' is not an absolute http, https, coap or coaps "
                                   "URI the NSCL could send notifications to")
                        .arg(contact));
    }
    return {};
}

/// The criteria of FilterCriteriaType (common.xsd) and of its extension
/// ContentInstanceFilterCriteriaType (contentInstances.xsd), local elements.
bool isCriterion(const QString &name) {
    static const QSet<QString> known = {
        QStringLiteral("ifModifiedSince"),  QStringLiteral("ifUnmodifiedSince"),
        QStringLiteral("ifMatch"),          QStringLiteral("ifNoneMatch"),
        QStringLiteral("creator"),          QStringLiteral("searchString"),
        QStringLiteral("createdSince"),     QStringLiteral("createdUntil"),
        QStringLiteral("sizeFrom"),         QStringLiteral("sizeUntil"),
        QStringLiteral("contentType"),      QStringLiteral("metaDataOnly"),
        QStringLiteral("attributeAccessor")};
    return known.contains(name);
}

Result<QList<QPair<QString, QString>>> criteriaOf(const XmlNode &filter) {
    QList<QPair<QString, QString>> out;
    for (const XmlNode &c : filter.children) {
        if (!isCriterion(c.name) || !c.children.isEmpty()) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> is not a filter criterion of FilterCriteriaType or "
                                       "ContentInstanceFilterCriteriaType")
                            .arg(c.name));
        }
        out.append({c.name, c.text.trimmed()});
    }
    return out;
}

Result<SubscriptionFields> decodeSubscription(const XmlNode &root) {
    // filterCriteria's children are local elements: only the first level must be m2m.
    auto id = repr::checkedRoot(root);
    if (!id) {
        return fail(id.error());
    }
    SubscriptionFields f;
    f.id = *id;
    for (const XmlNode &c : root.children) {
        if (c.name == u"expirationTime") {
            auto t = repr::dateTimeOf(c);
            if (!t) {
                return fail(t.error());
            }
            f.expirationTime = *t;
        } else if (c.name == u"minimalTimeBetweenNotifications") {
            bool ok = false;
            const qint64 ms = c.text.trimmed().toLongLong(&ok);
            if (!ok || ms < 0) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("minimalTimeBetweenNotifications must be a "
                                           "non-negative number of milliseconds, got '%1'")
                                .arg(c.text));
            }
            f.minimalTime = ms;
        } else if (c.name == u"delayTolerance") {
            if (!mid::parseDateTime(c.text)) {
                return fail(
                    Error::Kind::Parse,
                    QStringLiteral("delayTolerance '%1' is not an xs:dateTime").arg(c.text));
            }
            f.delayTolerance = c.text.trimmed();
        } else if (c.name == u"filterCriteria") {
            auto criteria = criteriaOf(c);
            if (!criteria) {
                return fail(criteria.error());
            }
            f.filterCriteria = c;
            f.criteria = *criteria;
        } else if (c.name == u"subscriptionType") {
            const QString t = c.text.trimmed();
            if (t != u"ASYNCHRONOUS" && t != u"SYNCHRONOUS") {
                return fail(Error::Kind::Parse,
                            QStringLiteral("subscriptionType '%1' is not ASYNCHRONOUS or "
                                           "SYNCHRONOUS")
                                .arg(t));
            }
            f.subscriptionType = t;
        } else if (c.name == u"contact") {
            if (auto ok = checkContact(c.text.trimmed()); !ok) {
                return fail(ok.error());
            }
            f.contact = c.text.trimmed();
        } else if (c.name == u"creationTime" || c.name == u"lastModifiedTime") {
            return fail(Error::Kind::Parse,
                        QStringLiteral("%1 is set by the NSCL and cannot be written").arg(c.name));
        } else {
            return fail(Error::Kind::Parse,
                        QStringLiteral("<%1> is not an element of <subscription>").arg(c.name));
        }
    }
    if (f.minimalTime && f.delayTolerance) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("minimalTimeBetweenNotifications and delayTolerance exclude "
                                   "each other"));
    }
    return f;
}

XmlNode encodeSubscription(const Subscription &s) {
    XmlNode root = mid::m2mElement(QStringLiteral("subscription"));
    root.attributes.append({QLatin1String(mid::kM2mNamespace), QStringLiteral("id"), s.id});
    repr::addTime(root, QStringLiteral("expirationTime"), s.expirationTime);
    if (s.minimalTimeBetweenNotifications) {
        root.children.append(mid::m2mElement(QStringLiteral("minimalTimeBetweenNotifications"),
                                             QString::number(*s.minimalTimeBetweenNotifications)));
    } else if (!s.delayTolerance.isEmpty()) {
        root.children.append(mid::m2mElement(QStringLiteral("delayTolerance"), s.delayTolerance));
    }
    repr::addTime(root, QStringLiteral("creationTime"), s.creationTime);
    repr::addTime(root, QStringLiteral("lastModifiedTime"), s.lastModifiedTime);
    if (s.filterCriteria) {
        root.children.append(*s.filterCriteria);
    }
    if (!s.subscriptionType.isEmpty()) {
        root.children.append(
            mid::m2mElement(QStringLiteral("subscriptionType"), s.subscriptionType));
    }
    root.children.append(mid::m2mElement(QStringLiteral("contact"), s.contact));
    return root;
}

} // namespace

QByteArray encodeNotify(StatusCode status, const QByteArray &representation, const QString &,
                        const QString &subscriptionReference) {
    // notify.xsd declares representation and subscriptionReference locally: unqualified.
    XmlNode root = mid::m2mElement(QStringLiteral("notify"));
    root.children.append(mid::m2mElement(QStringLiteral("statusCode"), mid::statusName(status)));
    if (!representation.isEmpty()) {
        root.children.append(mid::localElement(QStringLiteral("representation"),
                                               QString::fromLatin1(representation.toBase64())));
    }
    root.children.append(
        mid::localElement(QStringLiteral("subscriptionReference"), subscriptionReference));
    return mid::writeXml(root);
}

SubscriptionStore::SubscriptionStore(const Clock &clock, const QSet<QString> &faults,
                                     std::shared_ptr<mid::XsdValidator> validator)
    : m_clock(clock)
    , m_faults(faults)
    , m_validator(std::move(validator)) {}

QStringList SubscriptionStore::subscriptionIds(const QString &resource) const {
    return m_byResource.value(resource).keys();
}

void SubscriptionStore::purge() {
    if (fault("subscription-expired-notified")) {
        return;
    }
    const QDateTime now = m_clock.now();
    for (auto r = m_byResource.begin(); r != m_byResource.end();) {
        for (auto it = r->begin(); it != r->end();) {
            it = it->expirationTime.isValid() && it->expirationTime <= now ? r->erase(it) : ++it;
        }
        r = r->isEmpty() ? m_byResource.erase(r) : ++r;
    }
}

void SubscriptionStore::removeBelow(const QString &resource) {
    for (auto r = m_byResource.begin(); r != m_byResource.end();) {
        const bool below = r.key() == resource || r.key().startsWith(resource + u'/');
        r = below ? m_byResource.erase(r) : ++r;
    }
}

QList<std::pair<QString, Subscription>>
SubscriptionStore::toNotify(const QString &resource,
                            const std::function<bool(const Subscription &)> &wanted) {
    QList<std::pair<QString, Subscription>> out;
    if (fault("notification-not-sent")) {
        return out;
    }
    purge();
    auto r = m_byResource.find(resource);
    if (r == m_byResource.end()) {
        return out;
    }
    const QDateTime now = m_clock.now();
    for (auto it = r->begin(); it != r->end(); ++it) {
        if (it->minimalTimeBetweenNotifications && !fault("subscription-min-time-ignored") &&
            it->lastNotified.isValid() &&
            it->lastNotified.msecsTo(now) < *it->minimalTimeBetweenNotifications) {
            continue; // notified too recently: this change is not sent
        }
        if (wanted && !wanted(*it)) {
            continue; // its filter criteria do not select this change
        }
        it->lastNotified = now;
        out.append({resource + QStringLiteral("/subscriptions/") + it.key(), *it});
    }
    return out;
}

mid::Response SubscriptionStore::handle(const mid::Request &request, const QString &resource,
                                        const QString &rest) {
    const QString collection = resource + QStringLiteral("/subscriptions");
    if (rest.isEmpty()) {
        switch (request.method) {
        case Method::Retrieve: {
            XmlNode root = mid::m2mElement(QStringLiteral("subscriptions"));
            root.children.append(repr::namedReferences(QStringLiteral("subscriptionCollection"),
                                                       collection,
                                                       m_byResource.value(resource).keys()));
            return repr::xml(StatusCode::Ok, root);
        }
        case Method::Create: return create(request, resource);
        default: return repr::notAllowed(request, QStringLiteral("<subscriptions>"));
        }
    }
    const QString id = rest.mid(1);
    auto r = m_byResource.find(resource);
    if (r == m_byResource.end() || !r->contains(id) || id.contains(u'/')) {
        return errorResponse(StatusCode::NotFound,
                             QStringLiteral("no subscription '%1' in %2").arg(id, collection));
    }
    Subscription &s = (*r)[id];
    switch (request.method) {
    case Method::Retrieve: return repr::xml(StatusCode::Ok, encodeSubscription(s));
    case Method::Update: return update(request, resource, s);
    case Method::Delete:
        if (!fault("subscription-delete-ignored")) {
            r->remove(id);
            if (r->isEmpty()) {
                m_byResource.erase(r);
            }
        }
        return repr::okEmpty();
    default: return repr::notAllowed(request, QStringLiteral("<subscription>"));
    }
}

mid::Response SubscriptionStore::create(const mid::Request &request, const QString &resource) {
    auto f = repr::decodeRequest(request, QStringLiteral("subscription"), m_validator.get(),
                                 decodeSubscription);
    if (!f) {
        return f.error();
    }
    if (!f->contact) {
        return repr::badRequest(
            QStringLiteral("a <subscription> needs the contact that notifications go to"));
    }
    if (!f->criteria.isEmpty() && m_criteriaCheck) {
        if (auto refused = m_criteriaCheck(resource, f->criteria)) {
            return *refused;
        }
    }
    QMap<QString, Subscription> &subs = m_byResource[resource];
    if (auto refused = repr::checkNewResource(
            f->id, QStringLiteral("subscription"), m_nextName,
            [&subs](const QString &id) { return subs.contains(id); }, f->expirationTime,
            m_clock.now(), resource + QStringLiteral("/subscriptions"))) {
        if (subs.isEmpty()) {
            m_byResource.remove(resource);
        }
        return *refused;
    }
    const QDateTime now = m_clock.now();
    Subscription s;
    s.id = f->id;
    s.expirationTime = f->expirationTime.value_or(QDateTime());
    s.minimalTimeBetweenNotifications = f->minimalTime;
    s.delayTolerance = f->delayTolerance.value_or(QString());
    s.filterCriteria = f->filterCriteria;
    s.criteria = f->criteria;
    s.subscriptionType = f->subscriptionType.value_or(QString());
    s.contact = *f->contact;
    s.creationTime = now;
    s.lastModifiedTime = now;
    subs.insert(s.id, s);
    mid::Response r = repr::xml(StatusCode::Created, encodeSubscription(s));
    r.location = resource + QStringLiteral("/subscriptions/") + s.id;
    return r;
}

mid::Response SubscriptionStore::update(const mid::Request &request, const QString &resource,
                                        Subscription &stored) {
    auto f = repr::decodeRequest(request, QStringLiteral("subscription"), m_validator.get(),
                                 decodeSubscription);
    if (!f) {
        return f.error();
    }
    if (!f->criteria.isEmpty() && m_criteriaCheck) {
        if (auto refused = m_criteriaCheck(resource, f->criteria)) {
            return *refused;
        }
    }
    const QDateTime now = m_clock.now();
    if (auto refused = repr::checkUpdate(f->id, stored.id, f->expirationTime, now,
                                         QStringLiteral("a subscription"))) {
        return *refused;
    }
    if (f->expirationTime) {
        stored.expirationTime = *f->expirationTime;
    }
    if (f->minimalTime) {
        stored.minimalTimeBetweenNotifications = f->minimalTime;
        stored.delayTolerance.clear();
    }
    if (f->delayTolerance) {
        stored.delayTolerance = *f->delayTolerance;
        stored.minimalTimeBetweenNotifications.reset();
    }
    if (f->filterCriteria) {
        stored.filterCriteria = f->filterCriteria;
        stored.criteria = f->criteria;
    }
    if (f->subscriptionType) {
        stored.subscriptionType = *f->subscriptionType;
    }
    if (f->contact) {
        stored.contact = *f->contact;
    }
    stored.lastModifiedTime = now;
    return repr::xml(StatusCode::Ok, encodeSubscription(stored));
}

} // namespace m2mbench::nodes
