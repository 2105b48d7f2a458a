// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/verdict.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QString>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <optional>

namespace m2mbench::runner {

/// Where a run may stop: before a message leaves, after one arrives, or at a check.
struct Breakpoint {
    enum class On { Send, Receive, Check };
    On on = On::Send;
    QString testCaseId; ///< empty: any test case
    QString node;       ///< lifeline of the emulated node; empty: any
    QString contains;   ///< text the message summary or check must contain; empty: any
    bool enabled = true;

    /// Parses "send", "receive:TC_X", "check:TC_X:D/GSCL:scls" (on[:test case[:node[:text]]]).
    static std::optional<Breakpoint> parse(const QString &text);
    [[nodiscard]] QString toString() const;
};
QString breakpointOnName(Breakpoint::On on);

/// Where the run stands when it stopped, and what it holds.
struct StopInfo {
    Breakpoint::On on = Breakpoint::On::Send;
    QString testCaseId;
    QString phase;
    QString node;
    QString summary;    ///< the message's one-line summary, or the check's text
    QByteArray message; ///< the pending message (send) or the one received; empty for a check
    bool editable = false;
    Verdict verdict = Verdict::None; ///< the check's outcome
    QString why;                     ///< "breakpoint send:TC_X", "step", "pause"
};

enum class DebugCommand { Continue, Step, Abort };

/// What the runner applies when a stop ends.
struct Resumption {
    DebugCommand command = DebugCommand::Continue;
    std::optional<QByteArray> edited;          ///< a replacement for the pending message
    QList<QPair<QString, QString>> pixitEdits; ///< PIXIT items to change from here on
};

/// The step-through debugger of a run: breakpoints on send, receive and check, pause, step one
/// message, continue, abort; at a stop, edit the pending message or a PIXIT value. The runner
/// thread calls gate(); a GUI drives it from its own thread through resume() and the paused
/// signal, a terminal through an interactive handler that runs on the runner thread.
class Debugger : public QObject {
    Q_OBJECT
public:
    explicit Debugger(QObject *parent = nullptr);

    void setBreakpoints(const QList<Breakpoint> &breakpoints);
    [[nodiscard]] QList<Breakpoint> breakpoints() const;
    /// Stop at every message (send and receive) until continue.
    void setStepping(bool stepping);
    /// Stop at the next message or check.
    void pause();
    /// After a failed body, skip the postamble so the SUT stays as the failure left it.
    void setKeepSutStateOnFailure(bool keep) { m_keepState = keep; }
    [[nodiscard]] bool keepSutStateOnFailure() const { return m_keepState; }

    /// Ends the current stop (any thread). Edits given with the command apply at once.
    void resume(DebugCommand command, std::optional<QByteArray> edited = std::nullopt,
                QList<QPair<QString, QString>> pixitEdits = {});
    [[nodiscard]] std::optional<StopInfo> currentStop() const;

    /// A terminal's handler: called on the runner thread at each stop instead of waiting for
    /// resume(); it returns what to do.
    using Interactive = std::function<Resumption(const StopInfo &)>;
    void setInteractive(Interactive handler) { m_interactive = std::move(handler); }
    /// Called on Abort (the runner's stop()).
    void setAbortHandler(std::function<void()> abort) { m_abort = std::move(abort); }

    /// Runner thread: stops here if a breakpoint, stepping or a pause says so, and waits until
    /// resumed or `stop` is set. Returns the resumption (Continue with no edits when not stopped).
    Resumption gate(StopInfo candidate, const std::atomic_bool *stop);

signals:
    /// The run stopped (emitted on the runner thread; connect queued).
    void paused(const m2mbench::runner::StopInfo &stop);
    void resumed();

private:
    bool shouldStop(StopInfo &candidate);

    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QList<Breakpoint> m_breakpoints;
    bool m_stepping = false;
    bool m_pauseRequested = false;
    bool m_keepState = false;
    std::optional<StopInfo> m_stop;
    std::optional<Resumption> m_resumption;
    Interactive m_interactive;
    std::function<void()> m_abort;
};

} // namespace m2mbench::runner

Q_DECLARE_METATYPE(m2mbench::runner::StopInfo)
