// SPDX-License-Identifier: Apache-2.0
#pragma once

// Pieces both ends of the bootstrap share: recording the EAP-TLS key material as a derivation
// tree, and waiting on a node's state with a timeout.

#include "core/crypto/key_recorder.h"
#include "core/protocol/eap/tls_session.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace m2mbench::nodes {

struct RecordedEapKeys {
    crypto::NamedKey keyMaterial;
    crypto::NamedKey msk;
    crypto::NamedKey emsk;
};

/// Records one Key_Material root, then MSK = [0..63] and EMSK = [64..127] as its children. Over
/// TLS 1.2 it is the RFC 5216 TLS-PRF with the suite's PRF hash and its inputs, when the PRF over
/// them reproduces the exported keys (else the exporter's output under the same formula); over
/// TLS 1.3 the RFC 9190 exporter's output. Without `tls` (keys from an AAA server) `origin`
/// names where they came from. An empty EMSK (RADIUS hands over only the MSK) records the MSK
/// as given.
RecordedEapKeys recordEapKeys(crypto::KeyRecorder &keys, const eap::TlsConnection *tls,
                              const SecureBytes &msk, const SecureBytes &emsk,
                              const QString &origin);

/// Callbacks waiting for a condition on a node's thread, each with its own timeout.
class WaitList {
public:
    explicit WaitList(QObject *owner)
        : m_owner(owner) {}
    ~WaitList();
    WaitList(const WaitList &) = delete;
    WaitList &operator=(const WaitList &) = delete;

    /// `done(true)` once `condition` holds (checked now and at every check()), `done(false)`
    /// when `timeoutMs` passes first.
    void add(std::function<bool()> condition, int timeoutMs, std::function<void(bool)> done);
    /// Re-evaluates every condition (call after anything that can change them).
    void check();

private:
    struct Waiter {
        std::function<bool()> condition;
        std::function<void(bool)> done;
        QTimer *timer = nullptr;
    };
    QObject *m_owner;
    QList<std::shared_ptr<Waiter>> m_waiters;
};

} // namespace m2mbench::nodes
