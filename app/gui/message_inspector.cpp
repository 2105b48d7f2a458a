// SPDX-License-Identifier: Apache-2.0
#include "app/gui/message_inspector.h"

#include "app/gui/event_log_model.h"
#include "app/gui/verdict_style.h"
#include "core/common/hex.h"
#include "core/protocol/decode.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace m2mbench::gui {

namespace {

constexpr int kOffsetRole = Qt::UserRole + 1;
constexpr int kLengthRole = Qt::UserRole + 2;
constexpr int kSeqRole = Qt::UserRole + 3;

QTreeWidgetItem *fieldItem(const trace::Field &field) {
    auto *item = new QTreeWidgetItem({field.name, field.value});
    item->setData(0, kOffsetRole, field.offset);
    item->setData(0, kLengthRole, field.length);
    item->setToolTip(1, field.value);
    if (field.offset >= 0 && field.length > 0) {
        item->setToolTip(0, QObject::tr("bytes %1 to %2 of the raw message")
                                .arg(field.offset)
                                .arg(field.offset + field.length - 1));
    }
    for (const trace::Field &child : field.children) {
        item->addChild(fieldItem(child));
    }
    return item;
}

/// A derivation input or output as shown: secrets masked unless the user asked for them;
/// identifiers and labels as text, other values as hex.
QString valueText(const SecureBytes &value, bool secret, bool text, bool showKeys) {
    if (secret && !showKeys) {
        return QObject::tr("(secret, %1 bytes)").arg(value.size());
    }
    if (text) {
        return QStringLiteral("\"%1\"").arg(QString::fromUtf8(value.exposeBytes()));
    }
    return QStringLiteral("%1 (%2 bytes)").arg(value.exposeHex()).arg(value.size());
}

/// Non-message events carry no decoded tree: show what they do carry in the same shape.
QList<trace::Field> synthesizedFields(const trace::Event &e, bool showKeys) {
    QList<trace::Field> out;
    out.append({QObject::tr("Event"), trace::eventKindName(e.kind)});
    if (e.kind == trace::EventKind::Check || e.kind == trace::EventKind::TestCaseFinished) {
        out.append({QObject::tr("Verdict"), verdictName(e.verdict)});
    }
    if (!e.summary.isEmpty() && e.summary != e.text) {
        out.append({QObject::tr("Summary"), e.summary});
    }
    if (!e.text.isEmpty()) {
        out.append({QObject::tr("Text"), e.text});
    }
    if (e.relatesTo != 0) {
        out.append({QObject::tr("Relates to"), QStringLiteral("#%1").arg(e.relatesTo)});
    }
    if (e.derivation) {
        const trace::KeyDerivation &d = *e.derivation;
        trace::Field key(d.name, d.formula);
        // The record and its parents: Kmr -> Kmc -> Kma can be followed from key to key.
        key.children.append({QObject::tr("Record"), d.id});
        if (!d.parents.isEmpty()) {
            key.children.append(
                {QObject::tr("Derived from"), d.parents.join(QStringLiteral(", "))});
        }
        if (!d.label.isEmpty()) {
            key.children.append({QObject::tr("Label"), d.label});
        }
        for (const trace::DerivationInput &in : d.inputs) {
            key.children.append({in.name, valueText(in.value, in.secret, in.text, showKeys)});
        }
        if (!d.output.isEmpty()) {
            key.children.append(
                {QObject::tr("Output"), valueText(d.output, d.outputSecret, false, showKeys)});
        }
        out.append(key);
    }
    return out;
}

QWidget *captioned(QLabel *caption, QWidget *content) {
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    QFont bold = caption->font();
    bold.setBold(true);
    caption->setFont(bold);
    layout->addWidget(caption);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

MessageInspector::MessageInspector(QWidget *parent)
    : QWidget(parent) {
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_fields = new QTreeWidget;
    m_fields->setHeaderLabels({tr("Field"), tr("Value")});
    m_fields->setUniformRowHeights(true);
    m_fields->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    connect(m_fields, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { highlightField(item); });

    m_hex = new QPlainTextEdit;
    m_hex->setReadOnly(true);
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    // One point smaller than the text: a 16-byte dump line then fits the dock's default width.
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(std::max(6.0, mono.pointSizeF() - 1));
    m_hex->setFont(mono);
    m_hexCaption = new QLabel(tr("Raw bytes"));

    m_checks = new QTreeWidget;
    m_checks->setHeaderLabels({tr("Verdict"), tr("Check")});
    m_checks->setRootIsDecorated(false);
    m_checks->setWordWrap(true);
    m_checks->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_checksCaption = new QLabel(tr("Checks"));
    connect(m_checks, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        emit eventActivated(item->data(0, kSeqRole).toULongLong());
    });

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(captioned(new QLabel(tr("Decoded")), m_fields));
    splitter->addWidget(captioned(m_hexCaption, m_hex));
    splitter->addWidget(captioned(m_checksCaption, m_checks));
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 2);

