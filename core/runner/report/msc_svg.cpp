// SPDX-License-Identifier: Apache-2.0
#include "core/runner/report/msc_svg.h"

namespace m2mbench::runner::report {

namespace {

constexpr int kLaneGap = 280;
constexpr int kLeft = 90;
constexpr int kTop = 56;
constexpr int kRow = 30;

QString esc(const QString &s) {
    return s.toHtmlEscaped();
}

QString markColour(Verdict v) {
    switch (v) {
    case Verdict::Pass: return QStringLiteral("#2e7d32");
    case Verdict::Inconc: return QStringLiteral("#b7791f");
    case Verdict::Fail: return QStringLiteral("#c62828");
    case Verdict::Error: return QStringLiteral("#6a1b9a");
    case Verdict::None: return QStringLiteral("#607d8b");
    }
    return QStringLiteral("#607d8b");
}

QString markGlyph(Verdict v) {
    switch (v) {
    case Verdict::Pass: return QStringLiteral("\u2713");
    case Verdict::Inconc: return QStringLiteral("?");
    case Verdict::Fail: return QStringLiteral("\u2717");
    case Verdict::Error: return QStringLiteral("!");
    case Verdict::None: return QString();
    }
    return QString();
}

trace::SequenceModel modelOf(const std::vector<trace::Event> &events,
                             const QList<trace::Lifeline> &lanes) {
    trace::SequenceModel model;
    model.setLifelines(lanes);
    model.add(events);
    return model;
}

QString row(const trace::SequenceItem &item, int y, int width) {
    const int x1 = kLeft + item.fromLane * kLaneGap;
    const int x2 = kLeft + item.toLane * kLaneGap;
    QString out;
    if (item.type == trace::SequenceItem::Type::TestCaseBanner) {
        return out;
    }
    if (item.type == trace::SequenceItem::Type::Note) {
        out += QStringLiteral("<rect x='%1' y='%2' width='%3' height='22' rx='4' fill='#fdecea' "
                              "stroke='%4'/><text x='%5' y='%6' class='note'>%7</text>\n")
                   .arg(kLeft - 40)
                   .arg(y - 15)
                   .arg(width - kLeft)
                   .arg(markColour(item.mark))
                   .arg(kLeft - 32)
                   .arg(y)
                   .arg(esc(item.label.left(140)));
        return out;
    }
    const int dir = x2 >= x1 ? 1 : -1;
    const int tipX = x2 - dir * 2;
    out += QStringLiteral("<line x1='%1' y1='%2' x2='%3' y2='%2' class='arrow'/>"
                          "<polygon points='%3,%2 %4,%5 %4,%6' class='head'/>\n")
               .arg(x1)
               .arg(y)
               .arg(tipX)
               .arg(tipX - dir * 9)
               .arg(y - 4)
               .arg(y + 4);
    out += QStringLiteral("<text x='%1' y='%2' class='label'>%3</text>\n")
               .arg((x1 + x2) / 2)
               .arg(y - 5)
               .arg(esc(item.label.left(70)));
    if (item.mark != Verdict::None) {
        out += QStringLiteral("<text x='%1' y='%2' class='mark' fill='%3'>%4</text>\n")
                   .arg(x2 + dir * 12)
                   .arg(y + 5)
                   .arg(markColour(item.mark), markGlyph(item.mark));
    }
    return out;
}

} // namespace

QByteArray mscSvg(const std::vector<trace::Event> &events, const QList<trace::Lifeline> &lanes,
                  int maxRows) {
    const trace::SequenceModel model = modelOf(events, lanes);
    std::vector<const trace::SequenceItem *> rows;
    for (const trace::SequenceItem &item : model.items()) {
        if (item.type != trace::SequenceItem::Type::TestCaseBanner) {
            rows.push_back(&item);
        }
    }
    const int shown = std::min<int>(static_cast<int>(rows.size()), maxRows);
    const auto laneCount = std::max<qsizetype>(model.lifelines().size(), 2);
    const int width = kLeft * 2 + static_cast<int>(laneCount - 1) * kLaneGap;
    const int height = kTop + (shown + 2) * kRow;
    QString svg =
        QStringLiteral(
            "<svg xmlns='http://www.w3.org/2000/svg' width='%1' height='%2' "
            "viewBox='0 0 %1 %2' font-family='DejaVu Sans, sans-serif' font-size='12'>\n"
            "<style>.arrow{stroke:#1f3b57;stroke-width:1.3}.head{fill:#1f3b57}"
            ".label{text-anchor:middle;fill:#1f2933}.mark{font-size:15px;font-weight:bold}"
            ".lane{stroke:#90a4ae;stroke-dasharray:4 3}.note{fill:#8a1c1c}</style>\n"
            "<rect width='100%' height='100%' fill='white'/>\n")
            .arg(width)
            .arg(height);
    for (qsizetype i = 0; i < model.lifelines().size(); ++i) {
        const trace::Lifeline &lane = model.lifelines()[i];
        const int x = kLeft + static_cast<int>(i) * kLaneGap;
        svg += QStringLiteral("<line x1='%1' y1='%2' x2='%1' y2='%3' class='lane'/>"
                              "<rect x='%4' y='8' width='150' height='26' rx='5' fill='%5' "
                              "stroke='%6'/><text x='%1' y='26' text-anchor='middle' "
                              "font-weight='bold' fill='%6'>%7</text>\n")
                   .arg(x)
                   .arg(kTop - 20)
                   .arg(height - 10)
                   .arg(x - 75)
                   .arg(lane.sut ? QStringLiteral("#fdecea") : QStringLiteral("#e8eef5"))
                   .arg(lane.sut ? QStringLiteral("#c62828") : QStringLiteral("#1f3b57"))
                   .arg(esc(lane.sut ? lane.name + QStringLiteral(" (SUT)") : lane.name));
    }
    for (int r = 0; r < shown; ++r) {
        svg += row(*rows[static_cast<std::size_t>(r)], kTop + (r + 1) * kRow, width);
    }
    if (shown < static_cast<int>(rows.size())) {
        svg += QStringLiteral("<text x='%1' y='%2' text-anchor='middle' fill='#607d8b'>... %3 more "
                              "rows in the journal</text>\n")
                   .arg(width / 2)
                   .arg(kTop + (shown + 1) * kRow + 10)
                   .arg(rows.size() - static_cast<std::size_t>(shown));
    }
    svg += QStringLiteral("</svg>\n");
    return svg.toUtf8();
}

QByteArray mscPlantUml(const std::vector<trace::Event> &events,
                       const QList<trace::Lifeline> &lanes) {
    const trace::SequenceModel model = modelOf(events, lanes);
    auto alias = [](qsizetype i) { return QStringLiteral("L%1").arg(i); };
    QString out = QStringLiteral("@startuml\n");
    for (qsizetype i = 0; i < model.lifelines().size(); ++i) {
        const trace::Lifeline &lane = model.lifelines()[i];
        out += QStringLiteral("participant \"%1\" as %2%3\n")
                   .arg(lane.sut ? lane.name + QStringLiteral(" (SUT)") : lane.name, alias(i),
                        lane.sut ? QStringLiteral(" #fdecea") : QString());
    }
    for (const trace::SequenceItem &item : model.items()) {
        QString label = item.label;
        label.replace(QLatin1Char('\n'), QLatin1Char(' '));
        if (item.type == trace::SequenceItem::Type::TestCaseBanner) {
            out += QStringLiteral("== %1 ==\n").arg(label);
        } else if (item.type == trace::SequenceItem::Type::Note) {
            out += QStringLiteral("note over %1: [%2] %3\n")
                       .arg(alias(0), verdictName(item.mark), label);
        } else {
            out += QStringLiteral("%1 -> %2: %3%4\n")
                       .arg(alias(item.fromLane), alias(item.toLane), label,
                            item.mark == Verdict::None
                                ? QString()
                                : QStringLiteral(" [%1]").arg(verdictName(item.mark)));
        }
    }
    out += QStringLiteral("@enduml\n");
    return out.toUtf8();
}

} // namespace m2mbench::runner::report
