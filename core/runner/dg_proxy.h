// SPDX-License-Identifier: Apache-2.0
#pragma once

// The script's handle in CFG_DG, where the D/G node is the SUT and the bench is its MSBF:
//   ctx.msbf  await the device's bootstrap (triggering the embedded device, or a PAA-initiated
//             start towards a real one, or waiting for its PCI), ping, re-authenticate,
//             terminate, replay, and deliberate faults (a rogue certificate, a wrong AUTH).

#include "core/nodes/device/bootstrap_client.h"
#include "core/nodes/msbf/msbf_node.h"
#include "core/nodes/network_thread.h"
#include "core/runner/boot_support.h"
#include "core/runner/script_api.h"

#include <QJSValue>
#include <QObject>

namespace m2mbench::runner {

/// What the CFG_DG proxy shares with its configuration session (owned by it).
struct DgBench {
    nodes::NetworkThread *net = nullptr;
    nodes::MsbfNode *msbf = nullptr; ///< the bench's MSBF, on `net`
    RunPki pki;
    /// How the device is made to bootstrap.
    enum class Trigger { Embedded, PaaInitiated, WaitForPci } trigger = Trigger::Embedded;
    std::optional<nodes::DeviceBootstrapConfig> embeddedConfig;
    nodes::DeviceBootstrap *embedded = nullptr; ///< the reference device (the SUT), on `net`
    Endpoint device;                            ///< for PaaInitiated
    QString unavailable;
};

class DgMsbfProxy : public QObject {
    Q_OBJECT
public:
    DgMsbfProxy(TestContext *context, DgBench *bench);

    /// One bootstrap of the device, as the MSBF sees it. Options: serverCertificate ("valid" |
    /// "rogue"), corruptFinalAuth, withholdFinal, rejectDevice, timeoutMs.
    Q_INVOKABLE QJSValue awaitBootstrap(const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue ping(const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue reauthenticate(const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue terminate(const QJSValue &options = QJSValue());
    /// A PTR reusing the sequence number of the MSBF's last request: the device must not end
    /// the session.
    Q_INVOKABLE QJSValue replayTermination(const QJSValue &options = QJSValue());
    /// The latest session as the MSBF sees it.
    Q_INVOKABLE QJSValue session();

private:
    QJSValue infoToJs(const nodes::MsbfSessionInfo &info) const;
    int timeoutOf(const QJSValue &options, const QString &pixitItem) const;
    QJSValue
    step(const QJSValue &options, const std::function<bool(nodes::MsbfNode &, quint32)> &act,
         const std::function<bool(const nodes::MsbfSessionInfo &, const nodes::MsbfSessionInfo &)>
             &done);

    TestContext *m_context;
    DgBench *m_bench;
};

} // namespace m2mbench::runner
