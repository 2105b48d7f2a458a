// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_keys.h"

#include "core/common/hex.h"
#include "core/nodes/mas/mas_client.h"

#include <QMutexLocker>
#include <QRandomGenerator>

namespace m2mbench::nodes {

QString KmrDirectory::keyOf(const QByteArray &nodeId, quint32 index) {
    return toHex(nodeId) + QLatin1Char(':') + QString::number(index);
}

void KmrDirectory::provision(KmrEntry entry) {
    const QString k = keyOf(entry.nodeId, entry.index);
    m_local.insert(k, std::move(entry));
}

void KmrDirectory::revoke(const QByteArray &nodeId, quint32 index, const QString &reason) {
    m_revoked.insert(keyOf(nodeId, index), reason);
}

void KmrDirectory::setMas(MasClient *mas, int timeoutMs) {
    m_mas = mas;
    m_masTimeoutMs = timeoutMs;
}

void KmrDirectory::noteRecordId(const QByteArray &nodeId, quint32 index, const QString &recordId) {
    m_recordIds.insert(keyOf(nodeId, index), recordId);
}

QString KmrDirectory::recordIdOf(const QByteArray &nodeId, quint32 index) const {
    return m_recordIds.value(keyOf(nodeId, index));
}

void KmrDirectory::lookup(const tls::PskIdentity &id, std::function<void(KmrLookup)> done) {
    const QString k = keyOf(id.nodeId, id.index);
    KmrLookup r;
    if (m_revoked.contains(k)) {
        r.outcome = KmrLookup::Outcome::Revoked;
        r.reason = QStringLiteral("Kmr %1 is revoked: %2").arg(k, m_revoked.value(k));
        done(r);
        return;
    }
    if (auto it = m_local.constFind(k); it != m_local.constEnd()) {
        r.entry = *it;
        const bool expired = it->expiry.isValid() && it->expiry <= m_clock.now();
        r.outcome = expired ? KmrLookup::Outcome::Expired : KmrLookup::Outcome::Found;
        if (expired) {
            r.reason = QStringLiteral("Kmr %1 expired at %2")
                           .arg(k, it->expiry.toString(Qt::ISODateWithMs));
            r.entry.key.clear();
        }
        done(r);
        return;
    }
    if (!m_mas) {
        r.reason = QStringLiteral("no Kmr %1 is provisioned here and no MAS is configured").arg(k);
        done(r);
        return;
    }
    const QString origin = QStringLiteral("MAS %1:%2 over Diameter")
                               .arg(m_mas->config().host)
                               .arg(m_mas->config().port);
    const Clock *clock = &m_clock;
    m_mas->retrieve(
        id.nodeId, id.index, m_masTimeoutMs,
        [done, k, origin, clock, index = id.index](const MasAnswer &answer) {
            KmrLookup out;
            if (!answer.ok) {
                out.outcome = KmrLookup::Outcome::Unavailable;
                out.reason = QStringLiteral("the MAS did not answer for Kmr %1: %2")
                                 .arg(k, answer.errorMessage);
            } else if (answer.resultCode != 2001 || !answer.record ||
                       answer.record->key.isEmpty()) {
                const bool expired = answer.errorMessage.contains(QLatin1String("expired"));
                out.outcome = expired ? KmrLookup::Outcome::Expired : KmrLookup::Outcome::Unknown;
                out.reason = QStringLiteral("the MAS refused Kmr %1 (Result-Code %2): %3")
                                 .arg(k)
                                 .arg(answer.resultCode)
                                 .arg(answer.errorMessage);
            } else if (answer.record->expiry.isValid() && answer.record->expiry <= clock->now()) {
                out.outcome = KmrLookup::Outcome::Expired;
                out.reason = QStringLiteral("the MAS's Kmr %1 expired at %2")
                                 .arg(k, answer.record->expiry.toString(Qt::ISODate));
            } else {
                out.outcome = KmrLookup::Outcome::Found;
                const auto &rec = *answer.record;
                out.entry = KmrEntry{rec.nodeId, index, rec.key, rec.expiry, rec.sclId, origin, {}};
            }
            done(out);
        });
}

QString KmcStore::keyOf(const QByteArray &nodeId, quint32 index) {
    return toHex(nodeId) + QLatin1Char(':') + QString::number(index);
}

std::pair<quint32, quint64> KmcStore::allocate(const QByteArray &nodeId) {
    QMutexLocker lock(&m_mutex);
    if (m_nextConnectionId == 0) {
        // Connection ids of different NSCL runs should not collide in a lab's logs.
        m_nextConnectionId = (QRandomGenerator::system()->generate64() >> 16) | 1;
    }
    // Kmc indices start at a random point above 65535, so that a Kmc identity is never taken for
    // a Kmr identity (an MSBF numbers Kmr from 1 upwards) on a port that serves both.
    const quint32 last = m_lastIndex.value(nodeId, 0);
    const quint32 index = last >= kFirstKmcIndex
                              ? last + 1
                              : kFirstKmcIndex + QRandomGenerator::system()->bounded(1u << 20);
    m_lastIndex.insert(nodeId, index);
    return {index, m_nextConnectionId++};
}

void KmcStore::put(KmcEntry entry) {
    QMutexLocker lock(&m_mutex);
    if (entry.index > m_lastIndex.value(entry.nodeId, 0)) {
        m_lastIndex.insert(entry.nodeId, entry.index);
    }
    m_entries.insert(keyOf(entry.nodeId, entry.index), std::move(entry));
    evictLocked();
}

void KmcStore::evictLocked() {
    if (m_entries.size() <= m_max) {
        return;
    }
    const QDateTime now = m_clock.now();
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        it = it->expiry.isValid() && it->expiry <= now ? m_entries.erase(it) : std::next(it);
    }
    while (m_entries.size() > m_max) {
        auto oldest = m_entries.begin();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->expiry < oldest->expiry) {
                oldest = it;
            }
        }
        m_entries.erase(oldest);
    }
}

std::optional<KmcEntry> KmcStore::find(const QByteArray &nodeId, quint32 index) const {
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.constFind(keyOf(nodeId, index));
    return it == m_entries.constEnd() ? std::nullopt : std::optional<KmcEntry>(*it);
}

tls::PskLookup KmcStore::lookup(const QByteArray &identity) const {
    auto id = tls::PskIdentity::parse(identity);
    if (!id) {
        return {{}, id.error().message};
    }
    const auto entry = find(id->nodeId, id->index);
    if (!entry) {
        return {{},
                QStringLiteral("no Kmc %1 (no service connection gave it)")
                    .arg(QString::fromLatin1(identity))};
    }
    if (entry->expiry.isValid() && entry->expiry <= m_clock.now()) {
        return {{},
                QStringLiteral("Kmc %1 expired at %2: a new service connection is needed")
                    .arg(QString::fromLatin1(identity), entry->expiry.toString(Qt::ISODateWithMs))};
    }
    return {entry->key, {}};
}

bool KmcStore::shorten(const QByteArray &nodeId, quint32 index, const QDateTime &expiry) {
    QMutexLocker lock(&m_mutex);
    auto it = m_entries.find(keyOf(nodeId, index));
    if (it == m_entries.end()) {
        return false;
    }
    if (!it->expiry.isValid() || expiry < it->expiry) {
        it->expiry = expiry;
    }
    return true;
}

int KmcStore::size() const {
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_entries.size());
}

} // namespace m2mbench::nodes
