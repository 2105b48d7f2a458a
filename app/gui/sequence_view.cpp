// SPDX-License-Identifier: Apache-2.0
#include "app/gui/sequence_view.h"

#include "app/gui/sequence_diagram.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QScrollBar>
#include <qcustomplot.h>

namespace m2mbench::gui {

namespace {

/// Room beside the outermost lanes, in lanes, for the headers and the verdict marks.
constexpr double kLaneMargin = 0.3;
constexpr int kWheelRows = 3;
constexpr int kRightMargin = 8;
constexpr int kBottomMargin = 4;

} // namespace

SequenceView::SequenceView(QWidget *parent)
    : QWidget(parent) {
    m_plot = new QCustomPlot(this);
    m_plot->setFocusPolicy(Qt::StrongFocus);
    m_plot->setInteractions({}); // the scroll bar and the wheel move the view, not drags
    for (QCPAxis *axis : m_plot->axisRect()->axes()) {
        axis->setVisible(false);
        axis->grid()->setVisible(false);
    }
    m_plot->yAxis->setRangeReversed(true);
    m_diagram = new SequenceDiagram(m_plot->yAxis, m_plot->xAxis);
    m_diagram->setModel(&m_model);
    m_plot->axisRect()->setAutoMargins(QCP::msNone);
    m_plot->installEventFilter(this);

    m_scroll = new QScrollBar(Qt::Vertical, this);
    connect(m_scroll, &QScrollBar::valueChanged, this, &SequenceView::applyScroll);
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this](QWheelEvent *event) {
        m_scroll->setValue(m_scroll->value() - event->angleDelta().y() / 120 * kWheelRows);
    });
    connect(m_plot, &QCustomPlot::plottableClick, this,
            [this](QCPAbstractPlottable *plottable, int dataIndex, QMouseEvent *) {
                if (plottable == m_diagram) {
                    selectRow(dataIndex);
                }
            });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_scroll);
    updateRanges();
}

void SequenceView::setLifelines(const QList<trace::Lifeline> &lifelines) {
    m_model.setLifelines(lifelines);
    updateRanges();
}

void SequenceView::clear() {
    m_model.clear();
    m_diagram->clearTestVerdicts();
    m_diagram->setSelectedRow(-1);
    m_scroll->setValue(0);
    updateRanges();
}

void SequenceView::addEvents(const std::vector<trace::Event> &events) {
    const bool following = m_scroll->value() >= m_scroll->maximum();
    if (!m_model.add(events)) {
        return;
    }
    updateRanges();
    if (following) {
        m_scroll->setValue(m_scroll->maximum());
    }
}

void SequenceView::setTestVerdict(const QString &testCaseId, Verdict verdict) {
    m_diagram->setTestVerdict(testCaseId, verdict);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SequenceView::setPlaceholder(const QString &text) {
    m_diagram->setPlaceholder(text);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int SequenceView::visibleRowCount() const {
    const int height = m_plot->height() - m_diagram->headerHeight() - kBottomMargin;
    return std::max(1, height / m_diagram->rowHeight());
}

int SequenceView::firstVisibleRow() const {
    return m_scroll->value();
}

void SequenceView::updateRanges() {
    // The diagram draws its headers and times in these margins; they follow the font.
    m_plot->axisRect()->setMargins(QMargins(m_diagram->timeColumnWidth(), m_diagram->headerHeight(),
                                            kRightMargin, kBottomMargin));
    const int rows = static_cast<int>(m_model.items().size());
    m_scroll->setRange(0, std::max(0, rows - visibleRowCount()));
    m_scroll->setPageStep(visibleRowCount());
    const int lanes = static_cast<int>(m_model.lifelines().size());
    if (lanes > 0) {
        m_plot->xAxis->setRange(-kLaneMargin, lanes - 1 + kLaneMargin);
    } else {
        m_plot->xAxis->setRange(-1, 1);
    }
    applyScroll(m_scroll->value());
}

void SequenceView::applyScroll(int firstRow) {
    // Exactly as many rows as the pixels hold, so that rows keep their height on any size.
    const int height = std::max(1, m_plot->height() - m_diagram->headerHeight() - kBottomMargin);
    const double span = static_cast<double>(height) / m_diagram->rowHeight();
    m_plot->yAxis->setRange(firstRow - 0.5, firstRow - 0.5 + span);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SequenceView::replotNow() {
    updateRanges();
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

int SequenceView::selectedRow() const {
    return m_diagram->selectedRow();
}

void SequenceView::selectRow(int row) {
    const int rows = static_cast<int>(m_model.items().size());
    if (row < -1 || row >= rows) {
        return;
    }
    m_diagram->setSelectedRow(row);
    if (row >= 0) {
        scrollToRow(row);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit rowSelected(row >= 0 ? m_model.items()[static_cast<std::size_t>(row)].seq : 0);
}

bool SequenceView::selectSeq(quint64 seq) {
    const auto row = m_model.rowOfSeq(seq);
    if (!row) {
        return false;
    }
    if (*row != selectedRow()) {
        selectRow(*row);
    }
    return true;
}

bool SequenceView::selectNextFailure() {
    const auto row = m_model.nextFailure(selectedRow());
    if (row) {
        selectRow(*row);
    }
    return row.has_value();
}

void SequenceView::scrollToRow(int row, ScrollHint hint) {
    const int first = m_scroll->value();
    const int visible = visibleRowCount();
    if (hint == ScrollHint::Centre) {
        m_scroll->setValue(row - visible / 2);
    } else if (row < first) {
        m_scroll->setValue(row);
    } else if (row >= first + visible) {
        m_scroll->setValue(row - visible + 1);
    }
}

bool SequenceView::handleKey(int key) {
    const int rows = static_cast<int>(m_model.items().size());
    switch (key) {
    case Qt::Key_Up: selectRow(std::max(0, selectedRow() - 1)); return true;
    case Qt::Key_Down: selectRow(std::min(rows - 1, selectedRow() + 1)); return true;
    case Qt::Key_PageUp: m_scroll->triggerAction(QScrollBar::SliderPageStepSub); return true;
    case Qt::Key_PageDown: m_scroll->triggerAction(QScrollBar::SliderPageStepAdd); return true;
    case Qt::Key_Home: m_scroll->setValue(0); return true;
    case Qt::Key_End: m_scroll->setValue(m_scroll->maximum()); return true;
    default: return false;
    }
}

bool SequenceView::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_plot) {
        if (event->type() == QEvent::Resize || event->type() == QEvent::FontChange) {
            updateRanges();
        } else if (event->type() == QEvent::KeyPress) {
            if (handleKey(static_cast<QKeyEvent *>(event)->key())) {
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace m2mbench::gui
