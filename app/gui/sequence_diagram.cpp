// SPDX-License-Identifier: Apache-2.0
#include "app/gui/sequence_diagram.h"

#include "app/gui/event_log_model.h"
#include "app/gui/verdict_style.h"

#include <cmath>

namespace m2mbench::gui {

namespace {

const QColor kArrowColor(0x26, 0x46, 0x7a);
const QColor kTextColor(0x21, 0x21, 0x21);
const QColor kLifelineColor(0x90, 0xa4, 0xae);
const QColor kSutColor(0xc6, 0x28, 0x28);
const QColor kSelectedFill(0xcf, 0xe2, 0xff);
const QColor kBannerFill(0xe8, 0xed, 0xf5);
const QColor kBannerBorder(0xa8, 0xb6, 0xc8);
const QColor kTimeColor(0x75, 0x75, 0x75);

QString headerText(const trace::Lifeline &lifeline) {
    return lifeline.sut ? lifeline.name + QStringLiteral(" (SUT)") : lifeline.name;
}

} // namespace

SequenceDiagram::SequenceDiagram(QCPAxis *rowAxis, QCPAxis *laneAxis)
    : QCPAbstractPlottable(rowAxis, laneAxis) {
    // Selection is ours (one row at a time, kept across model growth), not QCustomPlot's
    // data-range selection; clicks still reach selectTest() through plottableClick.
    setSelectable(QCP::stNone);
    setAntialiased(true);
}

void SequenceDiagram::setTestVerdict(const QString &testCaseId, Verdict verdict) {
    m_testVerdicts.insert(testCaseId, verdict);
}

QFont SequenceDiagram::font() const {
    return mParentPlot ? mParentPlot->font() : QFont();
}

int SequenceDiagram::rowHeight() const {
    return qRound(QFontMetricsF(font()).height() * 2.1);
}

int SequenceDiagram::headerHeight() const {
    return qRound(QFontMetricsF(font()).height() * 2.4);
}

int SequenceDiagram::timeColumnWidth() const {
    return qRound(QFontMetricsF(font()).horizontalAdvance(QStringLiteral("000.000 ms")) + 16);
}

QRect SequenceDiagram::clipRect() const {
    return mKeyAxis ? mKeyAxis->axisRect()->outerRect() : QCPAbstractPlottable::clipRect();
}

double SequenceDiagram::laneX(int lane) const {
    return mValueAxis->coordToPixel(lane);
}

SequenceDiagram::RowGeometry SequenceDiagram::rowGeometry(int row) const {
    const QRect area = mKeyAxis->axisRect()->rect();
    const double top = mKeyAxis->coordToPixel(row - 0.5);
    const double bottom = mKeyAxis->coordToPixel(row + 0.5);
    return {QRectF(QPointF(area.left(), std::min(top, bottom)),
                   QPointF(area.right(), std::max(top, bottom))),
            mKeyAxis->coordToPixel(row)};
}

std::optional<int> SequenceDiagram::rowAt(const QPointF &pixel) const {
    if (!m_model || !mKeyAxis) {
        return std::nullopt;
    }
    // A row's time, in the left margin, belongs to the row too.
    const QRect rows = mKeyAxis->axisRect()->rect().adjusted(-timeColumnWidth(), 0, 0, 0);
    if (!rows.contains(pixel.toPoint())) {
        return std::nullopt;
    }
    const double row = std::round(mKeyAxis->pixelToCoord(pixel.y()));
    if (row < 0 || row >= static_cast<double>(m_model->items().size())) {
        return std::nullopt;
    }
    return static_cast<int>(row);
}

double SequenceDiagram::selectTest(const QPointF &pos, bool onlySelectable,
                                   QVariant *details) const {
    if (onlySelectable && !mSelectable) {
        return -1;
    }
    const auto row = rowAt(pos);
    if (!row) {
        return -1;
    }
    if (details) {
        *details = QVariant::fromValue(QCPDataSelection(QCPDataRange(*row, *row + 1)));
    }
    return 0;
}

QCPRange SequenceDiagram::getKeyRange(bool &foundRange, QCP::SignDomain) const {
    foundRange = m_model && !m_model->items().empty();
    return foundRange ? QCPRange(0, static_cast<double>(m_model->items().size() - 1)) : QCPRange();
}

QCPRange SequenceDiagram::getValueRange(bool &foundRange, QCP::SignDomain, const QCPRange &) const {
    foundRange = m_model && !m_model->lifelines().isEmpty();
    return foundRange ? QCPRange(0, static_cast<double>(m_model->lifelines().size() - 1))
                      : QCPRange();
}

void SequenceDiagram::drawLegendIcon(QCPPainter *, const QRectF &) const {}

void SequenceDiagram::draw(QCPPainter *painter) {
    if (!m_model || !mKeyAxis || !mValueAxis) {
        return;
    }
    painter->setFont(font());
    const QRect area = mKeyAxis->axisRect()->rect();
    const int rows = static_cast<int>(m_model->items().size());
    drawLifelines(painter);
    if (rows == 0) {
        drawPlaceholder(painter);
    } else {
        // Only rows inside the key range: the cost of a frame does not grow with the run.
        const QCPRange range = mKeyAxis->range();
        const int first = std::max(0, static_cast<int>(std::floor(range.lower)));
        const int last = std::min(rows - 1, static_cast<int>(std::ceil(range.upper)));
        painter->save();
        painter->setClipRect(area.adjusted(-timeColumnWidth(), 0, 0, 0));
        for (int row = first; row <= last; ++row) {
            drawRow(painter, row);
        }
        painter->restore();
    }
    drawHeaders(painter);
}

void SequenceDiagram::drawPlaceholder(QCPPainter *painter) const {
    if (m_placeholder.isEmpty()) {
        return;
    }
    const QRect area = mKeyAxis->axisRect()->rect();
    const QFontMetricsF fm(font());
    // On a card, so that the lifelines do not run through the text.
    const QRectF text = fm.boundingRect(QRectF(area).adjusted(40, 0, -40, 0),
                                        Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    const QRectF card = text.adjusted(-14, -10, 14, 10);
    painter->setPen(QPen(kBannerBorder, 1.0));
    painter->setBrush(Qt::white);
    painter->drawRoundedRect(card, 6, 6);
    painter->setPen(kTimeColor);
    painter->drawText(text, Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
}

void SequenceDiagram::drawLifelines(QCPPainter *painter) const {
    const QRect area = mKeyAxis->axisRect()->rect();
    const auto &lifelines = m_model->lifelines();
    for (int lane = 0; lane < lifelines.size(); ++lane) {
        const bool sut = lifelines[lane].sut;
        QPen pen(sut ? kSutColor : kLifelineColor, sut ? 1.6 : 1.2, Qt::DashLine);
        painter->setPen(pen);
        const double x = laneX(lane);
        painter->drawLine(QLineF(x, area.top() - headerHeight() / 4.0, x, area.bottom()));
    }
}

void SequenceDiagram::drawHeaders(QCPPainter *painter) const {
    const QRect area = mKeyAxis->axisRect()->rect();
    const QRect outer = mKeyAxis->axisRect()->outerRect();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF fm(bold);
    painter->save();
    painter->setFont(bold);
    // Time column title, aligned with the times below it.
    painter->setPen(kTimeColor);
    painter->drawText(QRectF(outer.left(), outer.top(), timeColumnWidth() - 8, area.top() - 2),
                      Qt::AlignRight | Qt::AlignVCenter, tr("Time"));
    const auto &lifelines = m_model->lifelines();
    const double h = fm.height() + 10;
    const double top = outer.top() + (area.top() - outer.top() - h) / 2.0;
    for (int lane = 0; lane < lifelines.size(); ++lane) {
        const QString text = headerText(lifelines[lane]);
        const double w = fm.horizontalAdvance(text) + 20;
        const QRectF box(laneX(lane) - w / 2, top, w, h);
        const bool sut = lifelines[lane].sut;
        painter->setPen(QPen(sut ? kSutColor : kLifelineColor, sut ? 2.0 : 1.2));
        painter->setBrush(sut ? QColor(0xfd, 0xec, 0xea) : QColor(0xec, 0xef, 0xf1));
        painter->drawRoundedRect(box, 4, 4);
        painter->setPen(sut ? kSutColor : kTextColor);
        painter->drawText(box, Qt::AlignCenter, text);
    }
    painter->restore();
}

void SequenceDiagram::drawRow(QCPPainter *painter, int row) const {
    const trace::SequenceItem &item = m_model->items()[static_cast<std::size_t>(row)];
    const RowGeometry g = rowGeometry(row);
    if (row == m_selectedRow) {
        painter->fillRect(g.band, kSelectedFill);
    }
    painter->setPen(kTimeColor);
    const QRectF timeCell(g.band.left() - timeColumnWidth(), g.band.top(), timeColumnWidth() - 8,
                          g.band.height());
    painter->drawText(timeCell, Qt::AlignRight | Qt::AlignVCenter, formatTraceTime(item.timeNs));
    switch (item.type) {
    case trace::SequenceItem::Type::Message: drawMessage(painter, item, g); break;
    case trace::SequenceItem::Type::TestCaseBanner: drawBanner(painter, item, g); break;
    case trace::SequenceItem::Type::Note: drawNote(painter, item, g); break;
    }
}

void SequenceDiagram::drawMessage(QCPPainter *painter, const trace::SequenceItem &item,
                                  const RowGeometry &g) const {
    const QFontMetricsF fm(font());
    const double from = laneX(item.fromLane);
    const double to = laneX(item.toLane);
    const double y = g.y + fm.height() * 0.35; // the label sits above the line
    const double head = fm.height() * 0.35;
    double dir = to >= from ? 1.0 : -1.0;
    QRectF labelBox;
    painter->setPen(QPen(kArrowColor, 1.5));
    painter->setBrush(Qt::NoBrush);
    if (item.fromLane == item.toLane) {
        // A message to itself: a loop on the right of the lifeline, its label beside it.
        const double w = fm.height() * 1.5;
        const double top = y - fm.height() * 0.6;
        painter->drawPolyline(QPolygonF({{from, top}, {from + w, top}, {from + w, y}, {to, y}}));
        dir = -1.0;
        labelBox = QRectF(from + w + 6, g.band.top(), fm.horizontalAdvance(item.label) + 4,
                          top - g.band.top() + fm.height());
    } else {
        painter->drawLine(QLineF(from, y, to - dir * head, y));
        labelBox = QRectF(std::min(from, to) + 4, g.band.top(), std::abs(to - from) - 8,
                          y - g.band.top() - 2);
    }
    painter->setBrush(kArrowColor);
    painter->drawPolygon(
        QPolygonF({{to, y}, {to - dir * head * 2.2, y - head}, {to - dir * head * 2.2, y + head}}));
    painter->setPen(kTextColor);
    painter->drawText(labelBox, Qt::AlignHCenter | Qt::AlignBottom,
                      fm.elidedText(item.label, Qt::ElideRight, std::max(0.0, labelBox.width())));
    if (item.mark != Verdict::None) {
        // Beyond the arrow head, where the eye ends reading the arrow.
        const double r = fm.height() * 0.5;
        drawMark(painter, {to + dir * (r + 5), y}, item.mark);
    }
}

void SequenceDiagram::drawBanner(QCPPainter *painter, const trace::SequenceItem &item,
                                 const RowGeometry &g) const {
    const QFontMetricsF fm(font());
    const QRectF box = g.band.adjusted(6, g.band.height() * 0.16, -6, -g.band.height() * 0.16);
    painter->setPen(QPen(kBannerBorder, 1.0));
    painter->setBrush(kBannerFill);
    painter->drawRoundedRect(box, 4, 4);
    const auto verdict = m_testVerdicts.constFind(item.testCaseId);
    double textRight = box.right() - 8;
    if (verdict != m_testVerdicts.constEnd()) {
        const double r = fm.height() * 0.5;
        drawMark(painter, {box.right() - 8 - r, box.center().y()}, *verdict);
        textRight -= 2 * r + 6;
    }
    QFont bold = font();
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(kTextColor);
    const QRectF textRect(box.left() + 10, box.top(), textRight - box.left() - 10, box.height());
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetricsF(bold).elidedText(item.label, Qt::ElideRight, textRect.width()));
    painter->setFont(font());
}

void SequenceDiagram::drawNote(QCPPainter *painter, const trace::SequenceItem &item,
                               const RowGeometry &g) const {
    const QFontMetricsF fm(font());
    const int lanes = static_cast<int>(m_model->lifelines().size());
    const double left = lanes > 0 ? laneX(0) : g.band.left() + 20;
    const double right = lanes > 0 ? laneX(lanes - 1) : g.band.right() - 20;
    const QRectF box(QPointF(left, g.band.top() + g.band.height() * 0.18),
                     QPointF(std::max(right, left + 40), g.band.bottom() - g.band.height() * 0.18));
    QColor fill = verdictColor(item.mark);
    fill.setAlpha(40);
    painter->setPen(QPen(verdictColor(item.mark), 1.0));
    painter->setBrush(fill);
    painter->drawRect(box);
    const double r = fm.height() * 0.5;
    drawMark(painter, {box.left() + 6 + r, box.center().y()}, item.mark);
    painter->setPen(kTextColor);
    const QRectF textRect = box.adjusted(2 * r + 14, 0, -6, 0);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(item.label, Qt::ElideRight, textRect.width()));
}

void SequenceDiagram::drawMark(QCPPainter *painter, const QPointF &centre, Verdict verdict) const {
    const double r = QFontMetricsF(font()).height() * 0.5;
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(verdictColor(verdict));
    painter->drawEllipse(centre, r, r);
    QFont bold = font();
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), Qt::AlignCenter,
                      verdictGlyph(verdict));
    painter->restore();
}

} // namespace m2mbench::gui
