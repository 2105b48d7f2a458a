// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/nodes/device/device_node.h"
#include "core/nodes/network_thread.h"
#include "core/protocol/mid/xsd_validator.h"
#include "core/runner/pixit.h"
#include "core/trace/trace.h"

#include <QJSValue>
#include <QObject>

#include <atomic>
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

/// What scripts reach as `ctx`: checks, verdicts, PIXIT, logging, XML helpers, and the emulated
/// nodes (`ctx.device`). Lives on the runner thread; node calls cross to the network thread and
/// wait at most the step timeout.
class TestContext : public QObject {
    Q_OBJECT
    Q_PROPERTY(QObject *device READ device CONSTANT)
    Q_PROPERTY(QString phase READ phase CONSTANT)
    Q_PROPERTY(QString testCaseId READ testCaseId CONSTANT)
public:
    struct Wiring {
        QJSEngine *engine = nullptr;
        trace::Trace *trace = nullptr;
        const Pixit *pixit = nullptr;
        const nodes::NetworkThread *net = nullptr;
        nodes::DeviceNode *device = nullptr;
        std::shared_ptr<mid::XsdValidator> validator;
        const std::atomic_bool *stopRequested = nullptr;
        QString deviceName;
    };

    TestContext(Wiring wiring, TestState *state, QObject *parent = nullptr);
    ~TestContext() override;

    [[nodiscard]] QObject *device() const { return m_deviceProxy; }
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

    /// Sends an mId request from the emulated device (called by the device proxy).
    QJSValue deviceRequest(int method, const QString &target, const QString &body,
                           const QJSValue &options);

private:
    bool recordCheck(bool passed, const QString &what, const QString &detail,
                     const QJSValue &evidence);
    quint64 evidenceSeq(const QJSValue &evidence) const;
    QJSValue toJs(const nodes::MidExchange &ex);
    std::optional<nodes::MidExchange> exchange(const mid::Request &request, int timeoutMs);

    Wiring m_w;
    TestState *m_state;
    QObject *m_deviceProxy = nullptr;
    bool m_warnedNoXsd = false;
};

/// `ctx.device`: the emulated D/G node's mId verbs.
class DeviceProxy : public QObject {
    Q_OBJECT
public:
    explicit DeviceProxy(TestContext *context)
        : QObject(context)
        , m_context(context) {}

    Q_INVOKABLE QJSValue create(const QString &target, const QString &body,
                                const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue retrieve(const QString &target, const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue update(const QString &target, const QString &body,
                                const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue remove(const QString &target, const QJSValue &options = QJSValue());

private:
    TestContext *m_context;
};

} // namespace m2mbench::runner
