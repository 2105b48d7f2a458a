// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/gui/hex_layout.h"
#include "core/trace/event.h"
#include "core/trace/frame_index.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace m2mbench::gui {

/// Shows one trace event: its decoded fields as a tree, its raw bytes as a hex dump in which
/// the bytes of the selected field are highlighted, and the checks that judged it.
class MessageInspector : public QWidget {
    Q_OBJECT
public:
    explicit MessageInspector(QWidget *parent = nullptr);

    /// Shows `event` and `checks`, the Check events whose relatesTo is the event's seq.
    void inspect(const trace::Event &event, const std::vector<trace::Event> &checks);
    /// Links into the run's live capture (null: none); a message shows the frame that carried
    /// it, so that it can be found in Wireshark.
    void setFrameIndex(std::shared_ptr<const trace::FrameIndex> frames);
    /// "frame 12 of capture.pcapng, 127.0.0.1:40312 -> 127.0.0.1:8080/tcp", or empty.
    [[nodiscard]] QString frameText() const { return m_frameText; }
    void clear();
    [[nodiscard]] quint64 inspectedSeq() const { return m_seq; }
    /// Key derivations show secret values in hex only after the user ticks "Show key values"
    /// (off in every new window).
    void setShowKeys(bool show);
    [[nodiscard]] bool showsKeys() const;

    /// Selects the first field named `name` (depth first), highlighting its bytes.
    bool selectField(const QString &name);
    /// The spans of the hex dump now highlighted.
    [[nodiscard]] QList<TextSpan> highlighted() const { return m_highlighted; }

    [[nodiscard]] QTreeWidget *fieldTree() const { return m_fields; }
    [[nodiscard]] QPlainTextEdit *hexView() const { return m_hex; }
    [[nodiscard]] QTreeWidget *checkList() const { return m_checks; }

signals:
    /// The user asked to go to another event (a check's message, or a check itself).
    void eventActivated(quint64 seq);

private:
    void showFields(const trace::Event &event);
    void showRaw(const trace::Event &event);
    void showChecks(const std::vector<trace::Event> &checks);
    void highlightField(QTreeWidgetItem *item);

    QLabel *m_header = nullptr;
    QCheckBox *m_showKeys = nullptr;
    std::optional<trace::Event> m_current;
    std::vector<trace::Event> m_currentChecks;
    QTreeWidget *m_fields = nullptr;
    QPlainTextEdit *m_hex = nullptr;
    QLabel *m_hexCaption = nullptr;
    QTreeWidget *m_checks = nullptr;
    QLabel *m_checksCaption = nullptr;
    quint64 m_seq = 0;
    qsizetype m_dumped = 0;
    std::shared_ptr<const trace::FrameIndex> m_frames;
    QString m_frameText;
    QList<TextSpan> m_highlighted;
};

} // namespace m2mbench::gui
