// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/event.h"

#include <QAbstractTableModel>

#include <vector>

namespace m2mbench::gui {

/// Every event of a run as one row (messages, checks, logs, test case starts and ends), the
/// textual companion of the chart. Keeps only what it shows: the Trace keeps the raw bytes.
class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SeqColumn, TimeColumn, TestCaseColumn, KindColumn, InfoColumn, ColumnCount };
    enum Role { SeqRole = Qt::UserRole + 1 };

    explicit EventLogModel(QObject *parent = nullptr);

    void clear();
    void append(const std::vector<trace::Event> &events);
    /// Row of event `seq`, or -1.
    [[nodiscard]] int rowOfSeq(quint64 seq) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        quint64 seq = 0;
        qint64 timeNs = 0;
        trace::EventKind kind = trace::EventKind::Log;
        QString testCaseId;
        QString info;
        Verdict verdict = Verdict::None;
    };

    std::vector<Row> m_rows;
};

/// "7.205 ms" under a second, "12.345 s" above: runs are short, but some wait for timeouts.
QString formatTraceTime(qint64 ns);

} // namespace m2mbench::gui
