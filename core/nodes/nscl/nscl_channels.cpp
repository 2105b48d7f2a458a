// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_channels.h"

#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/mid/resources.h"

namespace m2mbench::nodes {

using mid::Method;
using mid::StatusCode;
using mid::XmlNode;

namespace {

constexpr char kCollection[] = "/notificationChannels";

Result<QString> decodeChannel(const XmlNode &root) {
    auto id = repr::checkedRoot(root);
    if (!id) {
        return fail(id.error());
    }
    for (const XmlNode &c : root.children) {
        if (c.name == u"channelType") {
            if (c.text.trimmed() != u"LONG_POLLING") {
                return fail(Error::Kind::Parse,
                            QStringLiteral("channelType '%1' is not LONG_POLLING, the one type of "
                                           "notificationChannel.xsd")
                                .arg(c.text.trimmed()));
            }
        } else {
            return fail(
                Error::Kind::Parse,
                QStringLiteral("<%1> of a <notificationChannel> is set by the NSCL").arg(c.name));
        }
    }
    return *id;
}

} // namespace

ChannelStore::ChannelStore(const Clock &clock, const QSet<QString> &faults,
                           std::shared_ptr<mid::XsdValidator> validator)
    : m_clock(clock)
    , m_faults(faults)
    , m_validator(std::move(validator)) {}

NotificationChannel *ChannelStore::find(const QString &path) {
    const qsizetype at = path.lastIndexOf(QLatin1String(kCollection) + u'/');
    if (at < 0) {
        return nullptr;
    }
    auto h = m_hosts.find(path.left(at));
    if (h == m_hosts.end()) {
        return nullptr;
    }
    auto it = h->items.find(path.mid(at + qsizetype(sizeof(kCollection))));
    return it == h->items.end() ? nullptr : &*it;
}

mid::Response ChannelStore::handle(const mid::Request &request, const QString &host,
                                   const QString &rest, const QString &authority, QString *waitOn) {
    auto hit = m_hosts.find(host);
    if (hit == m_hosts.end()) {
        Host h;
        h.creationTime = m_clock.now();
        h.lastModifiedTime = h.creationTime;
        hit = m_hosts.insert(host, h);
    }
    Host &h = *hit;
    const QString collection = host + QLatin1String(kCollection);
    if (rest.isEmpty()) {
        switch (request.method) {
        case Method::Retrieve: {
            XmlNode root = mid::m2mElement(QStringLiteral("notificationChannels"));
            repr::addTime(root, QStringLiteral("creationTime"), h.creationTime);
            repr::addTime(root, QStringLiteral("lastModifiedTime"), h.lastModifiedTime);
            root.children.append(repr::namedReferences(
                QStringLiteral("notificationChannelCollection"), collection, h.items.keys()));
            return repr::xml(StatusCode::Ok, root);
        }
        case Method::Create: {
            auto id = repr::decodeRequest(request, QStringLiteral("notificationChannel"),
                                          m_validator.get(), decodeChannel);
            if (!id) {
                return id.error();
            }
            QString name = *id;
            const QDateTime now = m_clock.now();
            if (auto refused = repr::checkNewResource(
                    name, QStringLiteral("channel"), h.nextName,
                    [&h](const QString &n) { return h.items.contains(n); }, std::nullopt, now,
                    collection)) {
                return *refused;
            }
            NotificationChannel c{name, now, now, {}, 0};
            h.items.insert(name, c);
            h.lastModifiedTime = now;
            return repr::created(representation(collection + u'/' + name, c, authority),
                                 collection + u'/' + name);
        }
        default: return repr::notAllowed(request, QStringLiteral("<notificationChannels>"));
        }
    }
    const auto [id, sub] = repr::itemPath(rest);
    auto it = h.items.find(id);
    if (it == h.items.end()) {
        const QString asked =
            sub.isEmpty() ? QString() : QStringLiteral(" (asked for its %1)").arg(sub);
        return errorResponse(
            StatusCode::NotFound,
            QStringLiteral("no notification channel '%1' in %2%3").arg(id, collection, asked));
    }
    const QString path = collection + u'/' + id;
    if (sub == u"longPollingURI") {
        if (request.method != Method::Retrieve) {
            return repr::notAllowed(request, QStringLiteral("a longPollingURI"));
        }
        if (auto r = take(path)) {
            return *r;
        }
        if (waitOn && !fault("long-poll-not-held")) {
            *waitOn = path;
            return {};
        }
        return errorResponse(StatusCode::RequestTimeout,
                             QStringLiteral("no notification is waiting in %1 (this binding does "
                                            "not hold a long poll: retry, or poll over HTTP)")
                                 .arg(path));
    }
    if (!sub.isEmpty()) {
        return errorResponse(
            StatusCode::NotFound,
            QStringLiteral("<notificationChannel> has no subresource '%1' (its contactURI is a "
                           "contact for subscriptions, not a resource)")
                .arg(sub));
    }
    switch (request.method) {
    case Method::Retrieve: return representation(path, *it, authority);
    case Method::Delete:
        h.items.erase(it);
        h.lastModifiedTime = m_clock.now();
        return repr::okEmpty();
    default: return repr::notAllowed(request, QStringLiteral("<notificationChannel>"));
    }
}

mid::Response ChannelStore::representation(const QString &path, const NotificationChannel &c,
                                           const QString &authority) const {
    XmlNode root = mid::m2mElement(QStringLiteral("notificationChannel"));
    root.attributes.append({QLatin1String(mid::kM2mNamespace), QStringLiteral("id"), c.id});
    root.children.append(
        mid::m2mElement(QStringLiteral("channelType"), QStringLiteral("LONG_POLLING")));
    root.children.append(mid::m2mElement(QStringLiteral("contactURI"),
                                         authority + path + QStringLiteral("/contactURI")));
    XmlNode data = mid::m2mElement(QStringLiteral("channelData"));
    data.attributes.append({QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"),
                            QStringLiteral("type"), QStringLiteral("m2m:LongPollingChannelData")});
    data.children.append(mid::m2mElement(QStringLiteral("longPollingURI"),
                                         authority + path + QStringLiteral("/longPollingURI")));
    root.children.append(data);
    repr::addTime(root, QStringLiteral("creationTime"), c.creationTime);
    repr::addTime(root, QStringLiteral("lastModifiedTime"), c.lastModifiedTime);
    return repr::xml(StatusCode::Ok, root);
}

bool ChannelStore::isContactPath(const QString &path) {
    if (!path.endsWith(u"/contactURI")) {
        return false;
    }
    const QString channel = path.chopped(11);
    const qsizetype at = channel.lastIndexOf(QLatin1String(kCollection) + u'/');
    return at >= 0 && !channel.mid(at + qsizetype(sizeof(kCollection))).contains(u'/');
}

QString ChannelStore::channelOfContact(const QString &contactPath) const {
    if (!isContactPath(contactPath)) {
        return {};
    }
    const QString path = contactPath.chopped(11);
    const qsizetype at = path.lastIndexOf(QLatin1String(kCollection) + u'/');
    if (at < 0) {
        return {};
    }
    const auto h = m_hosts.constFind(path.left(at));
    if (h == m_hosts.cend()) {
        return {};
    }
    return h->items.contains(path.mid(at + qsizetype(sizeof(kCollection)))) ? path : QString();
}

void ChannelStore::deliver(const QString &path, const QByteArray &notify) {
    NotificationChannel *c = find(path);
    if (!c || fault("channel-drops-notifications")) {
        return;
    }
    c->waiting.append(notify);
    while (c->waiting.size() > kChannelQueueLimit) {
        c->waiting.removeFirst();
        ++c->dropped;
    }
}

std::optional<mid::Response> ChannelStore::take(const QString &path) {
    NotificationChannel *c = find(path);
    if (!c || c->waiting.isEmpty()) {
        return std::nullopt;
    }
    mid::Response r;
    r.status = StatusCode::Ok;
    r.body = c->waiting.takeFirst();
    r.contentType = QStringLiteral("application/xml");
    return r;
}

void ChannelStore::removeHost(const QString &host) {
    m_hosts.remove(host);
}

QStringList ChannelStore::channelIds(const QString &host) const {
    const auto h = m_hosts.constFind(host);
    return h == m_hosts.cend() ? QStringList() : h->items.keys();
}

} // namespace m2mbench::nodes
