// SPDX-License-Identifier: Apache-2.0
#pragma once

// The PANA Client (RFC 5191; states after RFC 5609, simplified): PCI, the PAR[S]/PAN[S]
// algorithm negotiation, EAP carried in PAR/PAN (piggybacked or in PARs of its own), the final
// PAR[C] whose AUTH is checked with the key of this very EAP run before anything in it is
// believed, then ping, re-authentication and termination.

#include "core/protocol/eap/eap_peer.h"
#include "core/protocol/pana/pana_session.h"

#include <memory>

namespace m2mbench::pana {

/// How a PaC's authentication ended, and what the final PAR brought.
struct PacOutcome {
    enum class Kind { Pending, Authenticated, Rejected, Failed, Terminated };
    Kind kind = Kind::Pending;
    QString reason;
    std::optional<quint32> resultCode;
    quint32 keyId = 0;
    quint32 sessionLifetime = 0;
    /// Vendor-specific AVPs of the last accepted PAR[C] (the bootstrap parameters).
    QList<Avp> vendorAvps;
    QByteArray finalPar; ///< the accepted PAR[C] as received
    AuthCheck finalAuth = AuthCheck::Missing;
    int rejectedFinalPars = 0; ///< PAR[C]s discarded because their AUTH did not verify
    int authentications = 0;   ///< successful EAP runs (1 + re-authentications)
    int pingsAnswered = 0;
    quint32 terminationCause = 0;
};

QString pacOutcomeName(PacOutcome::Kind kind);

class PacSession final : public SessionCore {
public:
    enum class State { Idle, WaitPaaStart, Authenticating, Open, WaitPta, Closed };

    struct PacHooks {
        /// A fresh EAP peer for each authentication (the first and every re-authentication).
        std::function<std::unique_ptr<eap::EapPeer>()> makeEap;
        /// Called when EAP succeeded with a key: records Key_Material, MSK, EMSK and returns the
        /// MSK with its record id (the parent of PANA_AUTH_KEY).
        std::function<crypto::NamedKey(eap::EapPeer &peer)> recordMsk;
        /// An EAP packet arrived or left, with the EAP state machine's note.
        std::function<void(const QString &note)> eapNote;
    };

    PacSession(SessionConfig config, Hooks hooks, PacHooks pacHooks, const Clock &clock,
               RandomSource &random);

    /// PaC-initiated handshake: sends PCI. (Without it, the PaC waits for a PAA-initiated
    /// PAR[S].)
    void start();
    void receive(const QByteArray &datagram) override;

    bool ping();
    bool reauthenticate();
    bool terminate(quint32 cause = TerminationCause::Logout);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const PacOutcome &outcome() const { return m_outcome; }
    [[nodiscard]] eap::EapPeer *eap() const { return m_eap.get(); }

private:
    void onStartPar(const QByteArray &raw, const Message &m);
    void onPar(const QByteArray &raw, const Message &m);
    void onCompletePar(const QByteArray &raw, const Message &m);
    void onNotification(const QByteArray &raw, const Message &m);
    void onTermination(const QByteArray &raw, const Message &m);
    void onAnswer(const QByteArray &raw, const Message &m);
    std::optional<QByteArray> runEap(const Message &m);
    bool acceptFinalKey(const QByteArray &raw, const Message &m);
    void lifetimeExpired() override;
    void retransmissionsExhausted(const Message &request) override;
    void finish(PacOutcome::Kind kind, const QString &reason);

    PacHooks m_pacHooks;
    State m_state = State::Idle;
    std::unique_ptr<eap::EapPeer> m_eap;
    bool m_firstParOfPhase = true;
    bool m_reauthRequested = false;
    PacOutcome m_outcome;
};

} // namespace m2mbench::pana
