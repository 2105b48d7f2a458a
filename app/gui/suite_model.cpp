// SPDX-License-Identifier: Apache-2.0
#include "app/gui/suite_model.h"

#include "app/gui/verdict_style.h"

#include <QFileInfo>
#include <QFont>

namespace m2mbench::gui {

struct SuiteModel::Node {
    QString name; ///< folder name, or test case id
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    bool folder = true;
    runner::TestCaseInfo info;
    State state = State::NotRun;
    Verdict verdict = Verdict::None;
    qint64 durationNs = 0;
    QString reason;
    QString selection; ///< "selected: ..." or "not selected: ...", from the plan

    int row() const {
        if (!parent) {
            return 0;
        }
        for (std::size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this) {
                return static_cast<int>(i);
            }
        }
        return 0;
    }

    /// Worst verdict and total time of what ran below; nullopt when nothing did.
    std::optional<std::pair<Verdict, qint64>> aggregate() const {
        if (!folder) {
            if (state != State::Done) {
                return std::nullopt;
            }
            return std::pair{verdict, durationNs};
        }
        std::optional<std::pair<Verdict, qint64>> out;
        for (const auto &child : children) {
            if (auto a = child->aggregate()) {
                out = out ? std::pair{worse(out->first, a->first), out->second + a->second} : *a;
            }
        }
        return out;
    }
};

namespace {

QString referencesText(const runner::TestCaseInfo &info) {
    QStringList refs;
    for (const auto &r : info.references) {
        refs.append(QStringLiteral("%1 clause %2").arg(r.document, r.clause).toHtmlEscaped());
    }
    return refs.join(QStringLiteral("<br/>"));
}

QString metadataHtml(const runner::TestCaseInfo &info) {
    QString html = QStringLiteral("<p><b>%1</b> %2</p>")
                       .arg(info.id.toHtmlEscaped(), info.title.toHtmlEscaped());
    html += QStringLiteral("<p><b>Test purpose:</b> %1<br/>%2</p>")
                .arg(info.purpose.toHtmlEscaped(), info.objective.toHtmlEscaped());
    if (!info.references.isEmpty()) {
        html += QStringLiteral("<p><b>References:</b><br/>%1</p>").arg(referencesText(info));
    }
    html += QStringLiteral("<p><b>Configuration:</b> %1").arg(info.configuration.toHtmlEscaped());
    if (!info.pics.isEmpty()) {
        html += QStringLiteral("<br/><b>PICS:</b> %1").arg(info.pics.toHtmlEscaped());
    }
    html += QStringLiteral("</p>");
    return html;
}

QString tooltipOf(const runner::TestCaseInfo &info, const QString &reason) {
    QString html = metadataHtml(info);
    if (!reason.isEmpty()) {
        html += QStringLiteral("<p><b>Reason:</b> %1</p>").arg(reason.toHtmlEscaped());
    }
    return html;
}

} // namespace

QString SuiteModel::detailsOf(const Node &n) {
    QString outcome;
    switch (n.state) {
    case State::Done:
        outcome = QStringLiteral("<span style='color:%1'><b>%2</b></span> in %3")
                      .arg(verdictColor(n.verdict).darker(115).name(), verdictName(n.verdict),
                           formatDuration(n.durationNs));
        if (!n.reason.isEmpty()) {
            outcome += QStringLiteral("<br/>") + n.reason.toHtmlEscaped();
        }
        break;
    case State::Running: outcome = tr("running"); break;
    case State::Queued: outcome = tr("queued"); break;
    case State::Deselected: outcome = tr("not selected: %1").arg(n.reason.toHtmlEscaped()); break;
    case State::NotRun: outcome = tr("not run yet"); break;
    }
    const QString selection =
        n.selection.isEmpty()
            ? QString()
            : QStringLiteral("<p><b>Selection:</b> %1</p>").arg(n.selection.toHtmlEscaped());
    return metadataHtml(n.info) + selection +
           QStringLiteral("<p><b>Verdict:</b> %1</p>").arg(outcome) +
           QStringLiteral("<p style='color:gray'>%1/%2</p>")
               .arg(n.info.group.toHtmlEscaped(),
                    QFileInfo(n.info.file).fileName().toHtmlEscaped());
}

QString formatDuration(qint64 ns) {
    return QStringLiteral("%1 s").arg(static_cast<double>(ns) / 1e9, 0, 'f', 3);
}

