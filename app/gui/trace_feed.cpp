// SPDX-License-Identifier: Apache-2.0
#include "app/gui/trace_feed.h"

namespace m2mbench::gui {

namespace {

/// Bounds the work of one timer tick so that a flood of events cannot freeze the window; the
/// rest follows on the next tick.
constexpr qsizetype kMaxBatch = 20000;

} // namespace

TraceFeed::TraceFeed(QObject *parent)
    : QObject(parent) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(kCoalesceMs);
    connect(&m_timer, &QTimer::timeout, this, &TraceFeed::pullBatch);
}

void TraceFeed::setTrace(trace::Trace *trace) {
    disconnect(m_connection);
    m_timer.stop();
    m_trace = trace;
    m_lastSeq = 0;
    m_checks.clear();
    emit reset();
    if (m_trace) {
        m_connection = connect(m_trace, &trace::Trace::appended, this, &TraceFeed::onAppended,
                               Qt::QueuedConnection);
        if (m_trace->size() > 0) {
            m_timer.start();
        }
    }
}

void TraceFeed::onAppended() {
    if (!m_timer.isActive()) {
        m_timer.start();
    }
}

void TraceFeed::flush() {
    while (pullBatch()) {
    }
}

bool TraceFeed::pullBatch() {
    m_timer.stop();
    if (!m_trace) {
        return false;
    }
    std::vector<trace::Event> events = m_trace->since(m_lastSeq, kMaxBatch);
    if (events.empty()) {
        return false;
    }
    m_lastSeq = events.back().seq;
    for (const trace::Event &e : events) {
        if (e.kind == trace::EventKind::Check && e.relatesTo != 0) {
            m_checks[e.relatesTo].append(e.seq);
        }
    }
    const bool more = m_trace->size() > m_lastSeq;
    if (more) {
        m_timer.start(); // more than one batch was waiting
    }
    emit eventsArrived(events);
    return more;
}

} // namespace m2mbench::gui
