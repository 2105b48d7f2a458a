// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/pana/pana_session.h"

#include <cmath>

namespace m2mbench::pana {

namespace {

constexpr qint64 kNsPerMs = 1000000;

} // namespace

SessionCore::SessionCore(SessionConfig config, Hooks hooks, const Clock &clock,
                         RandomSource &random)
    : m_config(std::move(config))
    , m_hooks(std::move(hooks))
    , m_clock(clock)
    , m_random(random) {
    // A random initial sequence number (RFC 5191 section 5.1), never 0 which PCI uses.
    const QByteArray isn = m_random.bytes(4);
    m_nextTxSeq =
        std::max<quint32>(1, (quint32(quint8(isn[0])) << 24 | quint32(quint8(isn[1])) << 16 |
                              quint32(quint8(isn[2])) << 8 | quint8(isn[3])) >>
                                 1);
}

std::optional<qint64> SessionCore::deadlineNs() const {
    if (m_closed || m_faults.stall) {
        return std::nullopt;
    }
    std::optional<qint64> due;
    if (m_outstanding) {
        due = m_outstanding->dueNs;
    }
    if (m_expiresNs && (!due || *m_expiresNs < *due)) {
        due = m_expiresNs;
    }
    return due;
}

void SessionCore::onTimer() {
    if (m_closed || m_faults.stall) {
        return;
    }
    const qint64 now = m_clock.monotonicNs();
    if (m_expiresNs && now >= *m_expiresNs) {
        m_expiresNs.reset();
        lifetimeExpired();
        return;
    }
    if (!m_outstanding || now < m_outstanding->dueNs) {
        return;
    }
    Outstanding &o = *m_outstanding;
    const bool countDone = o.schedule.mrc > 0 && o.count >= o.schedule.mrc;
    const bool timeDone =
        o.schedule.mrdMs > 0 && now - o.firstSentNs >= o.schedule.mrdMs * kNsPerMs;
    if (countDone || timeDone) {
        const Message request = o.message;
        m_outstanding.reset();
        retransmissionsExhausted(request);
        return;
    }
    ++o.count;
    ++m_retransmissions;
    o.rtNs = nextRt(o.rtNs, o.schedule);
    o.dueNs = now + o.rtNs;
    note(QStringLiteral("retransmitting %1 seq=%2 (retransmission %3, next in %4 ms)")
             .arg(messageName(o.message))
             .arg(o.message.seq)
             .arg(o.count)
             .arg(o.rtNs / kNsPerMs));
    transmit(o.bytes, o.message);
}

qint64 SessionCore::jitter(qint64 ns) const {
    // RAND uniform in [-0.1, +0.1] (RFC 3315 section 14).
    const QByteArray r = m_random.bytes(2);
    const double unit = (quint16(quint8(r[0])) << 8 | quint8(r[1])) / 65535.0;
    return static_cast<qint64>(std::llround((unit * 0.2 - 0.1) * static_cast<double>(ns)));
}

qint64 SessionCore::nextRt(qint64 previousNs, const Retransmission &schedule) const {
    qint64 rt = previousNs == 0 ? schedule.irtMs * kNsPerMs + jitter(schedule.irtMs * kNsPerMs)
                                : 2 * previousNs + jitter(previousNs);
    if (schedule.mrtMs > 0 && rt > schedule.mrtMs * kNsPerMs) {
        rt = schedule.mrtMs * kNsPerMs + jitter(schedule.mrtMs * kNsPerMs);
    }
    return std::max<qint64>(rt, kNsPerMs);
}

bool SessionCore::resendLastRequest() {
    if (m_lastRequestBytes.isEmpty() || m_closed) {
        return false;
    }
    note(QStringLiteral("sending %1 seq=%2 again (duplicate)")
             .arg(messageName(m_lastRequest))
             .arg(m_lastRequest.seq));
    transmit(m_lastRequestBytes, m_lastRequest);
    return true;
}

void SessionCore::abandonRequest() {
    if (m_outstanding) {
        note(QStringLiteral("giving up on %1 seq=%2; its sequence number goes to the next request")
                 .arg(messageName(m_outstanding->message))
                 .arg(m_outstanding->message.seq));
        // The peer never accepted it (no answer): the next request must carry the number the
        // peer still expects (RFC 5191 section 5.2), as a genuine retransmission would.
        if (m_outstanding->message.type != MessageType::ClientInitiation) {
            m_nextTxSeq = m_outstanding->message.seq;
        }
        m_outstanding.reset();
    }
}

bool SessionCore::sendReplayedRequest(Message message) {
    if (m_lastRequestBytes.isEmpty() || m_closed) {
        return false;
    }
    message.flags |= Flag::Request;
    message.sessionId = m_sessionId;
    message.seq = m_lastRequest.seq;
    note(QStringLiteral("replaying sequence number %1 in a new %2")
             .arg(message.seq)
             .arg(messageName(message)));
    transmit(encodeOut(message), message);
    return true;
}

SessionCore::Admit SessionCore::admit(const QByteArray &raw, const Message &m, bool verifyAuth) {
    if (m_closed) {
        // The answer to the request that closed the session (a PTA) is lost as easily as any
        // other: a retransmission of that request still gets it.
        if (m.isRequest() && m_lastRxSeq == m.seq && !m_cachedAnswer.isEmpty()) {
            ++m_duplicates;
            transmit(m_cachedAnswer, m_cachedAnswerMessage);
            return Admit::Duplicate;
        }
        discard(m, QStringLiteral("the session is closed"));
        return Admit::Discard;
    }
    if (m_sessionId != 0 && m.sessionId != m_sessionId) {
        discard(m, QStringLiteral("Session Identifier 0x%1, this session is 0x%2")
                       .arg(m.sessionId, 0, 16)
                       .arg(m_sessionId, 0, 16));
        return Admit::Discard;
    }
    const bool keyed = verifyAuth && hasKey();
    if (keyed) {
        const AuthCheck check = checkAuth(raw, m, m_authKey.value);
        if (check != AuthCheck::Valid) {
            discard(m, QStringLiteral("AUTH %1 (%2)")
                           .arg(authCheckName(check), integrityName(m_integrity)));
            return Admit::Discard;
        }
    }
    if (!m.isRequest()) {
        if (!m_outstanding || m_outstanding->message.type != m.type ||
            m_outstanding->message.seq != m.seq) {
            discard(m, m_outstanding
                           ? QStringLiteral("it does not answer the outstanding %1 seq=%2")
                                 .arg(messageName(m_outstanding->message))
                                 .arg(m_outstanding->message.seq)
                           : QStringLiteral("no request is outstanding"));
            return Admit::Discard;
        }
        return Admit::Accept;
    }
    if (m_lastRxSeq && m.seq == *m_lastRxSeq) {
        ++m_duplicates;
        if (!m_cachedAnswer.isEmpty()) {
            note(QStringLiteral("%1 seq=%2 is a retransmission: answer resent from the cache")
                     .arg(messageName(m))
                     .arg(m.seq));
            transmit(m_cachedAnswer, m_cachedAnswerMessage);
        }
        return Admit::Duplicate;
    }
    if (m_lastRxSeq && m.seq != *m_lastRxSeq + 1) {
        discard(m, QStringLiteral("sequence number %1, expected %2 (or %3 for a retransmission)")
                       .arg(m.seq)
                       .arg(*m_lastRxSeq + 1)
                       .arg(*m_lastRxSeq));
        return Admit::Discard;
    }
    ++m_receivedRequests;
    if (m_faults.dropRequests.contains(m_receivedRequests)) {
        ++m_dropped;
        note(QStringLiteral("fault: dropping %1 seq=%2 as if lost").arg(messageName(m)).arg(m.seq));
        return Admit::Discard;
    }
    m_previousRxSeq = m_lastRxSeq;
    m_lastRxSeq = m.seq;
    m_cachedAnswer.clear();
    return Admit::Accept;
}

bool SessionCore::sendRequest(Message message, const Retransmission &schedule) {
    if (m_closed || m_faults.stall) {
        return false;
    }
    if (m_outstanding) {
        note(QStringLiteral("cannot send %1: %2 seq=%3 is still waiting for its answer")
                 .arg(messageName(message.type, true), messageName(m_outstanding->message))
                 .arg(m_outstanding->message.seq));
        return false;
    }
    if (message.type == MessageType::ClientInitiation) {
        message.flags &= ~Flag::Request;
        message.seq = 0;
        message.sessionId = 0;
    } else {
        message.flags |= Flag::Request;
        message.sessionId = m_sessionId;
        message.seq = m_nextTxSeq++;
    }
    Outstanding o;
    o.message = message;
    o.bytes = encodeOut(message);
    o.schedule = schedule;
    o.firstSentNs = m_clock.monotonicNs();
    o.rtNs = nextRt(0, schedule);
    o.dueNs = o.firstSentNs + o.rtNs;
    m_lastRequest = message;
    m_lastRequestBytes = o.bytes;
    m_outstanding = o;
    transmit(o.bytes, message);
    if (m_faults.duplicateNextRequest) {
        m_faults.duplicateNextRequest = false;
        note(QStringLiteral("fault: sending %1 seq=%2 twice")
                 .arg(messageName(message))
                 .arg(message.seq));
        transmit(o.bytes, message);
    }
    return true;
}

void SessionCore::revokeLastAdmission() {
    m_lastRxSeq = m_previousRxSeq;
    --m_receivedRequests;
}

QByteArray SessionCore::sendAnswer(const Message &request, Message answer) {
    if (m_faults.stall) {
        return {};
    }
    answer.type = request.type;
    answer.flags &= ~Flag::Request;
    answer.sessionId = m_sessionId;
    answer.seq = request.seq;
    m_cachedAnswer = encodeOut(answer);
    m_cachedAnswerMessage = answer;
    transmit(m_cachedAnswer, answer);
    return m_cachedAnswer;
}

void SessionCore::settleOutstanding() {
    m_outstanding.reset();
}

void SessionCore::discard(const Message &message, const QString &why) {
    ++m_discarded;
    m_lastDiscard = QStringLiteral("discarded %1 seq=%2: %3")
                        .arg(messageName(message))
                        .arg(message.seq)
                        .arg(why);
    note(m_lastDiscard);
    changed();
}

void SessionCore::note(const QString &text) const {
    if (m_hooks.note) {
        m_hooks.note(text);
    }
}

void SessionCore::changed() const {
    if (m_hooks.changed) {
        m_hooks.changed();
    }
}

void SessionCore::close(const QString &reason) {
    if (m_closed) {
        return;
    }
    m_closed = true;
    m_closeReason = reason;
    m_outstanding.reset();
    m_expiresNs.reset();
    note(QStringLiteral("session closed: ") + reason);
    changed();
}

void SessionCore::setAlgorithms(quint32 prf, quint32 integrity) {
    m_prf = prf;
    m_integrity = integrity;
}

Result<crypto::NamedKey> SessionCore::deriveAuthKey(const crypto::NamedKey &msk,
                                                    quint32 keyId) const {
    auto record = derivePanaAuthKey(m_prf, m_integrity, msk,
                                    {m_initialPar, m_initialPan, m_pacNonce, m_paaNonce, keyId});
    if (m_hooks.recordKey) {
        return m_hooks.recordKey(std::move(record));
    }
    if (!record) {
        return fail(record.error());
    }
    return crypto::outputKey(*record);
}

void SessionCore::activateKey(crypto::NamedKey key, quint32 keyId) {
    m_authKey = std::move(key);
    m_keyId = keyId;
}

AuthCheck SessionCore::checkAuth(const QByteArray &raw, const Message &message,
                                 const SecureBytes &key) const {
    return verifyAuth(raw, message, m_integrity, key);
}

AuthCheck SessionCore::checkCurrentAuth(const QByteArray &raw, const Message &message) const {
    return verifyAuth(raw, message, m_integrity, m_authKey.value);
}

void SessionCore::setLifetime(quint32 seconds) {
    if (seconds == 0) {
        m_expiresNs.reset();
        return;
    }
    m_expiresNs = m_clock.monotonicNs() + qint64(seconds) * 1000 * kNsPerMs;
}

QByteArray SessionCore::freshNonce() const {
    return m_random.bytes(std::clamp(m_config.nonceLength, 8, 256));
}

QByteArray SessionCore::encodeOut(const Message &message) {
    if (!hasKey()) {
        return message.encode();
    }
    auto signedBytes = encodeSigned(message, m_integrity, m_authKey.value);
    if (!signedBytes) {
        note(QStringLiteral("cannot sign %1: %2")
                 .arg(messageName(message), signedBytes.error().message));
        return message.encode();
    }
    if (m_faults.corruptNextAuth) {
        m_faults.corruptNextAuth = false;
        (*signedBytes)[signedBytes->size() - 1] =
            static_cast<char>((*signedBytes)[signedBytes->size() - 1] ^ 0x01);
        note(QStringLiteral("fault: AUTH of %1 seq=%2 corrupted")
                 .arg(messageName(message))
                 .arg(message.seq));
    }
    return *signedBytes;
}

void SessionCore::transmit(const QByteArray &bytes, const Message &message) {
    if (m_hooks.send) {
        m_hooks.send(bytes, message);
    }
}

} // namespace m2mbench::pana
