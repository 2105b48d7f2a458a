// SPDX-License-Identifier: Apache-2.0
#pragma once

// The shape the reference NSCL's per-host collections share (<accessRights>, <groups>): each
// host (the <sclBase>, an <scl>, an <application>) has one collection with its own
// accessRightID, times and named items; items expire by expirationTime and go with their host.

#include "core/common/clock.h"
#include "core/nodes/nscl/nscl_representation.h"

#include <QMap>
#include <QStringList>

namespace m2mbench::nodes {

template<typename T>
class HostedCollections {
public:
    struct Host {
        QDateTime creationTime;
        QDateTime lastModifiedTime;
        QString accessRightID;
        QMap<QString, T> items;
        quint64 nextName = 1;
    };

    explicit HostedCollections(const Clock &clock)
        : m_clock(clock) {}

    /// The host's collection, made on first use.
    Host &host(const QString &path) {
        auto it = m_hosts.find(path);
        if (it == m_hosts.end()) {
            Host h;
            h.creationTime = m_clock.now();
            h.lastModifiedTime = h.creationTime;
            it = m_hosts.insert(path, h);
        }
        return *it;
    }
    [[nodiscard]] const Host *findHost(const QString &path) const {
        const auto it = m_hosts.constFind(path);
        return it == m_hosts.cend() ? nullptr : &*it;
    }
    [[nodiscard]] const T *find(const QString &hostPath, const QString &id) const {
        const Host *h = findHost(hostPath);
        if (!h) {
            return nullptr;
        }
        const auto it = h->items.constFind(id);
        return it == h->items.cend() ? nullptr : &*it;
    }
    [[nodiscard]] QStringList ids(const QString &hostPath) const {
        const Host *h = findHost(hostPath);
        return h ? h->items.keys() : QStringList();
    }
    void removeHost(const QString &hostPath) { m_hosts.remove(hostPath); }
    /// Removes the items past their expirationTime.
    void purge() {
        const QDateTime now = m_clock.now();
        for (Host &h : m_hosts) {
            for (auto it = h.items.begin(); it != h.items.end();) {
                if (it->expirationTime.isValid() && it->expirationTime <= now) {
                    it = h.items.erase(it);
                    h.lastModifiedTime = now;
                } else {
                    ++it;
                }
            }
        }
    }
    /// An UPDATE of the collection itself (`root`: "accessRights", "groups"), which may set its
    /// accessRightID and nothing else. Nullopt when done; else the refusal to answer.
    std::optional<mid::Response> updateCollection(const mid::Request &request, const QString &root,
                                                  const mid::XsdValidator *validator, Host &h) {
        auto fields = repr::decodeRequest(
            request, root, validator,
            [&root](const mid::XmlNode &doc) -> Result<std::optional<QString>> {
                for (const mid::XmlNode &c : doc.children) {
                    if (c.name != u"accessRightID") {
                        return fail(
                            Error::Kind::Parse,
                            QStringLiteral("<%1> of <%2> cannot be updated").arg(c.name, root));
                    }
                }
                const mid::XmlNode *a = doc.child(u"accessRightID");
                return a ? std::optional<QString>(a->text.trimmed()) : std::nullopt;
            });
        if (!fields) {
            return fields.error();
        }
        if (*fields) {
            h.accessRightID = **fields;
        }
        h.lastModifiedTime = m_clock.now();
        return std::nullopt;
    }
    /// Every item as HOST/`segment`/ID, for discovery.
    [[nodiscard]] QList<DiscoverableResource> discoverable(const QString &segment) const {
        QList<DiscoverableResource> out;
        for (auto h = m_hosts.cbegin(); h != m_hosts.cend(); ++h) {
            for (auto it = h->items.cbegin(); it != h->items.cend(); ++it) {
                out.append({h.key() + u'/' + segment + u'/' + it.key(),
                            it->searchStrings.value_or(QStringList()), it->creationTime});
            }
        }
        return out;
    }

private:
    const Clock &m_clock;
    QMap<QString, Host> m_hosts;
};

} // namespace m2mbench::nodes
