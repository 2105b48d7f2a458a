// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/event.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace m2mbench::trace {

/// A vertical line of the chart: one node of the configuration.
struct Lifeline {
    QString name;
    bool sut = false; ///< the system under test, drawn distinctly
};

/// The protocol layers a chart can show or fold, as bits of a mask. A message carries the layers
/// of its outermost protocol and of what it encapsulates (PANA carrying EAP carrying TLS).
enum class ProtocolLayer : quint32 {
    Pana = 1u << 0,
    Eap = 1u << 1,
    Tls = 1u << 2,
    Http = 1u << 3,
    Coap = 1u << 4,
    Diameter = 1u << 5,
    Radius = 1u << 6,
};
using ProtocolLayers = quint32;

/// Every layer, in the order a layer menu lists them.
const QList<ProtocolLayer> &allProtocolLayers();
QString protocolLayerName(ProtocolLayer layer);
/// The layers of a message event: its outermost protocol (Event::protocol, which may name
/// several, e.g. "HTTPS" or "CoAP/DTLS") and the layers its summary shows it encapsulates (an
/// EAP packet in a PANA or RADIUS message, an EAP-TLS record). Cheap: no decoding.
ProtocolLayers protocolLayersOf(const Event &event);

/// Which way a search goes from the current row.
enum class SearchDirection { Forward, Backward };

/// One row of the chart: an arrow for a message, or a banner where a test case starts.
struct SequenceItem {
    enum class Type { Message, TestCaseBanner, Note };
    Type type = Type::Message;
    quint64 seq = 0; ///< the trace event this row shows
    qint64 timeNs = 0;
    int fromLane = 0;
    int toLane = 0;
    QString label;
    QString protocol;
    QString testCaseId;
    /// Worst outcome of the checks that judged this message; None when unjudged.
    Verdict mark = Verdict::None;
    int checkCount = 0;
    ProtocolLayers layers = 0; ///< messages only
    bool received = false;     ///< a message the bench received (else one it sent)
};

/// The message sequence chart of a trace, free of any GUI toolkit so that it can be tested and
/// benchmarked headless; app/gui draws it with a QCustomPlot plottable.
///
/// Not thread-safe: one thread feeds it (the GUI thread, pulling from the Trace after a queued
/// signal) and the same thread reads it.
class SequenceModel {
public:
    /// Fixes the first lanes and their order; lanes met later are added to the right.
    void setLifelines(const QList<Lifeline> &lifelines);
    [[nodiscard]] const QList<Lifeline> &lifelines() const { return m_lifelines; }

    /// Feeds one event; returns true when the chart changed.
    bool add(const Event &event);
    /// Feeds events in order; returns true when the chart changed.
    bool add(const std::vector<Event> &events);
    void clear();

    [[nodiscard]] const std::vector<SequenceItem> &items() const { return m_items; }
    [[nodiscard]] quint64 lastSeq() const { return m_lastSeq; }

    /// Row showing trace event `seq` (a message or banner), if any.
    [[nodiscard]] std::optional<int> rowOfSeq(quint64 seq) const;
    /// First row after `row` whose mark is fail or error (wraps around); nullopt when none.
    [[nodiscard]] std::optional<int> nextFailure(int row) const;
    /// The same in either direction (Backward: the first such row before `row`).
    [[nodiscard]] std::optional<int> failure(int row, SearchDirection direction) const;
    /// First row after `row` whose label contains `text` (case-insensitive, wraps around).
    [[nodiscard]] std::optional<int> find(const QString &text, int row) const;
    /// The same in either direction; the label or the protocol may contain the text.
    [[nodiscard]] std::optional<int> find(const QString &text, int row,
                                          SearchDirection direction) const;
    /// Rows whose label or protocol contains `text` (case-insensitive), at most `limit`.
    [[nodiscard]] int countMatches(const QString &text, int limit) const;

private:
    int laneOf(const QString &name);

    QList<Lifeline> m_configured;
    QList<Lifeline> m_lifelines;
    std::vector<SequenceItem> m_items;
    quint64 m_lastSeq = 0;
};

} // namespace m2mbench::trace
