// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/msbf/bootstrap_common.h"

#include "core/crypto/key_hierarchy.h"
#include "core/crypto/tls_keys.h"

#include <optional>

namespace m2mbench::nodes {

namespace {

constexpr int kTls13 = 0x0304;

/// RFC 5216 section 2.3, with the PRF hash the suite negotiated (RFC 5246 section 5).
QString tls12Formula(const QString &hash) {
    return QStringLiteral("TLS-PRF-128(master_secret, \"client EAP encryption\", client.random || "
                          "server.random), PRF with %1  [RFC 5216 2.3]")
        .arg(hash);
}

/// RFC 9190 section 2.3.
QString tls13Formula() {
    return QStringLiteral("TLS-Exporter(\"EXPORTER_EAP_TLS_Key_Material\", 0x0D, 128)  "
                          "[RFC 9190 2.3]");
}

/// Key_Material out of the TLS 1.2 PRF with its inputs, when the connection gives them and the
/// PRF over them reproduces what the exporter handed over; otherwise no record.
std::optional<trace::KeyDerivation> tls12Derivation(const eap::TlsConnection &tls,
                                                    const SecureBytes &material) {
    SecureBytes master;
    QByteArray clientRandom;
    QByteArray serverRandom;
    if (!tls.tls12Secrets(master, clientRandom, serverRandom)) {
        return std::nullopt;
    }
    const auto hash = crypto::tls12PrfHash(tls.cipherName());
    if (!hash) {
        return std::nullopt;
    }
    auto derived = crypto::eapTlsKeyMaterial(master, clientRandom, serverRandom, *hash);
    if (!derived || !derived->equals(material)) {
        return std::nullopt;
    }
    trace::KeyDerivation record;
    record.name = QStringLiteral("Key_Material");
    record.formulaId = QStringLiteral("eap_tls_prf");
    record.formula = tls12Formula(crypto::prfHashName(*hash));
    record.label = QString::fromLatin1(crypto::kEapTlsLabel);
    record.inputs = {crypto::secretInput(QStringLiteral("master_secret"), master),
                     crypto::octetsInput(QStringLiteral("client.random"), clientRandom),
                     crypto::octetsInput(QStringLiteral("server.random"), serverRandom)};
    record.output = std::move(*derived);
    return record;
}

} // namespace

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
    Result<crypto::NamedKey> km = fail(Error::Kind::Internal, QString());
    if (tls == nullptr) {
        km = keys.recordGiven(QStringLiteral("Key_Material"), material, origin);
    } else if (tls->version() == kTls13) {
        km = keys.recordGiven(QStringLiteral("Key_Material"), material, tls13Formula());
    } else if (auto derivation = tls12Derivation(*tls, material)) {
        km = keys.record(std::move(*derivation));
    } else {
        const auto hash = crypto::tls12PrfHash(tls->cipherName());
        km = keys.recordGiven(
            QStringLiteral("Key_Material"), material,
            tls12Formula(hash ? crypto::prfHashName(*hash) : QStringLiteral("the suite's hash")) +
                QStringLiteral(", from the TLS exporter"));
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