SuiteModel::SuiteModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>()) {}

SuiteModel::~SuiteModel() = default;

void SuiteModel::setSuite(const runner::Suite &suite) {
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_leaves.clear();
    for (const runner::TestCaseInfo &tc : suite.testCases) {
        Node *folder = folderFor(tc.group);
        auto leaf = std::make_unique<Node>();
        leaf->name = tc.id;
        leaf->parent = folder;
        leaf->folder = false;
        leaf->info = tc;
        m_leaves.insert(tc.id, leaf.get());
        folder->children.push_back(std::move(leaf));
    }
    compact(m_root.get());
    endResetModel();
}

void SuiteModel::compact(Node *folder) {
    // "etsi-m2m/nscl" as one node, as IDEs show single-child folder chains: every level
    // costs the tree an indentation and the titles their width.
    for (auto &child : folder->children) {
        if (!child->folder) {
            continue;
        }
        while (child->children.size() == 1 && child->children.front()->folder) {
            std::unique_ptr<Node> only = std::move(child->children.front());
            child->name += QLatin1Char('/') + only->name;
            child->children = std::move(only->children);
            for (auto &grandchild : child->children) {
                grandchild->parent = child.get();
            }
        }
        compact(child.get());
    }
}

SuiteModel::Node *SuiteModel::folderFor(const QString &group) {
    Node *at = m_root.get();
    for (const QString &part : group.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == u".") {
            continue; // a test case directly in the folder that was run: no folder of its own
        }
        Node *next = nullptr;
        for (const auto &child : at->children) {
            if (child->folder && child->name == part) {
                next = child.get();
                break;
            }
        }
        if (!next) {
            auto folder = std::make_unique<Node>();
            folder->name = part;
            folder->parent = at;
            next = folder.get();
            at->children.push_back(std::move(folder));
        }
        at = next;
    }
    return at;
}

QStringList SuiteModel::testCaseIds() const {
    QStringList ids;
    // In tree order, which is the suite's order.
    std::vector<const Node *> stack{m_root.get()};
    while (!stack.empty()) {
        const Node *n = stack.back();
        stack.pop_back();
        if (!n->folder) {
            ids.append(n->name);
        }
        for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) {
            stack.push_back(it->get());
        }
    }
    return ids;
}

void SuiteModel::resetForRun(const QStringList &ids) {
    for (Node *leaf : std::as_const(m_leaves)) {
        leaf->state = ids.isEmpty() || ids.contains(leaf->name) ? State::Queued : State::NotRun;
        leaf->verdict = Verdict::None;
        leaf->durationNs = 0;
        leaf->reason.clear();
    }
    // Per-row signals rather than a model reset, which would lose the tree's expansion state.
    for (Node *leaf : std::as_const(m_leaves)) {
        changed(leaf);
    }
}

void SuiteModel::setRunning(const QString &id) {
    if (Node *leaf = m_leaves.value(id)) {
        leaf->state = State::Running;
        changed(leaf);
    }
}

void SuiteModel::setResult(const runner::TestResult &result) {
    if (Node *leaf = m_leaves.value(result.info.id)) {
        leaf->state = State::Done;
        leaf->verdict = result.verdict;
        leaf->durationNs = result.durationNs;
        leaf->reason = result.reason;
        changed(leaf);
    }
}

void SuiteModel::setSelection(const QString &id, bool selected, const QString &reason) {
    if (Node *leaf = m_leaves.value(id)) {
        leaf->selection = (selected ? tr("selected") : tr("not selected")) + QStringLiteral(" (") +
                          reason + QLatin1Char(')');
        const QModelIndex index = indexOf(id);
        emit dataChanged(index, index.siblingAtColumn(ColumnCount - 1));
    }
}

void SuiteModel::setDeselected(const QString &id, const QString &reason) {
    if (Node *leaf = m_leaves.value(id)) {
        leaf->state = State::Deselected;
        leaf->reason = reason;
        changed(leaf);
    }
}

void SuiteModel::markUnfinishedNotRun() {
    for (Node *leaf : std::as_const(m_leaves)) {
        if (leaf->state == State::Queued || leaf->state == State::Running) {
            leaf->state = State::NotRun;
            changed(leaf);
        }
    }
}

std::optional<SuiteModel::State> SuiteModel::stateOf(const QString &id) const {
    if (const Node *leaf = m_leaves.value(id)) {
        return leaf->state;
    }
    return std::nullopt;
}

