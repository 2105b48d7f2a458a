// SPDX-License-Identifier: Apache-2.0
#include "core/trace/sequence_model.h"

#include <algorithm>

namespace m2mbench::trace {

void SequenceModel::setLifelines(const QList<Lifeline> &lifelines) {
    m_configured = lifelines;
    m_lifelines = lifelines;
}

int SequenceModel::laneOf(const QString &name) {
    for (int i = 0; i < m_lifelines.size(); ++i) {
        if (m_lifelines[i].name == name) {
            return i;
        }
    }
    m_lifelines.append(Lifeline{name, false});
    return static_cast<int>(m_lifelines.size() - 1);
}

bool SequenceModel::add(const Event &event) {
    if (event.seq <= m_lastSeq) {
        return false; // already seen
    }
    m_lastSeq = event.seq;
    switch (event.kind) {
    case EventKind::MessageSent:
    case EventKind::MessageReceived: {
        SequenceItem item;
        item.type = SequenceItem::Type::Message;
        item.seq = event.seq;
        item.timeNs = event.timeNs;
        item.fromLane = laneOf(event.from);
        item.toLane = laneOf(event.to);
        item.label = event.summary;
        item.protocol = event.protocol;
        item.testCaseId = event.testCaseId;
        m_items.push_back(std::move(item));
        return true;
    }
    case EventKind::TestCaseStarted: {
        SequenceItem item;
        item.type = SequenceItem::Type::TestCaseBanner;
        item.seq = event.seq;
        item.timeNs = event.timeNs;
        item.label = event.testCaseId + QStringLiteral("  ") + event.summary;
        item.testCaseId = event.testCaseId;
        m_items.push_back(std::move(item));
        return true;
    }
    case EventKind::Check: {
        if (event.relatesTo != 0) {
            if (auto row = rowOfSeq(event.relatesTo)) {
                auto &item = m_items[static_cast<std::size_t>(*row)];
                item.mark = worse(item.mark, event.verdict);
                ++item.checkCount;
                return true;
            }
        }
        // A check about no particular message is drawn as a note when it did not pass.
        if (event.verdict == Verdict::Pass || event.verdict == Verdict::None) {
            return false;
        }
        SequenceItem item;
        item.type = SequenceItem::Type::Note;
        item.seq = event.seq;
        item.timeNs = event.timeNs;
        item.label = event.text;
        item.testCaseId = event.testCaseId;
        item.mark = event.verdict;
        item.checkCount = 1;
        m_items.push_back(std::move(item));
        return true;
    }
    default: return false;
    }
}

bool SequenceModel::add(const std::vector<Event> &events) {
    bool changed = false;
    for (const Event &e : events) {
        changed = add(e) || changed;
    }
    return changed;
}

void SequenceModel::clear() {
    m_items.clear();
    m_lastSeq = 0;
    m_lifelines = m_configured; // forget lanes that were only discovered
}

std::optional<int> SequenceModel::rowOfSeq(quint64 seq) const {
    // Rows are appended in seq order, so a binary search finds the row.
    auto it = std::lower_bound(m_items.begin(), m_items.end(), seq,
                               [](const SequenceItem &item, quint64 s) { return item.seq < s; });
    if (it == m_items.end() || it->seq != seq) {
        return std::nullopt;
    }
    return static_cast<int>(it - m_items.begin());
}

std::optional<int> SequenceModel::nextFailure(int row) const {
    const int n = static_cast<int>(m_items.size());
    for (int step = 1; step <= n; ++step) {
        const int r = ((row + step) % n + n) % n;
        const Verdict v = m_items[static_cast<std::size_t>(r)].mark;
        if (v == Verdict::Fail || v == Verdict::Error) {
            return r;
        }
    }
    return std::nullopt;
}

std::optional<int> SequenceModel::find(const QString &text, int row) const {
    const int n = static_cast<int>(m_items.size());
    if (text.isEmpty()) {
        return std::nullopt;
    }
    for (int step = 1; step <= n; ++step) {
        const int r = ((row + step) % n + n) % n;
        if (m_items[static_cast<std::size_t>(r)].label.contains(text, Qt::CaseInsensitive)) {
            return r;
        }
    }
    return std::nullopt;
}

} // namespace m2mbench::trace
