// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/sequence_model.h"

#include <QHash>
#include <qcustomplot.h>

#include <optional>

namespace m2mbench::gui {

/// Draws a trace::SequenceModel as a message sequence chart inside a QCustomPlot, in the manner
/// of Wireshark's sequence diagram: one row per model item along the key axis (vertical, row 0
/// at the top), one lane per lifeline along the value axis.
///
/// Lifeline headers are drawn in the axis rect's top margin and times in its left margin, so
/// the owner must give the axis rect manual margins of headerHeight() and timeColumnWidth().
/// Only the rows inside the key axis range are drawn, so a frame costs O(visible rows).
class SequenceDiagram : public QCPAbstractPlottable {
    Q_OBJECT
public:
    SequenceDiagram(QCPAxis *rowAxis, QCPAxis *laneAxis);

    /// The model is not owned and must outlive this plottable (or be reset to null first).
    void setModel(const trace::SequenceModel *model) { m_model = model; }
    [[nodiscard]] const trace::SequenceModel *model() const { return m_model; }

    void setSelectedRow(int row) { m_selectedRow = row; }
    [[nodiscard]] int selectedRow() const { return m_selectedRow; }

    /// Final verdicts of test cases, shown on their banners.
    void setTestVerdict(const QString &testCaseId, Verdict verdict);
    void clearTestVerdicts() { m_testVerdicts.clear(); }

    /// Shown in the middle of the chart while it has no rows.
    void setPlaceholder(const QString &text) { m_placeholder = text; }

    /// The row under a pixel position of the plot widget; nullopt outside the rows.
    [[nodiscard]] std::optional<int> rowAt(const QPointF &pixel) const;

    [[nodiscard]] int rowHeight() const;
    [[nodiscard]] int headerHeight() const;
    [[nodiscard]] int timeColumnWidth() const;

    /// Hit-testing by row: 0 anywhere on a row (details = a QCPDataSelection of that row),
    /// -1 elsewhere.
    double selectTest(const QPointF &pos, bool onlySelectable,
                      QVariant *details = nullptr) const override;
    QCPRange getKeyRange(bool &foundRange,
                         QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange &inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter *painter) override;
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override;
    /// Widened to the axis rect's margins, where the headers and times are drawn.
    QRect clipRect() const override;

private:
    struct RowGeometry {
        QRectF band; ///< the full row, across the axis rect
        double y;    ///< the row's centre line
    };

    [[nodiscard]] RowGeometry rowGeometry(int row) const;
    [[nodiscard]] double laneX(int lane) const;
    [[nodiscard]] QFont font() const;

    void drawPlaceholder(QCPPainter *painter) const;
    void drawLifelines(QCPPainter *painter) const;
    void drawHeaders(QCPPainter *painter) const;
    void drawRow(QCPPainter *painter, int row) const;
    void drawMessage(QCPPainter *painter, const trace::SequenceItem &item,
                     const RowGeometry &g) const;
    void drawBanner(QCPPainter *painter, const trace::SequenceItem &item,
                    const RowGeometry &g) const;
    void drawNote(QCPPainter *painter, const trace::SequenceItem &item, const RowGeometry &g) const;
    void drawMark(QCPPainter *painter, const QPointF &centre, Verdict verdict) const;

    const trace::SequenceModel *m_model = nullptr;
    int m_selectedRow = -1;
    QHash<QString, Verdict> m_testVerdicts;
    QString m_placeholder;
};

} // namespace m2mbench::gui
