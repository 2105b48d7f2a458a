// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the PaC and the PAA share (RFC 5191 sections 4 and 5): the session identifier, the two
// sequence numbers, lock-step requests with retransmission timers (section 9, the RFC 3315
// algorithm), answers cached for retransmitted requests, and AUTH on every message once a
// PANA_AUTH_KEY exists. Sans I/O: the node gives datagrams and timer ticks in and sends what the
// `send` hook hands it, so that tests run PaC and PAA in one thread, even with a manual clock.

#include "core/common/clock.h"
#include "core/common/random.h"
#include "core/crypto/derivation.h"
#include "core/protocol/pana/pana_keys.h"
#include "core/protocol/pana/pana_message.h"

#include <functional>
#include <optional>

namespace m2mbench::pana {

/// One retransmission schedule (RFC 3315 section 14): initial and maximum timeout, maximum
/// count and maximum duration; 0 means "no limit" for mrc and mrdMs.
struct Retransmission {
    qint64 irtMs = 1000;
    qint64 mrtMs = 30000;
    int mrc = 10;
    qint64 mrdMs = 0;
};

/// RFC 5191 section 9 defaults: PCI_IRT 1 s, PCI_MRT 120 s, PCI_MRC 0, PCI_MRD 0, REQ_IRT 1 s,
/// REQ_MRT 30 s, REQ_MRC 10, REQ_MRD 0. Values are data (the profile and PIXIT may change them).
struct Timers {
    Retransmission pci{1000, 120000, 0, 0};
    Retransmission request{1000, 30000, 10, 0};
};

struct SessionConfig {
    /// PAA: what it offers in PAR[S], in order of preference. PaC: what it accepts.
    QList<quint32> prfAlgorithms{Prf::HmacSha1};
    QList<quint32> integrityAlgorithms{Integrity::HmacSha1_160};
    int nonceLength = 20;
    Timers timers;
    Limits limits;
    /// PAA: the Session-Lifetime it grants, seconds.
    quint32 sessionLifetimeSeconds = 3600;
    /// PaC: carry EAP Responses in the PAN (RFC 5191 section 4.3 piggybacking) rather than in
    /// PARs of its own.
    bool piggybackEap = true;
};

/// Deliberate misbehaviour, for a bench that tests how the other side copes.
struct Faults {
    /// Requests of the peer to drop as if lost, by their 1-based number among distinct requests.
    QList<int> dropRequests;
    /// Flip one bit of the AUTH value of the next signed message.
    bool corruptNextAuth = false;
    /// Send the next request twice (the peer must answer the copy from its answer cache).
    bool duplicateNextRequest = false;
    /// Answer nothing and send nothing more: a peer that stopped mid-handshake.
    bool stall = false;
};

struct Hooks {
    /// A datagram to send, with the message it encodes (for the trace).
    std::function<void(const QByteArray &bytes, const Message &message)> send;
    /// A note on what the session did or refused, for the trace: "discarded PAR seq=7: ...".
    std::function<void(const QString &note)> note;
    /// Records a key derivation (PANA_AUTH_KEY) and returns the key with its record id.
    std::function<Result<crypto::NamedKey>(Result<trace::KeyDerivation>)> recordKey;
    /// The session's state or result changed.
    std::function<void()> changed;
};

class SessionCore {
public:
    virtual ~SessionCore() = default;
    SessionCore(const SessionCore &) = delete;
    SessionCore &operator=(const SessionCore &) = delete;

    /// One UDP payload from the peer.
    virtual void receive(const QByteArray &datagram) = 0;
    /// When onTimer() wants to run next (monotonic ns of the clock), if at all.
    [[nodiscard]] std::optional<qint64> deadlineNs() const;
    /// Retransmits or gives up on the outstanding request; ends an expired session.
    void onTimer();

    [[nodiscard]] quint32 sessionId() const { return m_sessionId; }
    [[nodiscard]] bool isClosed() const { return m_closed; }
    [[nodiscard]] const QString &closeReason() const { return m_closeReason; }
    [[nodiscard]] bool hasKey() const { return !m_authKey.value.isEmpty(); }
    [[nodiscard]] quint32 keyId() const { return m_keyId; }
    [[nodiscard]] quint32 prf() const { return m_prf; }
    [[nodiscard]] quint32 integrity() const { return m_integrity; }
    /// A request of ours is waiting for its answer.
    [[nodiscard]] bool requestOutstanding() const { return m_outstanding.has_value(); }
    [[nodiscard]] int retransmissions() const { return m_retransmissions; }
    /// Requests of the peer dropped by Faults::dropRequests, discarded or answered from cache.
    [[nodiscard]] int droppedRequests() const { return m_dropped; }
    [[nodiscard]] int duplicateRequests() const { return m_duplicates; }
    [[nodiscard]] int discardedMessages() const { return m_discarded; }
    [[nodiscard]] const QString &lastDiscard() const { return m_lastDiscard; }

