// SPDX-License-Identifier: Apache-2.0
#include "app/gui/event_log_model.h"

#include "app/gui/verdict_style.h"

#include <algorithm>

namespace m2mbench::gui {

namespace {

QString infoOf(const trace::Event &e) {
    switch (e.kind) {
    case trace::EventKind::MessageSent:
    case trace::EventKind::MessageReceived:
        return QStringLiteral("%1 \u2192 %2  %3").arg(e.from, e.to, e.summary);
    case trace::EventKind::Check: {
        QString text = verdictName(e.verdict) + QStringLiteral(": ") + e.text;
        if (e.relatesTo != 0) {
            text += QStringLiteral("  (#%1)").arg(e.relatesTo);
        }
        return text;
    }
    case trace::EventKind::TestCaseFinished:
        return e.text.isEmpty() ? verdictName(e.verdict)
                                : verdictName(e.verdict) + QStringLiteral(": ") + e.text;
    case trace::EventKind::KeyDerivation:
        return e.derivation ? e.derivation->name + QStringLiteral(" = ") + e.derivation->formula
                            : e.summary;
    case trace::EventKind::Log:
        return QStringLiteral("[%1] %2").arg(e.from, e.summary.isEmpty() ? e.text : e.summary);
    default: return e.summary.isEmpty() ? e.text : e.summary;
    }
}

} // namespace

QString formatTraceTime(qint64 ns) {
    if (ns < 1000000000) {
        return QStringLiteral("%1 ms").arg(static_cast<double>(ns) / 1e6, 0, 'f', 3);
    }
    return QStringLiteral("%1 s").arg(static_cast<double>(ns) / 1e9, 0, 'f', 3);
}

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void EventLogModel::clear() {
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void EventLogModel::append(const std::vector<trace::Event> &events) {
    if (events.empty()) {
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(events.size()) - 1);
    for (const trace::Event &e : events) {
        Row row;
        row.seq = e.seq;
        row.timeNs = e.timeNs;
        row.kind = e.kind;
        row.testCaseId = e.testCaseId;
        row.info = infoOf(e);
        row.verdict = e.verdict;
        m_rows.push_back(std::move(row));
    }
    endInsertRows();
}

int EventLogModel::rowOfSeq(quint64 seq) const {
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), seq,
                               [](const Row &r, quint64 s) { return r.seq < s; });
    return it != m_rows.end() && it->seq == seq ? static_cast<int>(it - m_rows.begin()) : -1;
}

int EventLogModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size())) {
        return {};
    }
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const bool judged =
        r.kind == trace::EventKind::Check || r.kind == trace::EventKind::TestCaseFinished;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeqColumn: return QString::number(r.seq);
        case TimeColumn: return formatTraceTime(r.timeNs);
        case TestCaseColumn: return r.testCaseId;
        case KindColumn: return trace::eventKindName(r.kind);
        case InfoColumn: return r.info;
        default: return {};
        }
    case Qt::DecorationRole:
        return index.column() == KindColumn && judged ? verdictIcon(r.verdict) : QVariant();
    case Qt::ForegroundRole:
        if (index.column() == InfoColumn && judged && r.verdict != Verdict::Pass) {
            return verdictColor(r.verdict).darker(115);
        }
        return r.kind == trace::EventKind::Log ? QVariant(QColor(Qt::darkGray)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() <= TimeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant();
    case Qt::ToolTipRole: return index.column() == InfoColumn ? r.info : QVariant();
    case SeqRole: return r.seq;
    default: return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case SeqColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case TestCaseColumn: return tr("Test case");
    case KindColumn: return tr("Event");
    case InfoColumn: return tr("Info");
    default: return {};
    }
}

} // namespace m2mbench::gui
