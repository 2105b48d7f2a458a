// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/trace.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <vector>

namespace m2mbench::gui {

/// Brings the events of a run's Trace to the GUI thread in batches.
///
/// Trace::appended is emitted on whichever thread appended; it reaches this object through a
/// queued connection and only arms a short timer, so that a burst of events costs one pull
/// (`Trace::since`) and one repaint instead of one per event. Also indexes which checks judged
/// which message, for the inspector.
class TraceFeed : public QObject {
    Q_OBJECT
public:
    /// Long enough to coalesce a burst, short enough to look live (about two frames).
    static constexpr int kCoalesceMs = 30;

    explicit TraceFeed(QObject *parent = nullptr);

    /// Follows `trace` from its first event (null to detach); emits reset() first.
    void setTrace(trace::Trace *trace);
    [[nodiscard]] trace::Trace *trace() const { return m_trace; }
    /// Pulls everything pending now, e.g. when a run has finished.
    void flush();
    [[nodiscard]] quint64 lastSeq() const { return m_lastSeq; }

    /// Sequence numbers of the Check events whose relatesTo is `messageSeq`, in order.
    [[nodiscard]] QList<quint64> checksOf(quint64 messageSeq) const {
        return m_checks.value(messageSeq);
    }

signals:
    void reset();
    /// A batch of new events, in sequence order; delivered on the GUI thread.
    void eventsArrived(const std::vector<m2mbench::trace::Event> &events);

private:
    void onAppended();
    /// Pulls at most one batch; returns whether more is waiting.
    bool pullBatch();

    QPointer<trace::Trace> m_trace;
    QMetaObject::Connection m_connection;
    QTimer m_timer;
    quint64 m_lastSeq = 0;
    QHash<quint64, QList<quint64>> m_checks;
};

} // namespace m2mbench::gui
