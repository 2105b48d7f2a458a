// SPDX-License-Identifier: Apache-2.0
#pragma once

// The NSCL's keys for the service connection: where it finds a D/G node's Kmr (at the MAS over
// Diameter, or in its own table of pre-provisioned keys when configured so), which Kmr are
// revoked, and the Kmc table that the mId sessions (TLS-PSK, DTLS-PSK) are keyed from.

#include "core/common/clock.h"
#include "core/common/secure_bytes.h"
#include "core/protocol/tls/psk_identity.h"
#include "core/protocol/tls/psk_session.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QPointer>

#include <functional>
#include <optional>

namespace m2mbench::nodes {

class MasClient;

/// A root key the NSCL may authenticate a node with.
struct KmrEntry {
    QByteArray nodeId; ///< 16 octets
    quint32 index = 0;
    SecureBytes key;
    QDateTime expiry; ///< invalid: no lifetime (pre-provisioned)
    QString sclId;    ///< the node's SCL-ID, when known
    QString origin;   ///< "pre-provisioned", "MAS mas.example over Diameter"
    QString recordId; ///< its derivation record in the NSCL's trace, once recorded
};

/// What a Kmr lookup came to.
struct KmrLookup {
    enum class Outcome { Found, Unknown, Expired, Revoked, Unavailable };
    Outcome outcome = Outcome::Unknown;
    QString reason; ///< for the trace and a verdict: why there is no key
    KmrEntry entry;
};

/// Where the NSCL finds Kmr. Lives on one thread (the NSCL's).
class KmrDirectory {
public:
    enum class Source { Mas, Local };

    explicit KmrDirectory(const Clock &clock = SystemClock::instance())
        : m_clock(clock) {}

    /// A pre-provisioned key (UICC-like, `serve nscl --kmr`), consulted first.
    void provision(KmrEntry entry);
    /// From now on the key is refused (revocation is the NSCL's own list).
    void revoke(const QByteArray &nodeId, quint32 index, const QString &reason);
    /// Asks this MAS for keys not provisioned here (null: no MAS).
    void setMas(MasClient *mas, int timeoutMs);
    [[nodiscard]] bool hasMas() const { return !m_mas.isNull(); }

    /// Answers on the calling thread, now or when the MAS answers.
    void lookup(const tls::PskIdentity &id, std::function<void(KmrLookup)> done);
    /// Remembers the record id of a key's derivation record, so that Kmc names it as parent.
    void noteRecordId(const QByteArray &nodeId, quint32 index, const QString &recordId);
    [[nodiscard]] QString recordIdOf(const QByteArray &nodeId, quint32 index) const;

private:
    static QString keyOf(const QByteArray &nodeId, quint32 index);

    const Clock &m_clock;
    QHash<QString, KmrEntry> m_local;
    QHash<QString, QString> m_revoked; ///< key -> reason
    QHash<QString, QString> m_recordIds;
    QPointer<MasClient> m_mas;
    int m_masTimeoutMs = 5000;
};

/// The lowest Kmc index the NSCL gives (above any Kmr index an MSBF hands out).
inline constexpr quint32 kFirstKmcIndex = 65536;

/// One Kmc the NSCL holds.
struct KmcEntry {
    QByteArray nodeId;
    quint32 index = 0;
    SecureBytes key;
    QDateTime expiry;
    quint64 connectionId = 0;
    QString sclId;
    quint16 midFlags = 0;
    QString recordId; ///< its derivation record (Kmr -> Kmc)
};

/// The NSCL's Kmc table, shared by its HTTPS-PSK and CoAPS front ends. Thread-safe, bounded.
class KmcStore {
public:
    explicit KmcStore(const Clock &clock = SystemClock::instance(), int maxEntries = 65536)
        : m_clock(clock)
        , m_max(maxEntries) {}

    /// The next Kmc index of a node (above every index it had) and a fresh connection id.
    std::pair<quint32, quint64> allocate(const QByteArray &nodeId);
    void put(KmcEntry entry);
    [[nodiscard]] std::optional<KmcEntry> find(const QByteArray &nodeId, quint32 index) const;
    /// The key for a mId session's PSK identity, or why there is none (unknown, expired).
    [[nodiscard]] tls::PskLookup lookup(const QByteArray &identity) const;
    /// Shortens (never extends) a Kmc's lifetime; false when unknown.
    bool shorten(const QByteArray &nodeId, quint32 index, const QDateTime &expiry);
    [[nodiscard]] int size() const;

private:
    static QString keyOf(const QByteArray &nodeId, quint32 index);
    void evictLocked();

    const Clock &m_clock;
    int m_max;
    mutable QMutex m_mutex;
    QHash<QString, KmcEntry> m_entries;
    QHash<QByteArray, quint32> m_lastIndex;
    quint64 m_nextConnectionId = 0;
};

} // namespace m2mbench::nodes
