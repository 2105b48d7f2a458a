// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/nodes/network_thread.h"
#include "core/protocol/mid/xsd_validator.h"
#include "core/runner/debugger.h"
#include "core/runner/pixit.h"
#include "core/trace/trace.h"

#include <QJSValue>
#include <QObject>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>

class QJSEngine;

namespace m2mbench::runner {

/// The verdict state of the test case now running.
struct TestState {
    QString testCaseId;
    QString phase; ///< preamble, body, postamble
    Verdict verdict = Verdict::None;
    QString reason;
    int checks = 0;
    int failedChecks = 0;
    int bodyChecks = 0;
    bool stopped = false; ///< a step could not go on (no answer from the SUT); skip to postamble

    /// Raises the verdict (never lowers it); the reason of the first worst verdict is kept.
    void apply(Verdict v, const QString &why);
};

/// What scripts reach as `ctx`: checks, verdicts, PIXIT, logging and XML helpers. The emulated
/// nodes of the test case's configuration are added as further properties (`ctx.device`, ...)
/// by its ConfigurationSession. Lives on the runner thread.
///
/// Node proxies use the public C++ side: check() to judge, failStep() when a step cannot go on,
/// await() to wait for a node on the network thread within the step timeout.
class TestContext : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString phase READ phase CONSTANT)
    Q_PROPERTY(QString testCaseId READ testCaseId CONSTANT)
public:
    struct Wiring {
        QJSEngine *engine = nullptr;
        trace::Trace *trace = nullptr;
        Pixit *pixit = nullptr;       ///< editable at a debugger stop
        Debugger *debugger = nullptr; ///< null when not debugging
        const nodes::NetworkThread *net = nullptr;
        std::shared_ptr<mid::XsdValidator> validator;
        const std::atomic_bool *stopRequested = nullptr;
    };

    TestContext(Wiring wiring, TestState *state, QObject *parent = nullptr);
    ~TestContext() override;

    [[nodiscard]] QString phase() const { return m_state->phase; }
    [[nodiscard]] QString testCaseId() const { return m_state->testCaseId; }

    Q_INVOKABLE QJSValue pixit(const QString &id);
    Q_INVOKABLE void log(const QString &text);
    Q_INVOKABLE void setVerdict(const QString &verdict, const QString &reason);
    Q_INVOKABLE bool expectTrue(bool condition, const QString &what,
                                const QJSValue &evidence = QJSValue());
    Q_INVOKABLE bool expectEqual(const QJSValue &actual, const QJSValue &expected,
                                 const QString &what, const QJSValue &evidence = QJSValue());
    /// `expected` is a status name or an array of acceptable names.
    Q_INVOKABLE bool expectStatus(const QJSValue &response, const QJSValue &expected);
    Q_INVOKABLE bool expectHeader(const QJSValue &response, const QString &name);
    /// Well-formed XML, the expected root in the m2m namespace, and valid against the schemas
    /// when a schema folder is configured.
    Q_INVOKABLE bool expectValid(const QJSValue &response, const QString &root);
    /// Strings at a path of local names ("pocs/reference", "@sclId"); null when not XML.
    Q_INVOKABLE QJSValue select(const QString &xml, const QString &path);
    /// xs:dateTime of now plus the offset, for building representations.
    Q_INVOKABLE QString dateTime(int offsetSecs = 0);
    /// Lets time pass (an expiry, an instance age): at most kMaxSleepMs, waking early on stop.
    /// Logged, so that the trace shows why nothing happened for a while.
    Q_INVOKABLE void sleep(int ms);
    /// A subscriber the test case plays (notification_sink.h): an HTTP server on 127.0.0.1
    /// whose `contact` URI a <subscription> can name; it lives until the test case ends.
    Q_INVOKABLE QJSValue subscriber(const QString &name = QString());
    static constexpr int kMaxSleepMs = 60000;

    // --- for node proxies (C++) ---
    [[nodiscard]] QJSEngine *engine() const { return m_w.engine; }
    [[nodiscard]] trace::Trace *trace() const { return m_w.trace; }
    [[nodiscard]] const Pixit &pixitValues() const { return *m_w.pixit; }
    [[nodiscard]] const nodes::NetworkThread &net() const { return *m_w.net; }
    [[nodiscard]] TestState &state() const { return *m_state; }
    [[nodiscard]] bool stopRequested() const;
    /// PX_STEP_TIMEOUT_MS, the longest wait for one answer of the SUT.
    [[nodiscard]] int stepTimeoutMs() const;

    /// Whether a debugger watches this run: without one, a step need not prepare what a stop
    /// would show.
    [[nodiscard]] bool debugging() const { return m_w.debugger != nullptr; }

    /// Debugger stop before a message leaves (`message` editable), after one arrived, or at a
    /// check (`verdict`). Applies PIXIT edits made at the stop. Returns
    /// the replacement for a pending message, if the user edited it. Throws into the script
    /// when the user aborts.
    std::optional<QByteArray> debugStop(Breakpoint::On on, const QString &node,
                                        const QString &summary, const QByteArray &message,
                                        Verdict verdict = Verdict::None);

    /// Records a check about the event `evidenceSeq` (0: none) and updates the verdict.
    bool check(bool passed, const QString &what, const QString &detail, quint64 evidenceSeq);
    /// A step that cannot go on (no answer, garbage, ...): records it with verdict `v`, marks the
    /// phase stopped and throws into the script so the runner moves to the postamble.
    void failStep(const QString &text, Verdict v, quint64 evidenceSeq);

    /// Waits for `future` at most `timeoutMs` plus a grace period, waking early on stop; on stop
    /// or deadline it calls `cancel` (which must make the future ready soon) and waits a little
    /// more. Returns nullopt when the node never answered.
    template<typename T>
    std::optional<T> await(std::future<T> &future, int timeoutMs,
                           const std::function<void()> &cancel) {
        if (!waitReady(
                [&future](int ms) {
                    return future.wait_for(std::chrono::milliseconds(ms)) ==
                           std::future_status::ready;
                },
                timeoutMs, cancel)) {
            return std::nullopt;
        }
        return future.get();
    }

private:
    bool waitReady(const std::function<bool(int)> &waitMs, int timeoutMs,
                   const std::function<void()> &cancel);
    bool recordCheck(bool passed, const QString &what, const QString &detail,
                     const QJSValue &evidence);
    quint64 evidenceSeq(const QJSValue &evidence) const;

    Wiring m_w;
    TestState *m_state;
    bool m_warnedNoXsd = false;
};

} // namespace m2mbench::runner
