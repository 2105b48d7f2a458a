// SPDX-License-Identifier: Apache-2.0
#pragma once

// CFG_DG for the service connection: the D/G node is the SUT and the bench is its NSCL (with a
// MAS holding the node's Kmr). The bootstrap side of CFG_DG (cfg_dg.cpp, `ctx.msbf`) is kept
// whole; this adds `ctx.nscl` beside it:
//   ctx.nscl.awaitConnection(o)    the node's service connection as the bench NSCL saw it
//   ctx.nscl.awaitRequest(o)       the node's next mId request (a registration, a retrieve)
//   ctx.nscl.awaitRegistration(o)  its SCL registration
//   ctx.nscl.reset()               faults off, the bench NSCL's registrations forgotten
//   ctx.nscl.answerNext(o)         the bench NSCL answers the node's next matching request(s)
//                                  with a given status and body (negative cases)
//   ctx.nscl.grantLifetime(s)      the bench NSCL grants an <scl> at most s seconds
//   ctx.nscl.requests(o)           the node's requests since a mark, with arrival times
//   ctx.nscl.registered()          whether the bench NSCL holds the node's <scl>
//   ctx.nscl.retrieve(path)        the bench NSCL's own view of a resource
// Without a named device the embedded reference D/G node plays the SUT: its D/GSCL procedure
// layer (core/nodes/device/dgscl_agent.h) is cued to act, and does the rest on its own.

#include "core/nodes/device/device_node.h"
#include "core/nodes/device/dgscl_agent.h"
#include "core/nodes/network_thread.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/runner/configuration.h"
#include "core/runner/script_api.h"

#include <QJSValue>
#include <QObject>

#include <QElapsedTimer>
#include <QMutex>

#include <atomic>
#include <deque>

