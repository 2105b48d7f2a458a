// SPDX-License-Identifier: Apache-2.0
#pragma once

// The scripts' handles in CFG_BOOT, where the MSBF (and MAS) is the SUT:
//   ctx.device  the emulated D/G node: bootstrap, ping, re-authenticate, terminate, replay
//   ctx.nscl    an NSCL's view of the MAS: retrieve Kmr and compare it with the device's
// Each call runs on the network thread and is judged against the step timeout with the runner's
// verdict rules (no answer at all: inconc; a stall after answers: fail in the body).

#include "core/nodes/device/bootstrap_client.h"
#include "core/nodes/mas/mas_client.h"
#include "core/nodes/network_thread.h"
#include "core/runner/boot_support.h"
#include "core/runner/script_api.h"

#include <QJSValue>
#include <QObject>

namespace m2mbench::runner {

/// What the CFG_BOOT proxies share with their configuration session (owned by it).
struct BootBench {
    nodes::NetworkThread *net = nullptr;
    trace::Trace *trace = nullptr;
    nodes::DeviceBootstrapConfig base;
    RunPki pki;
    nodes::DeviceBootstrap *device = nullptr; ///< on `net`; replaced per bootstrap
    nodes::MasClient *nscl = nullptr;         ///< on `net`; null without a MAS
    QString msbf;                             ///< "host:port", for messages
    /// Why this configuration cannot test anything in this run (the run names a SUT of
    /// another role); every step then ends inconclusive with this reason.
    QString unavailable;
};

/// The result of a bootstrap as a script sees it.
QJSValue bootstrapResultToJs(QJSEngine *engine, const nodes::BootstrapResult &r);

class BootDeviceProxy : public QObject {
    Q_OBJECT
public:
    BootDeviceProxy(TestContext *context, BootBench *bench);

    /// A whole bootstrap. Options: identity, certificate ("valid" | "wrong"), tls ("1.2" |
    /// "1.3" | "any"), dropRequests ([n, ...]), piggyback, fragmentSize, timeoutMs,
    /// allowFailure.
    Q_INVOKABLE QJSValue bootstrap(const QJSValue &options = QJSValue());
    /// PNR[P] in the open session. Options: corruptAuth, duplicate, timeoutMs.
    Q_INVOKABLE QJSValue ping(const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue reauthenticate(const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue terminate(const QJSValue &options = QJSValue());
    /// A PTR that reuses the sequence number of the last request: it must not terminate.
    Q_INVOKABLE QJSValue replayTermination(const QJSValue &options = QJSValue());
    /// The last bootstrap's result (without running anything).
    Q_INVOKABLE QJSValue result();

private:
    bool refuseWhenUnavailable();
    int timeoutOf(const QJSValue &options, const QString &pixitItem) const;
    QJSValue sessionStep(const QString &what, const QJSValue &options,
                         const std::function<bool(nodes::DeviceBootstrap &)> &act,
                         const std::function<bool(nodes::DeviceBootstrap &)> &done,
                         const std::function<void(nodes::DeviceBootstrap &, QVariantMap &)> &fill);

    TestContext *m_context;
    BootBench *m_bench;
};

class NsclKeyProxy : public QObject {
    Q_OBJECT
public:
    NsclKeyProxy(TestContext *context, BootBench *bench);

    /// Key-Retrieval from the MAS. Options: nodeId (hex; default the last bootstrap's), index
    /// (default the last bootstrap's Kmr index; 0 = newest), timeoutMs, allowFailure.
    Q_INVOKABLE QJSValue retrieveKmr(const QJSValue &options = QJSValue());
    [[nodiscard]] Q_INVOKABLE bool available() const { return m_bench->nscl != nullptr; }

private:
    TestContext *m_context;
    BootBench *m_bench;
};

} // namespace m2mbench::runner
