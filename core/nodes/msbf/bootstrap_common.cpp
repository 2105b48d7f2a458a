// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/msbf/bootstrap_common.h"

#include "core/crypto/key_hierarchy.h"

namespace m2mbench::nodes {

RecordedEapKeys recordEapKeys(crypto::KeyRecorder &keys, const eap::TlsConnection *tls,
                              const SecureBytes &msk, const SecureBytes &emsk,
                              const QString &origin) {
    RecordedEapKeys out;
    if (emsk.isEmpty()) {
        out.msk = keys.recordGiven(QStringLiteral("MSK"), msk, origin);
        return out;
    }
    SecureBytes material = msk;
    material.append(emsk.span());
    SecureBytes master;
    QByteArray clientRandom;
    QByteArray serverRandom;
    Result<crypto::NamedKey> km = fail(Error::Kind::Internal, QString());
    if (tls && tls->tls12Secrets(master, clientRandom, serverRandom)) {
        km = keys.record(crypto::deriveEapTlsKeyMaterial(master, clientRandom, serverRandom));
    }
    if (!km || !km->value.equals(material)) {
        km = keys.recordGiven(QStringLiteral("Key_Material"), material, origin);
    }
    out.keyMaterial = *km;
    auto m = keys.record(crypto::sliceKey(*km, QStringLiteral("MSK"), 0, 64));
    auto e = keys.record(crypto::sliceKey(*km, QStringLiteral("EMSK"), 64, 64));
    out.msk = m ? *m : crypto::NamedKey{QStringLiteral("MSK"), msk, {}};
    out.emsk = e ? *e : crypto::NamedKey{QStringLiteral("EMSK"), emsk, {}};
    return out;
}

WaitList::~WaitList() {
    for (const auto &w : std::as_const(m_waiters)) {
        delete w->timer;
    }
}

void WaitList::add(std::function<bool()> condition, int timeoutMs, std::function<void(bool)> done) {
    if (condition()) {
        done(true);
        return;
    }
    auto waiter = std::make_shared<Waiter>();
    waiter->condition = std::move(condition);
    waiter->done = std::move(done);
    waiter->timer = new QTimer(m_owner);
    waiter->timer->setSingleShot(true);
    QObject::connect(waiter->timer, &QTimer::timeout, m_owner, [this, waiter] {
        m_waiters.removeOne(waiter);
        waiter->timer->deleteLater();
        waiter->timer = nullptr;
        waiter->done(waiter->condition());
    });
    waiter->timer->start(std::max(0, timeoutMs));
    m_waiters.append(waiter);
}

void WaitList::check() {
    const auto waiters = m_waiters;
    for (const auto &w : waiters) {
        if (m_waiters.contains(w) && w->condition()) {
            m_waiters.removeOne(w);
            w->timer->stop();
            w->timer->deleteLater();
            w->timer = nullptr;
            w->done(true);
        }
    }
}

} // namespace m2mbench::nodes