    // Keys are masked until the user asks; the choice is for this window only, never saved.
    m_showKeys = new QCheckBox(tr("Show key values"));
    m_showKeys->setToolTip(tr("Show the secret inputs and outputs of key derivations in hex"));
    connect(m_showKeys, &QCheckBox::toggled, this, [this] {
        if (m_current) {
            const trace::Event event = *m_current;
            const std::vector<trace::Event> checks = m_currentChecks;
            inspect(event, checks);
        }
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_header);
    layout->addWidget(m_showKeys);
    layout->addWidget(splitter, 1);
    clear();
}

void MessageInspector::setFrameIndex(std::shared_ptr<const trace::FrameIndex> frames) {
    m_frames = std::move(frames);
}

void MessageInspector::setShowKeys(bool show) {
    m_showKeys->setChecked(show);
}

bool MessageInspector::showsKeys() const {
    return m_showKeys->isChecked();
}

void MessageInspector::clear() {
    m_seq = 0;
    m_current.reset();
    m_currentChecks.clear();
    m_frameText.clear();
    m_dumped = 0;
    m_highlighted.clear();
    m_header->setText(tr("<i>Select an arrow in the chart or a row in the event list.</i>"));
    m_fields->clear();
    m_hex->clear();
    m_hexCaption->setText(tr("Raw bytes"));
    m_checks->clear();
    m_checksCaption->setText(tr("Checks"));
}

void MessageInspector::inspect(const trace::Event &event, const std::vector<trace::Event> &checks) {
    clear();
    m_seq = event.seq;
    QString flow;
    if (event.isMessage()) {
        flow = QStringLiteral(" \u00b7 %1 \u2192 %2 \u00b7 %3")
                   .arg(event.from.toHtmlEscaped(), event.to.toHtmlEscaped(),
                        event.protocol.toHtmlEscaped());
    }
    const QString where = event.phase.isEmpty() ? event.testCaseId
                                                : event.testCaseId + QLatin1Char('/') + event.phase;
    const QString title = event.summary.isEmpty() ? event.text : event.summary;
    const auto link = m_frames && event.isMessage() ? m_frames->find(event.seq) : std::nullopt;
    if (link) {
        const QString file = m_frames->captureFile();
        m_frameText =
            tr("frame %1%2, %3")
                .arg(link->framesText(), file.isEmpty() ? QString() : tr(" of %1").arg(file),
                     link->flow.toString());
    }
    m_header->setText(
        QStringLiteral("<b>#%1</b> %2%3 \u00b7 %4<br/><b>%5</b><br/>"
                       "<span style='color:gray'>%6%7</span>")
            .arg(event.seq)
            .arg(trace::eventKindName(event.kind), flow, formatTraceTime(event.timeNs),
                 title.toHtmlEscaped(), where.toHtmlEscaped(),
                 m_frameText.isEmpty() ? QString()
                                       : QStringLiteral(" \u00b7 ") + m_frameText.toHtmlEscaped()));
    showFields(event);
    showRaw(event);
    showChecks(checks);
    m_current = event;
    m_currentChecks = checks;
}

void MessageInspector::showFields(const trace::Event &event) {
    // Messages are decoded here, on demand, not when they were recorded.
    const QList<trace::Field> decoded = protocol::decodedFields(event);
    const QList<trace::Field> fields =
        decoded.isEmpty() ? synthesizedFields(event, m_showKeys->isChecked()) : decoded;
    for (const trace::Field &f : fields) {
        m_fields->addTopLevelItem(fieldItem(f));
    }
    m_fields->expandAll();
}

void MessageInspector::showRaw(const trace::Event &event) {
    if (event.raw.isEmpty()) {
        m_hexCaption->setText(tr("Raw bytes (none)"));
        return;
    }
    m_dumped = std::min(event.raw.size(), kMaxDumpBytes);
    m_hexCaption->setText(
        m_dumped < event.raw.size()
            ? tr("Raw bytes (%1, first %2 shown)").arg(event.raw.size()).arg(m_dumped)
            : tr("Raw bytes (%1)").arg(event.raw.size()));
    m_hex->setPlainText(hexDump(event.raw, m_dumped));
}

void MessageInspector::showChecks(const std::vector<trace::Event> &checks) {
    m_checksCaption->setText(checks.empty() ? tr("Checks (none judged this event)")
                                            : tr("Checks (%1)").arg(checks.size()));
    for (const trace::Event &c : checks) {
        auto *item = new QTreeWidgetItem({verdictName(c.verdict), c.text});
        item->setIcon(0, verdictIcon(c.verdict));
        item->setForeground(0, verdictColor(c.verdict).darker(115));
        item->setToolTip(1, c.text);
        item->setData(0, kSeqRole, c.seq);
        m_checks->addTopLevelItem(item);
    }
}

bool MessageInspector::selectField(const QString &name) {
    const auto found = m_fields->findItems(name, Qt::MatchExactly | Qt::MatchRecursive, 0);
    if (found.isEmpty()) {
        return false;
    }
    m_fields->setCurrentItem(found.first());
    m_fields->scrollToItem(found.first());
    return true;
}

void MessageInspector::highlightField(QTreeWidgetItem *item) {
    m_highlighted.clear();
    QList<QTextEdit::ExtraSelection> selections;
    if (item) {
        const int offset = item->data(0, kOffsetRole).toInt();
        const int length = item->data(0, kLengthRole).toInt();
        m_highlighted = hexDumpSpans(offset, length, m_dumped);
    }
    QTextCharFormat format;
    format.setBackground(QColor(0xff, 0xd5, 0x4f));
    const int textLength = m_hex->document()->characterCount();
    for (const TextSpan &span : std::as_const(m_highlighted)) {
        if (span.start + span.length >= textLength) {
            break; // never past the text, whatever the field claims
        }
        QTextEdit::ExtraSelection sel;
        sel.format = format;
        sel.cursor = QTextCursor(m_hex->document());
        sel.cursor.setPosition(span.start);
        sel.cursor.setPosition(span.start + span.length, QTextCursor::KeepAnchor);
        selections.append(sel);
    }
    m_hex->setExtraSelections(selections);
    if (!selections.isEmpty()) {
        QTextCursor at(m_hex->document());
        at.setPosition(m_highlighted.first().start);
        m_hex->setTextCursor(at);
        m_hex->ensureCursorVisible();
    }
}

} // namespace m2mbench::gui