QModelIndex SuiteModel::indexOf(const QString &id, int column) const {
    Node *leaf = m_leaves.value(id);
    return leaf ? createIndex(leaf->row(), column, leaf) : QModelIndex();
}

void SuiteModel::changed(Node *leaf) {
    // The leaf and every folder above it: folders aggregate their children.
    for (Node *n = leaf; n && n != m_root.get(); n = n->parent) {
        const int row = n->row();
        emit dataChanged(createIndex(row, 0, n), createIndex(row, ColumnCount - 1, n));
    }
}

SuiteModel::Node *SuiteModel::nodeOf(const QModelIndex &index) const {
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex SuiteModel::index(int row, int column, const QModelIndex &parent) const {
    const Node *p = nodeOf(parent);
    if (row < 0 || column < 0 || column >= ColumnCount ||
        row >= static_cast<int>(p->children.size())) {
        return {};
    }
    return createIndex(row, column, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex SuiteModel::parent(const QModelIndex &child) const {
    const Node *n = nodeOf(child);
    if (!child.isValid() || !n->parent || n->parent == m_root.get()) {
        return {};
    }
    return createIndex(n->parent->row(), 0, n->parent);
}

int SuiteModel::rowCount(const QModelIndex &parent) const {
    if (parent.isValid() && parent.column() != 0) {
        return 0;
    }
    return static_cast<int>(nodeOf(parent)->children.size());
}

int SuiteModel::columnCount(const QModelIndex &) const {
    return ColumnCount;
}

QVariant SuiteModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid()) {
        return {};
    }
    const Node &n = *nodeOf(index);
    return n.folder ? folderData(n, index.column(), role) : leafData(n, index.column(), role);
}

QVariant SuiteModel::leafData(const Node &n, int column, int role) const {
    const bool done = n.state == State::Done;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case IdColumn: return n.info.id;
        case TitleColumn: return n.info.title;
        case VerdictColumn:
            switch (n.state) {
            case State::Done: return verdictName(n.verdict);
            case State::Running: return tr("running\u2026");
            case State::Queued: return tr("queued");
            case State::Deselected: return tr("not selected");
            case State::NotRun: return QString();
            }
            return QString();
        case TimeColumn: return done ? formatDuration(n.durationNs) : QString();
        default: return {};
        }
    case Qt::ToolTipRole: return tooltipOf(n.info, n.reason);
    case Qt::DecorationRole:
        return column == VerdictColumn && done ? verdictIcon(n.verdict) : QVariant();
    case Qt::ForegroundRole:
        if (column == VerdictColumn && done) {
            return verdictColor(n.verdict).darker(115);
        }
        return n.state == State::Deselected || n.state == State::Queued ? QVariant(QColor(Qt::gray))
                                                                        : QVariant();
    case Qt::FontRole:
        if ((column == VerdictColumn && done) || n.state == State::Running) {
            QFont f;
            f.setBold(done);
            f.setItalic(n.state == State::Running);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return column == TimeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case VerdictRole: return done ? static_cast<int>(n.verdict) : -1;
    case TestCaseIdRole: return n.info.id;
    case DetailsRole: return detailsOf(n);
    default: return {};
    }
}

QVariant SuiteModel::folderData(const Node &n, int column, int role) const {
    const auto agg = n.aggregate();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case IdColumn: return n.name;
        case VerdictColumn: return agg ? verdictName(agg->first) : QString();
        case TimeColumn: return agg ? formatDuration(agg->second) : QString();
        default: return {};
        }
    case Qt::DecorationRole:
        return column == VerdictColumn && agg ? verdictIcon(agg->first) : QVariant();
    case Qt::ForegroundRole:
        return column == VerdictColumn && agg ? QVariant(verdictColor(agg->first).darker(115))
                                              : QVariant();
    case Qt::TextAlignmentRole:
        return column == TimeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case VerdictRole: return agg ? static_cast<int>(agg->first) : -1;
    case TestCaseIdRole: return QString();
    default: return {};
    }
}

QVariant SuiteModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case IdColumn: return tr("Test case");
    case TitleColumn: return tr("Title");
    case VerdictColumn: return tr("Verdict");
    case TimeColumn: return tr("Time");
    default: return {};
    }
}

} // namespace m2mbench::gui
