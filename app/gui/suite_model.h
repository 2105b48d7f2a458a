// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/suite.h"
#include "core/runner/testcase.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <optional>
#include <vector>

namespace m2mbench::gui {

/// The test cases of a suite grouped by folder, with their verdicts as a run reports them.
/// Folders show the worst verdict and the total time of what ran below them.
class SuiteModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { IdColumn, TitleColumn, VerdictColumn, TimeColumn, ColumnCount };
    enum Role {
        VerdictRole = Qt::UserRole + 1, ///< int(Verdict) of what ran; -1 when nothing did
        TestCaseIdRole,                 ///< the id for a test case, empty for a folder
        DetailsRole,                    ///< HTML: metadata, and the verdict with its reason
    };
    /// Where a test case stands in the current run.
    enum class State { NotRun, Queued, Running, Done, Deselected };

    explicit SuiteModel(QObject *parent = nullptr);
    ~SuiteModel() override;

    void setSuite(const runner::Suite &suite);
    [[nodiscard]] int testCaseCount() const { return static_cast<int>(m_leaves.size()); }
    [[nodiscard]] QStringList testCaseIds() const;

    /// Before a run: every test case back to queued (or not run when `ids` leaves it out).
    void resetForRun(const QStringList &ids = {});
    void setRunning(const QString &id);
    void setResult(const runner::TestResult &result);
    void setDeselected(const QString &id, const QString &reason);
    /// The plan before any run: whether each test case is selected, and why (PICS values).
    void setSelection(const QString &id, bool selected, const QString &reason);
    /// After a stopped run: whatever was still queued goes back to not run.
    void markUnfinishedNotRun();

    [[nodiscard]] std::optional<State> stateOf(const QString &id) const;
    [[nodiscard]] QModelIndex indexOf(const QString &id, int column = IdColumn) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node;

    Node *nodeOf(const QModelIndex &index) const;
    Node *folderFor(const QString &group);
    static void compact(Node *folder);
    void changed(Node *leaf);
    QVariant leafData(const Node &node, int column, int role) const;
    QVariant folderData(const Node &node, int column, int role) const;
    static QString detailsOf(const Node &node);

    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_leaves;
};

/// "0.002 s", as the CLI's verdict table shows durations.
QString formatDuration(qint64 ns);

} // namespace m2mbench::gui
