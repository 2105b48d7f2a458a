// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/clock.h"
#include "core/trace/event.h"

#include <QMutex>
#include <QObject>

#include <deque>
#include <vector>

namespace m2mbench::trace {

/// Receives every event of a trace, in order, on the thread that appended it. Writers (journal,
/// report, CLI printer) observe; nodes never do.
class TraceObserver {
public:
    virtual ~TraceObserver() = default;
    virtual void onEvent(const Event &event) = 0;
};

/// The append-only, thread-safe event log of one run.
///
/// Synchronous observers see each event exactly once and in sequence order, even when several
/// threads append at once. Models on other threads (the GUI) connect to `appended` with a queued
/// connection and pull what is new with `since()`.
class Trace : public QObject {
    Q_OBJECT
public:
    explicit Trace(const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);
    ~Trace() override;

    /// Appends the event, stamps seq (and time when unset), notifies observers; returns seq.
    quint64 append(Event event);

    [[nodiscard]] quint64 size() const;
    /// A copy of event `seq` (1-based); a default Event when out of range.
    [[nodiscard]] Event at(quint64 seq) const;
    /// Copies of up to `max` events with seq > `afterSeq`.
    [[nodiscard]] std::vector<Event> since(quint64 afterSeq, qsizetype max = -1) const;

    /// Observers are not owned; remove before destroying them.
    void addObserver(TraceObserver *observer);
    void removeObserver(TraceObserver *observer);

    [[nodiscard]] QDateTime startTime() const { return m_startWall; }

    /// The test case and phase now running; append() stamps them on events that carry none,
    /// so that nodes need not know which test drives them.
    void setContext(const QString &testCaseId, const QString &phase);

signals:
    /// Emitted on the appending thread after observers ran.
    void appended(quint64 seq);

private:
    void deliverPending();

    const Clock &m_clock;
    const qint64 m_startNs;
    const QDateTime m_startWall;

    mutable QMutex m_storeMutex;
    std::deque<Event> m_events;
    QString m_testCaseId; // guarded by m_storeMutex
    QString m_phase;

    QMutex m_deliverMutex; // serialises delivery so observers see events in order
    quint64 m_delivered = 0;
    std::vector<TraceObserver *> m_observers; // guarded by m_deliverMutex
};

} // namespace m2mbench::trace
