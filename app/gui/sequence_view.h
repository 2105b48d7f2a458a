// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/sequence_model.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QScrollBar;

namespace m2mbench::gui {

class SequenceDiagram;

/// The live message sequence chart: a QCustomPlot holding a SequenceDiagram over a
/// trace::SequenceModel that this view owns and feeds, with a vertical scroll bar.
///
/// One row is one y unit; the y range always spans exactly the rows that fit, so scrolling
/// moves the range and drawing stays proportional to the visible rows. While the view shows
/// the last row it follows new rows as they arrive.
class SequenceView : public QWidget {
    Q_OBJECT
public:
    explicit SequenceView(QWidget *parent = nullptr);

    [[nodiscard]] const trace::SequenceModel &model() const { return m_model; }
    [[nodiscard]] SequenceDiagram *diagram() const { return m_diagram; }
    [[nodiscard]] QCustomPlot *plot() const { return m_plot; }
    [[nodiscard]] QScrollBar *scrollBar() const { return m_scroll; }

    void setLifelines(const QList<trace::Lifeline> &lifelines);
    /// Forgets every row (and the selection); keeps the configured lifelines.
    void clear();
    void addEvents(const std::vector<trace::Event> &events);
    void setTestVerdict(const QString &testCaseId, Verdict verdict);
    void setPlaceholder(const QString &text);

    /// Selects a row (-1 for none), scrolls it into view and emits rowSelected().
    void selectRow(int row);
    /// Selects the row showing trace event `seq`; false when no row shows it.
    bool selectSeq(quint64 seq);
    [[nodiscard]] int selectedRow() const;
    /// Selects the next row judged fail or error after the selection; false when none.
    bool selectNextFailure();

    enum class ScrollHint { Nearest, Centre };
    /// Scrolls so that `row` is visible: by as little as possible, or into the middle.
    void scrollToRow(int row, ScrollHint hint = ScrollHint::Nearest);
    [[nodiscard]] int firstVisibleRow() const;
    [[nodiscard]] int visibleRowCount() const;
    /// Replots at once rather than on the next event loop pass (before a grab()).
    void replotNow();

signals:
    /// The selected row changed; `seq` is the trace event it shows, 0 for no selection.
    void rowSelected(quint64 seq);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateRanges();
    void applyScroll(int firstRow);
    bool handleKey(int key);

    trace::SequenceModel m_model;
    QCustomPlot *m_plot = nullptr;
    SequenceDiagram *m_diagram = nullptr;
    QScrollBar *m_scroll = nullptr;
};

} // namespace m2mbench::gui
