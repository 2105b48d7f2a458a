// SPDX-License-Identifier: Apache-2.0
#pragma once

// The D/GSCL's procedures towards its NSCL on mId (docs/dg-suite.md), on the D/G node's own
// request paths (HTTP, HTTP over TLS-PSK, CoAP, CoAP over DTLS-PSK):
//   SCL registration  CREATE <scl> on NSCL/scls; STATUS_CONFLICT: RETRIEVE and UPDATE its
//                     <scl> instead; transient refusals retried with back-off, a bounded number
//                     of times; expirationTime refreshed by UPDATE before it runs out; DELETE
//                     to deregister
//   applications      each DA/GA announced as an <applicationAnnc> below NSCL/scls/SCL/
//                     applications (link into the node's own <sclBase>), de-announced by DELETE
//   data              a <container> per application below NSCL/scls/SCL/containers, and
//                     <contentInstance>s posted into it
//   gateway (case 2)  the legacy devices behind it as <attachedDevice>s below
//                     NSCL/scls/SCL/attachedDevices
// Every answer of the NSCL is untrusted: whatever comes back ends as a defined state with a
// reason, never a crash or an unbounded loop.

#include "core/nodes/device/device_node.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace m2mbench::nodes {

/// One DA (device) or GA (gateway) application of the D/GSCL.
struct DgApplicationConfig {
    QString appId;
    QStringList searchStrings;
    QString containerId; ///< its data container on the NSCL; empty: the appId
};

/// What the D/GSCL's procedures do; every bound is here, none in code.
struct DgSclConfig {
    bool gateway = false;
    QString sclId;
    QString nsclBase = QStringLiteral("/m2m"); ///< path of the NSCL's <sclBase>
    QStringList pocs;                          ///< the D/GSCL's points of contact
    QString ownBase;               ///< URI of its own <sclBase> (announce links); empty: pocs[0]
    qint64 lifetimeSeconds = 3600; ///< expirationTime asked for on registration and refresh
    /// Refresh this long before the granted expirationTime (at most half the time left, so that
    /// a short grant is refreshed too).
    qint64 refreshMarginSeconds = 30;
    int maxAttempts = 3;     ///< registration attempts before giving up
    int backoffMs = 500;     ///< wait before the second attempt, doubled for each further one
    int maxBackoffMs = 8000; ///< the longest wait between attempts
    int maxRefreshFailures = 3;
    /// Never refresh sooner than this after a grant: an NSCL granting a few milliseconds at a
    /// time must not turn the refresh into a request storm.
    int minRefreshIntervalMs = 1000;
    int requestTimeoutMs = 5000;
    QList<DgApplicationConfig> applications;
    QStringList attachedDevices;       ///< legacy devices behind a gateway (ignored for a device)
    std::optional<MidBinding> binding; ///< unset: the node's
};

enum class DgSclState { Idle, Registering, Registered, Deregistering, Failed };
QString dgSclStateName(DgSclState state);

/// Where the D/GSCL stands with its NSCL.
struct DgSclStatus {
    DgSclState state = DgSclState::Idle;
    QString reason;   ///< why Failed, or the latest trouble
    int attempts = 0; ///< CREATE attempts of the latest registration
    QDateTime expiry; ///< the expirationTime the NSCL granted
    int refreshes = 0;
    QStringList announced;       ///< appIds announced
    QStringList containers;      ///< container paths on the NSCL
    QStringList attachedDevices; ///< devices reported
    int instancesPosted = 0;
};

/// The D/GSCL procedure layer of a DeviceNode. Lives on the node's network thread; every
/// `done` runs there exactly once (unless stop() drops it).
class DgSclAgent : public QObject {
    Q_OBJECT
public:
    DgSclAgent(DeviceNode *node, DgSclConfig config, trace::Trace *trace,
               QObject *parent = nullptr);
    ~DgSclAgent() override;

    using Done = std::function<void(bool ok, const QString &reason)>;

    /// Registers (or re-registers) with the NSCL.
    void registerScl(Done done);
    /// UPDATE of the <scl>'s expirationTime now (the timer does it on its own).
    void refresh(Done done);
    /// DELETE of the <scl>; STATUS_NOT_FOUND counts as done.
    void deregister(Done done);
    /// Announces every configured application, registering first when not registered.
    void announceApplications(Done done);
    /// The application goes: DELETE of its <applicationAnnc>.
    void deannounce(const QString &appId, Done done);
    /// A <container> per application (STATUS_CONFLICT: it is there), registering first.
    void createContainers(Done done);
    /// A <contentInstance> into the application's container (made first when missing).
    void postContent(const QString &appId, const QByteArray &content, const QString &contentType,
                     Done done);
    /// Reports each legacy device behind the gateway as an <attachedDevice>.
    void reportAttachedDevices(Done done);
    /// Drops timers and whatever is in flight; the state goes back to Idle.
    void stop();

    [[nodiscard]] const DgSclStatus &status() const { return m_status; }
    [[nodiscard]] const DgSclConfig &config() const { return m_config; }
    void setConfig(DgSclConfig config) { m_config = std::move(config); }
    /// Path of the node's <scl> on the NSCL.
    [[nodiscard]] QString sclPath() const;

signals:
    void stateChanged(m2mbench::nodes::DgSclState state, const QString &reason);

private:
    using Answer = std::function<void(const MidExchange &)>;
    void send(mid::Method method, const QString &target, const QByteArray &body,
              const QString &contentType, Answer answer);
    void attempt(Done done);
    void onCreateAnswer(const MidExchange &ex, Done done);
    void adoptExisting(Done done);
    void retryOrGiveUp(const QString &why, bool retryable, Done done);
    bool takeGrant(const MidExchange &ex, QString *why);
    void scheduleRefresh();
    void refreshOnce(int failures, Done done);
    void setState(DgSclState state, const QString &reason = {});
    void note(const QString &line);
    /// Runs `next` once registered (registering first), else `done` with the reason.
    void whenRegistered(std::function<void()> next, Done done);
    void announceFrom(int index, QStringList failures, Done done);
    void containersFrom(int index, QStringList failures, Done done);
    void attachFrom(int index, QStringList failures, Done done);
    [[nodiscard]] QByteArray sclBody(bool withId) const;
    [[nodiscard]] QString containerIdOf(const QString &appId) const;
    [[nodiscard]] MidBinding binding() const;

    DeviceNode *m_node;
    DgSclConfig m_config;
    trace::Trace *m_trace;
    DgSclStatus m_status;
    QTimer m_refreshTimer;
    QTimer m_retryTimer;
    /// Bumped by stop(): answers and timers of an earlier generation are dropped.
    quint64 m_generation = 0;
};

/// <applicationAnnc> (applicationAnnc.xsd): the link first, then searchStrings, expirationTime.
QByteArray encodeApplicationAnnc(const QString &appId, const QString &link,
                                 const QStringList &searchStrings, const QDateTime &expiration);
/// <container m2m:id=...> with its searchStrings (container.xsd).
QByteArray encodeContainer(const QString &id, const QStringList &searchStrings);
/// <contentInstance> carrying the content (base64) with its type (contentInstance.xsd).
QByteArray encodeContentInstance(const QByteArray &content, const QString &contentType);
/// <attachedDevice m2m:id=...> (attachedDevice.xsd).
QByteArray encodeAttachedDevice(const QString &id);

} // namespace m2mbench::nodes
