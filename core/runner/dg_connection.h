// SPDX-License-Identifier: Apache-2.0
#pragma once

// CFG_DG for the service connection: the D/G node is the SUT and the bench is its NSCL (with a
// MAS holding the node's Kmr). The bootstrap side of CFG_DG (cfg_dg.cpp, `ctx.msbf`) is kept
// whole; this adds `ctx.nscl` beside it:
//   ctx.nscl.awaitConnection(o)    the node's service connection as the bench NSCL saw it
//   ctx.nscl.awaitRequest(o)       the node's next mId request (a registration, a retrieve)
//   ctx.nscl.awaitRegistration(o)  its SCL registration
//   ctx.nscl.reset()               faults off, the bench NSCL's registrations forgotten
// Without a named device the embedded reference D/G node plays the SUT, made to act on cue.

#include "core/nodes/device/device_node.h"
#include "core/nodes/network_thread.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/runner/configuration.h"
#include "core/runner/script_api.h"

#include <QJSValue>
#include <QObject>

#include <atomic>

namespace m2mbench::runner {

/// What the `ctx.nscl` proxy shares with its session (owned by it).
struct DgNsclBench {
    nodes::NetworkThread *net = nullptr;
    nodes::NsclNode *nscl = nullptr;       ///< the bench's NSCL, on `net`
    nodes::DeviceNode *embedded = nullptr; ///< the reference D/G node playing the SUT, or null
    nodes::DeviceKeys keys;                ///< the node's keys as the bench knows them
    QString unavailable;                   ///< why the node cannot be tested here
};

/// CFG_DG: the bootstrap configuration with the service connection added.
Result<std::unique_ptr<ConfigurationSession>> startDgServiceConfiguration(SessionInputs &inputs);
QList<trace::Lifeline> dgServiceConfigurationLifelines();

class DgNsclProxy : public QObject {
    Q_OBJECT
public:
    DgNsclProxy(TestContext *context, DgNsclBench *bench);

    /// The node's next service connection. Options: refuse (a reason: the bench refuses every
    /// connection until reset()), kmcLifetime (seconds the bench grants), trigger (false: do not
    /// make the embedded node act), timeoutMs, allowTimeout.
    Q_INVOKABLE QJSValue awaitConnection(const QJSValue &options = QJSValue());
    /// The node's next mId request. Options: trigger ("register", "retrieve", "none"),
    /// binding (the embedded node uses it; any binding is seen), timeoutMs, allowTimeout.
    Q_INVOKABLE QJSValue awaitRequest(const QJSValue &options = QJSValue());
    /// awaitRequest with trigger "register", judged as a CREATE of an <scl>.
    Q_INVOKABLE QJSValue awaitRegistration(const QJSValue &options = QJSValue());
    /// Every service connection the bench NSCL saw, oldest first.
    Q_INVOKABLE QJSValue connections();
    /// Waits, bounded by PX_TC_TIMEOUT_MS, waking on stop.
    Q_INVOKABLE void waitSeconds(double seconds);
    /// Faults off; the bench NSCL forgets the SCLs registered with it; the embedded node forgets
    /// its Kmc (a real node is put back by the lab: powered up afresh).
    Q_INVOKABLE void reset();

private:
    bool available();
    int timeoutOf(const QJSValue &options) const;
    /// Makes the embedded node act; the flag turns true when it is done (at once for a real node).
    std::shared_ptr<std::atomic_bool> trigger(const QString &what, nodes::MidBinding binding);
    QJSValue waitFor(const std::function<std::optional<QJSValue>()> &seen, int timeoutMs,
                     bool allowTimeout, const QString &what);

    TestContext *m_context;
    DgNsclBench *m_bench;
};

} // namespace m2mbench::runner