    Faults &faults() { return m_faults; }

    /// Sends our last request again, unchanged (as a retransmission would).
    bool resendLastRequest();
    /// Gives up on the outstanding request without failing the session, so that the next one
    /// can go (a bench that sent a request it expects to be ignored); the next request reuses
    /// its sequence number.
    void abandonRequest();
    /// Sends `message` as a request reusing the sequence number of our last request: a replay
    /// the peer must answer from its cache or discard, never process.
    bool sendReplayedRequest(Message message);

protected:
    SessionCore(SessionConfig config, Hooks hooks, const Clock &clock, RandomSource &random);

    enum class Admit { Accept, Duplicate, Discard };
    /// Applies the session-id, sequence-number and AUTH rules to a received message.
    /// `verifyAuth` false leaves AUTH to the caller (a PAR[C] signed with a key not derived yet).
    Admit admit(const QByteArray &raw, const Message &message, bool verifyAuth = true);

    /// Sends a request with our next sequence number, signed when a key exists; false when a
    /// request is still outstanding (PANA is lock-step).
    bool sendRequest(Message message, const Retransmission &schedule);
    /// Sends the answer to `request` (same sequence number), signed when a key exists, and
    /// caches it for retransmissions of that request; returns the bytes sent.
    QByteArray sendAnswer(const Message &request, Message answer);
    /// Undoes the last admission of a request (its AUTH turned out invalid once the key could be
    /// derived), so that a genuine retransmission is processed rather than taken for a copy.
    void revokeLastAdmission();
    /// The outstanding request was answered (or is otherwise settled).
    void settleOutstanding();
    /// Our last request exactly as sent (I_PAR is the PAR[S] on the wire).
    [[nodiscard]] const QByteArray &lastRequestBytes() const { return m_lastRequestBytes; }
    void discard(const Message &message, const QString &why);
    void note(const QString &text) const;
    void changed() const;
    void close(const QString &reason);

    void setSessionId(quint32 id) { m_sessionId = id; }
    void setAlgorithms(quint32 prf, quint32 integrity);
    /// Derives PANA_AUTH_KEY from the MSK and the session's inputs; does not activate it.
    Result<crypto::NamedKey> deriveAuthKey(const crypto::NamedKey &msk, quint32 keyId) const;
    void activateKey(crypto::NamedKey key, quint32 keyId);
    AuthCheck checkAuth(const QByteArray &raw, const Message &message,
                        const SecureBytes &key) const;
    /// AUTH under the key in use.
    AuthCheck checkCurrentAuth(const QByteArray &raw, const Message &message) const;
    /// Starts expiry of the session `seconds` from now (0: none).
    void setLifetime(quint32 seconds);
    virtual void lifetimeExpired() = 0;
    virtual void retransmissionsExhausted(const Message &request) = 0;
    QByteArray freshNonce() const;

    SessionConfig m_config;
    Hooks m_hooks;
    const Clock &m_clock;
    RandomSource &m_random;
    Faults m_faults;
    QByteArray m_initialPar; ///< I_PAR
    QByteArray m_initialPan; ///< I_PAN
    QByteArray m_pacNonce;
    QByteArray m_paaNonce;

private:
    struct Outstanding {
        Message message;
        QByteArray bytes;
        Retransmission schedule;
        qint64 firstSentNs = 0;
        qint64 rtNs = 0;
        qint64 dueNs = 0;
        int count = 0;
    };
    QByteArray encodeOut(const Message &message);
    void transmit(const QByteArray &bytes, const Message &message);
    qint64 jitter(qint64 ns) const;
    qint64 nextRt(qint64 previousNs, const Retransmission &schedule) const;

    quint32 m_sessionId = 0;
    quint32 m_nextTxSeq = 0;
    std::optional<quint32> m_lastRxSeq;
    std::optional<quint32> m_previousRxSeq;
    QByteArray m_cachedAnswer;
    Message m_cachedAnswerMessage;
    std::optional<Outstanding> m_outstanding;
    QByteArray m_lastRequestBytes;
    Message m_lastRequest;
    crypto::NamedKey m_authKey;
    quint32 m_keyId = 0;
    quint32 m_prf = Prf::HmacSha1;
    quint32 m_integrity = Integrity::HmacSha1_160;
    std::optional<qint64> m_expiresNs;
    bool m_closed = false;
    QString m_closeReason;
    int m_receivedRequests = 0;
    int m_retransmissions = 0;
    int m_dropped = 0;
    int m_duplicates = 0;
    int m_discarded = 0;
    QString m_lastDiscard;
};

} // namespace m2mbench::pana
