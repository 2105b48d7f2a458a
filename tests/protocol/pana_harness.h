// SPDX-License-Identifier: Apache-2.0
#pragma once

// A PaC and a PAA wired back to back in one thread, with the bench's EAP-TLS peer and server, a
// manual clock and seeded randomness: every PANA exchange of the tests runs here deterministically.

#include "core/common/clock.h"
#include "core/crypto/random.h"
#include "core/protocol/eap/eap_server.h"
#include "core/protocol/eap/eap_tls.h"
#include "core/protocol/pana/pana_paa.h"
#include "core/protocol/pana/pana_pac.h"
#include "tests/protocol/boot_pki.h"

#include <deque>

namespace m2mbench::test {

class PanaPair {
public:
    explicit PanaPair(pana::SessionConfig pacConfig = {}, pana::SessionConfig paaConfig = {},
                      crypto::Credential device = BootPki::get().device)
        : m_random(42) {
        eap::TlsConfig server;
        server.role = eap::TlsRole::Server;
        server.caPem = BootPki::get().ca.certificatePem;
        server.credential = BootPki::get().msbf;
        eap::TlsConfig client;
        client.caPem = BootPki::get().ca.certificatePem;
        client.credential = std::move(device);
        client.expectedServerName = BootPki::get().msbfName;
        m_serverTls = *eap::TlsContext::create(server);
        m_clientTls = *eap::TlsContext::create(client);
        makePac(std::move(pacConfig));
        makePaa(std::move(paaConfig));
    }

    pana::PacSession &pac() { return *m_pac; }
    pana::PaaSession &paa() { return *m_paa; }
    ManualClock &clock() { return m_clock; }
    std::deque<QByteArray> &toPaa() { return m_toPaa; }
    std::deque<QByteArray> &toPac() { return m_toPac; }
    QStringList &notes() { return m_notes; }
    /// Extra AVPs the PAA puts in its PAR[C] (the bootstrap parameters in real use).
    QList<pana::Avp> extraAvps;
    int sentToPaa = 0;
    int sentToPac = 0;

    /// Delivers queued datagrams until both queues are empty (bounded).
    void pump(int maxSteps = 500) {
        for (int i = 0; i < maxSteps && (!m_toPaa.empty() || !m_toPac.empty()); ++i) {
            if (!m_toPaa.empty()) {
                const QByteArray d = m_toPaa.front();
                m_toPaa.pop_front();
                m_paa->receive(d);
            }
            if (!m_toPac.empty()) {
                const QByteArray d = m_toPac.front();
                m_toPac.pop_front();
                m_pac->receive(d);
            }
        }
    }

    /// Moves the clock in steps, running both sessions' timers and pumping, for `ms`.
    void advance(qint64 ms, qint64 stepMs = 100) {
        for (qint64 t = 0; t < ms; t += stepMs) {
            m_clock.advanceMs(stepMs);
            m_pac->onTimer();
            m_paa->onTimer();
            pump();
        }
    }

    void bootstrap() {
        m_paa->start();
        pump();
    }

    void startWithPci() {
        m_pac->start();
        // The node would create the PAA session on the PCI; here it exists already.
        const QByteArray pci = m_toPaa.front();
        m_toPaa.pop_front();
        m_paa->receive(pci);
        m_paa->start();
        pump();
    }

private:
    void makePac(pana::SessionConfig config) {
        pana::Hooks hooks;
        hooks.send = [this](const QByteArray &b, const pana::Message &) {
            ++sentToPaa;
            m_toPaa.push_back(b);
        };
        hooks.note = [this](const QString &n) { m_notes << QStringLiteral("PaC: ") + n; };
        pana::PacSession::PacHooks pacHooks;
        pacHooks.makeEap = [this] {
            return std::make_unique<eap::EapPeer>(
                BootPki::get().identity, QList<quint8>{eap::Type::Tls},
                [this](quint8) { return std::make_unique<eap::EapTlsPeer>(m_clientTls); });
        };
        m_pac = std::make_unique<pana::PacSession>(std::move(config), hooks, pacHooks, m_clock,
                                                   m_random);
    }

    void makePaa(pana::SessionConfig config) {
        pana::Hooks hooks;
        hooks.send = [this](const QByteArray &b, const pana::Message &) {
            ++sentToPac;
            m_toPac.push_back(b);
        };
        hooks.note = [this](const QString &n) { m_notes << QStringLiteral("PAA: ") + n; };
        pana::PaaSession::PaaHooks paaHooks;
        paaHooks.eapStart = [this] {
            m_eapServer = std::make_unique<eap::EapServer>([this](const QString &) {
                return Result<std::unique_ptr<eap::ServerMethod>>(
                    std::make_unique<eap::EapTlsServer>(m_serverTls));
            });
            m_paa->sendEap(m_eapServer->start().packet);
        };
        paaHooks.eapResponse = [this](const QByteArray &eap) {
            const auto out = m_eapServer->receive(eap);
            if (out.ignored) {
                return;
            }
            switch (m_eapServer->status()) {
            case eap::EapServer::Status::Running: m_paa->sendEap(out.packet); break;
            case eap::EapServer::Status::Success:
                m_paa->complete(pana::ResultCode::Success, out.packet,
                                crypto::NamedKey{QStringLiteral("MSK"), m_eapServer->msk(), {}},
                                extraAvps);
                break;
            case eap::EapServer::Status::Failure:
                m_paa->complete(pana::ResultCode::AuthenticationRejected, out.packet, std::nullopt,
                                {});
                break;
            }
        };
        m_paa = std::make_unique<pana::PaaSession>(std::move(config), 0x1234abcd, hooks, paaHooks,
                                                   m_clock, m_random);
    }

    ManualClock m_clock;
    crypto::SeededRandomSource m_random;
    std::shared_ptr<eap::TlsContext> m_serverTls;
    std::shared_ptr<eap::TlsContext> m_clientTls;
    std::unique_ptr<eap::EapServer> m_eapServer;
    std::unique_ptr<pana::PacSession> m_pac;
    std::unique_ptr<pana::PaaSession> m_paa;
    std::deque<QByteArray> m_toPaa;
    std::deque<QByteArray> m_toPac;
    QStringList m_notes;
};

} // namespace m2mbench::test
