// SPDX-License-Identifier: Apache-2.0
#include "core/trace/trace.h"

#include <QMutexLocker>

#include <algorithm>

namespace m2mbench::trace {

QString eventKindName(EventKind kind) {
    switch (kind) {
    case EventKind::MessageSent: return QStringLiteral("sent");
    case EventKind::MessageReceived: return QStringLiteral("received");
    case EventKind::Check: return QStringLiteral("check");
    case EventKind::Log: return QStringLiteral("log");
    case EventKind::KeyDerivation: return QStringLiteral("key");
    case EventKind::TestCaseStarted: return QStringLiteral("tc-start");
    case EventKind::TestCaseFinished: return QStringLiteral("tc-end");
    }
    return QStringLiteral("log");
}

Trace::Trace(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_startNs(clock.monotonicNs())
    , m_startWall(clock.now()) {}

Trace::~Trace() = default;

quint64 Trace::append(Event event) {
    quint64 seq = 0;
    {
        QMutexLocker lock(&m_storeMutex);
        seq = static_cast<quint64>(m_events.size()) + 1;
        event.seq = seq;
        if (event.timeNs == 0) {
            event.timeNs = m_clock.monotonicNs() - m_startNs;
        }
        if (!event.wallTime.isValid()) {
            event.wallTime = m_clock.now();
        }
        if (event.testCaseId.isEmpty()) {
            event.testCaseId = m_testCaseId;
        }
        if (event.phase.isEmpty()) {
            event.phase = m_phase;
        }
        m_events.push_back(std::move(event));
    }
    deliverPending();
    emit appended(seq);
    return seq;
}

void Trace::deliverPending() {
    QMutexLocker lock(&m_deliverMutex);
    if (m_observers.empty()) {
        QMutexLocker store(&m_storeMutex);
        m_delivered = m_events.size(); // nobody listens: nothing to hand out
        return;
    }
    for (;;) {
        const Event *next = nullptr;
        {
            QMutexLocker store(&m_storeMutex);
            if (m_delivered >= m_events.size()) {
                return;
            }
            // A deque keeps references to its elements valid across push_back, and events are
            // never changed or removed: observers get the stored event itself, uncopied.
            next = &m_events[m_delivered];
        }
        ++m_delivered;
        for (TraceObserver *observer : m_observers) {
            observer->onEvent(*next);
        }
    }
}

void Trace::setContext(const QString &testCaseId, const QString &phase) {
    QMutexLocker lock(&m_storeMutex);
    m_testCaseId = testCaseId;
    m_phase = phase;
}

quint64 Trace::size() const {
    QMutexLocker lock(&m_storeMutex);
    return m_events.size();
}

Event Trace::at(quint64 seq) const {
    QMutexLocker lock(&m_storeMutex);
    if (seq == 0 || seq > m_events.size()) {
        return {};
    }
    return m_events[seq - 1];
}

std::vector<Event> Trace::since(quint64 afterSeq, qsizetype max) const {
    QMutexLocker lock(&m_storeMutex);
    std::vector<Event> out;
    if (afterSeq >= m_events.size()) {
        return out;
    }
    auto count = static_cast<qsizetype>(m_events.size() - afterSeq);
    if (max >= 0) {
        count = std::min(count, max);
    }
    out.reserve(static_cast<std::size_t>(count));
    for (qsizetype i = 0; i < count; ++i) {
        out.push_back(m_events[afterSeq + static_cast<quint64>(i)]);
    }
    return out;
}

void Trace::addObserver(TraceObserver *observer) {
    QMutexLocker lock(&m_deliverMutex);
    m_observers.push_back(observer);
}

void Trace::removeObserver(TraceObserver *observer) {
    QMutexLocker lock(&m_deliverMutex);
    m_observers.erase(std::remove(m_observers.begin(), m_observers.end(), observer),
                      m_observers.end());
}

} // namespace m2mbench::trace
