// SPDX-License-Identifier: Apache-2.0
#pragma once

// The script's handle on the emulated D/G node's service connection (`ctx.connection` in
// CFG_NSCL): connect with Kmr (or deliberately with a wrong key or an unknown identity), read
// the Kmc it gave, drop it, wait for it to expire, derive Kma for an application.

#include "core/nodes/device/device_node.h"
#include "core/runner/script_api.h"

#include <QJSValue>
#include <QObject>

namespace m2mbench::runner {

class ConnectionProxy : public QObject {
    Q_OBJECT
public:
    ConnectionProxy(TestContext *context, nodes::DeviceNode *node);

    /// One service connection. Options: wrongKmr (bool: flip the key), kmr (hex), identity
    /// (text), nodeId (hex) and kmrIndex, lifetime (seconds to ask for), timeoutMs. A refusal is
    /// data: {ok: false, outcome, detail}; only the bench's own trouble ends the step.
    Q_INVOKABLE QJSValue connect(const QJSValue &options = QJSValue());
    /// The Kmc in use: {connectionId, kmcIndex, lifetime, sclId, identity, cipher} or null.
    Q_INVOKABLE QJSValue current();
    /// Forgets the Kmc: the next secured request makes a new service connection.
    Q_INVOKABLE void forget();
    /// Waits (the script's only way to let time pass), at most PX_TC_TIMEOUT_MS, waking on stop.
    Q_INVOKABLE void waitSeconds(double seconds);
    /// Kma for an application registered with the emulated D/GSCL: {ok, recordId, parents}.
    Q_INVOKABLE QJSValue deriveKma(const QString &appId);
    /// The key derivation records of the node: [{id, name, parents}] in order.
    Q_INVOKABLE QJSValue keyRecords();

private:
    QJSValue stateToJs(const nodes::ConnectionState &state) const;

    TestContext *m_context;
    nodes::DeviceNode *m_node;
};

} // namespace m2mbench::runner