namespace m2mbench::runner {

/// One mId request of the node as the bench NSCL saw it, with its answer.
struct DgSeenRequest {
    quint64 n = 0; ///< 1, 2, ... in order of arrival
    QString binding;
    mid::Request request;
    mid::Response response;
    QByteArray pskIdentity;
    qint64 atMs = 0;       ///< arrival, ms since the session started
    bool scripted = false; ///< answered by answerNext(), not by the NSCL's logic
};

/// A scripted answer of the bench NSCL (answerNext()).
struct DgScriptedAnswer {
    std::optional<mid::Method> method; ///< unset: any
    QString targetContains;            ///< empty: any
    mid::Response response;
    int times = 1; ///< how many matching requests it answers
};

/// What the bench NSCL's hook shares with the script thread; guarded by `mutex`.
struct DgNsclScript {
    QMutex mutex;
    QElapsedTimer clock;
    std::deque<DgSeenRequest> seen; ///< the last kKept
    quint64 total = 0;
    QList<DgScriptedAnswer> answers;
    qint64 grantSeconds = 0; ///< cap of the expirationTime of an <scl>; 0: none
    static constexpr size_t kKept = 512;
};

/// The hook of the bench NSCL (NsclNode::setMidHook): records, scripts, caps the grant.
nodes::NsclNode::MidHook dgNsclHook(std::shared_ptr<DgNsclScript> script);

/// The embedded node's D/GSCL procedures from PIXIT (PX_DG_SCL_*, PX_DG_REG_*, PX_DG_APPS, ...).
Result<nodes::DgSclConfig> dgSclConfigFrom(const Pixit &pixit, const QString &sclId);

/// Whether a seen request matches a filter (empty parts match anything).
bool dgRequestMatches(const DgSeenRequest &s, const std::optional<mid::Method> &method,
                      const QString &targetContains, const QString &root);

/// What the `ctx.nscl` proxy shares with its session (owned by it).
struct DgNsclBench {
    nodes::NetworkThread *net = nullptr;
    nodes::NsclNode *nscl = nullptr;       ///< the bench's NSCL, on `net`
    nodes::DeviceNode *embedded = nullptr; ///< the reference D/G node playing the SUT, or null
    nodes::DgSclAgent *agent = nullptr;    ///< its D/GSCL procedures, on `net`
    /// A second reference gateway (plain HTTP: the bench's MAS holds the first node's Kmr
    /// only) with the same legacy devices behind it, for a device reachable through two
    /// gateways; cued with `node: 2`.
    nodes::DeviceNode *embedded2 = nullptr;
    nodes::DgSclAgent *agent2 = nullptr;
    std::shared_ptr<DgNsclScript> script = std::make_shared<DgNsclScript>();
    QString sclId;          ///< the node's SCL-ID (PX_DG_SC_SCL_ID)
    nodes::DeviceKeys keys; ///< the node's keys as the bench knows them
    QString unavailable;    ///< why the node cannot be tested here
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
    /// The node's next mId request (the first after `since`, default: now) that matches.
    /// Options: trigger ("register", "refresh", "deregister", "announce", "deannounce",
    /// "containers", "data", "attach", "retrieve", "none"), app, content (for the cues that
    /// need them), binding (the embedded node uses it; any binding is seen), method, target
    /// (a substring), root (the body's root element), since, timeoutMs, allowTimeout.
    Q_INVOKABLE QJSValue awaitRequest(const QJSValue &options = QJSValue());
    /// The node's requests after `since` (default 0) matching method/target/root, oldest first.
    Q_INVOKABLE QJSValue requests(const QJSValue &options = QJSValue());
    /// The number of requests seen so far: a `since` for a later awaitRequest or requests().
    Q_INVOKABLE double mark();
    /// The bench NSCL answers the next `times` (1) requests matching method/target with
    /// `status` (a STATUS_ name), `body` (text) and `contentType`, instead of its logic.
    Q_INVOKABLE void answerNext(const QJSValue &options);
    /// The bench NSCL grants an <scl> registration or update at most this many seconds
    /// (0: what was asked for).
    Q_INVOKABLE void grantLifetime(int seconds);
    /// { registered, body }: whether the bench NSCL holds the node's <scl>, and it.
    Q_INVOKABLE QJSValue registered();
    /// The bench NSCL forgets the node's <scl> (as on its expiry), without telling the node.
    Q_INVOKABLE void dropRegistration();
    /// { status, body }: a RETRIEVE by the bench itself (as the node's SCL) of a path.
    Q_INVOKABLE QJSValue retrieve(const QString &path);
    /// The embedded node's own D/GSCL status ({ known: false } for a real node).
    Q_INVOKABLE QJSValue nodeStatus();
    /// awaitRequest with trigger "register" for the first CREATE of an <scl> (the options can
    /// say otherwise).
    Q_INVOKABLE QJSValue awaitRegistration(const QJSValue &options = QJSValue());
    /// Every service connection the bench NSCL saw, oldest first.
    Q_INVOKABLE QJSValue connections();
    /// Waits, bounded by PX_TC_TIMEOUT_MS, waking on stop.
    Q_INVOKABLE void waitSeconds(double seconds);
    /// Faults and scripted answers off; the bench NSCL forgets the SCLs registered with it
    /// (unless `keepRegistrations`: as after a node's restart, its earlier registration is
    /// still there); the embedded node forgets its Kmc and its D/GSCL state (a real node is put
    /// back by the lab: powered up afresh).
    Q_INVOKABLE void reset(const QJSValue &options = QJSValue());

private:
    bool available();
    int timeoutOf(const QJSValue &options) const;
    /// Makes the embedded node act; the flag turns true when it is done (at once for a real node).
    std::shared_ptr<std::atomic_bool> trigger(const QString &what, nodes::MidBinding binding,
                                              const QJSValue &options = QJSValue());
    bool cueAgent(const QString &what, const QJSValue &options,
                  const std::shared_ptr<std::atomic_bool> &finished);
    QJSValue seenToJs(const DgSeenRequest &s) const;
    QJSValue waitFor(const std::function<std::optional<QJSValue>()> &seen, int timeoutMs,
                     bool allowTimeout, const QString &what);

    TestContext *m_context;
    DgNsclBench *m_bench;
};

} // namespace m2mbench::runner
