// SPDX-License-Identifier: Apache-2.0
#include "core/trace/sequence_model.h"

#include <algorithm>

namespace m2mbench::trace {

namespace {

ProtocolLayers layerOfName(QStringView name) {
    const auto is = [name](const char *n) {
        return name.compare(QLatin1String(n), Qt::CaseInsensitive) == 0;
    };
    using L = ProtocolLayer;
    if (is("PANA")) {
        return ProtocolLayers(L::Pana);
    }
    if (is("EAP") || is("EAPOL")) {
        return ProtocolLayers(L::Eap);
    }
    if (is("TLS") || is("DTLS") || is("TLS-PSK") || is("DTLS-PSK")) {
        return ProtocolLayers(L::Tls);
    }
    if (is("HTTP")) {
        return ProtocolLayers(L::Http);
    }
    if (is("HTTPS")) {
        return ProtocolLayers(L::Http) | ProtocolLayers(L::Tls);
    }
    if (is("CoAP")) {
        return ProtocolLayers(L::Coap);
    }
    if (is("CoAPS")) {
        return ProtocolLayers(L::Coap) | ProtocolLayers(L::Tls);
    }
    if (is("Diameter")) {
        return ProtocolLayers(L::Diameter);
    }
    if (is("RADIUS")) {
        return ProtocolLayers(L::Radius);
    }
    return 0;
}

bool matches(const SequenceItem &item, const QString &text) {
    return item.label.contains(text, Qt::CaseInsensitive) ||
           (!item.protocol.isEmpty() && item.protocol.contains(text, Qt::CaseInsensitive));
}

} // namespace

const QList<ProtocolLayer> &allProtocolLayers() {
    static const QList<ProtocolLayer> layers = {
        ProtocolLayer::Pana, ProtocolLayer::Eap,      ProtocolLayer::Tls,   ProtocolLayer::Http,
        ProtocolLayer::Coap, ProtocolLayer::Diameter, ProtocolLayer::Radius};
    return layers;
}

QString protocolLayerName(ProtocolLayer layer) {
    switch (layer) {
    case ProtocolLayer::Pana: return QStringLiteral("PANA");
    case ProtocolLayer::Eap: return QStringLiteral("EAP");
    case ProtocolLayer::Tls: return QStringLiteral("TLS");
    case ProtocolLayer::Http: return QStringLiteral("HTTP");
    case ProtocolLayer::Coap: return QStringLiteral("CoAP");
    case ProtocolLayer::Diameter: return QStringLiteral("Diameter");
    case ProtocolLayer::Radius: return QStringLiteral("RADIUS");
    }
    return QString();
}

ProtocolLayers protocolLayersOf(const Event &event) {
    ProtocolLayers layers = 0;
    // "HTTPS", "CoAP/DTLS", "HTTP over TLS": every part names a layer.
    for (const QStringView part : QStringView(event.protocol).split(u'/', Qt::SkipEmptyParts)) {
        for (const QStringView word : part.split(u' ', Qt::SkipEmptyParts)) {
            layers |= layerOfName(word);
        }
    }
    // What the outermost protocol carries shows in the summary the node wrote ("PAR seq=5 EAP
    // Request/TLS id=7 ...", "Access-Request ... EAP-Message"): decoding every message to find
    // out would cost the chart far more than it shows.
    const QString &s = event.summary;
    if (s.contains(QLatin1String("EAP"))) {
        layers |= ProtocolLayers(ProtocolLayer::Eap);
        if (s.contains(QLatin1String("/TLS")) || s.contains(QLatin1String("EAP-TLS"))) {
            layers |= ProtocolLayers(ProtocolLayer::Tls);
        }
    }
    return layers;
}

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
        item.layers = protocolLayersOf(event);
        item.received = event.kind == EventKind::MessageReceived;
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
    return failure(row, SearchDirection::Forward);
}

std::optional<int> SequenceModel::failure(int row, SearchDirection direction) const {
    const int n = static_cast<int>(m_items.size());
    const int sign = direction == SearchDirection::Forward ? 1 : -1;
    if (direction == SearchDirection::Backward && row < 0) {
        row = n; // "before nothing selected" is from the end
    }
    for (int step = 1; step <= n; ++step) {
        const int r = ((row + sign * step) % n + n) % n;
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

std::optional<int> SequenceModel::find(const QString &text, int row,
                                       SearchDirection direction) const {
    const int n = static_cast<int>(m_items.size());
    if (text.isEmpty()) {
        return std::nullopt;
    }
    const int sign = direction == SearchDirection::Forward ? 1 : -1;
    if (direction == SearchDirection::Backward && row < 0) {
        row = n;
    }
    for (int step = 1; step <= n; ++step) {
        const int r = ((row + sign * step) % n + n) % n;
        if (matches(m_items[static_cast<std::size_t>(r)], text)) {
            return r;
        }
    }
    return std::nullopt;
}

int SequenceModel::countMatches(const QString &text, int limit) const {
    if (text.isEmpty()) {
        return 0;
    }
    int count = 0;
    for (const SequenceItem &item : m_items) {
        if (matches(item, text) && ++count >= limit) {
            break;
        }
    }
    return count;
}

} // namespace m2mbench::trace
