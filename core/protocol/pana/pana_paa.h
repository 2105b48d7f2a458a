// SPDX-License-Identifier: Apache-2.0
#pragma once

// The PANA Authentication Agent (RFC 5191; states after RFC 5609, simplified). The EAP
// authenticator is outside the session: a local EAP server or a RADIUS pass-through, possibly
// asynchronous. The session asks for the first EAP Request (eapStart), hands over each EAP
// Response (eapResponse), sends what it is given (sendEap), and ends the authentication with
// complete(): the final PAR[C] with Result-Code, the EAP Success or Failure, Key-Id, lifetime, the
// caller's extra AVPs (the bootstrap parameters) and AUTH under the new PANA_AUTH_KEY.

#include "core/protocol/pana/pana_session.h"

namespace m2mbench::pana {

struct PaaOutcome {
    enum class Kind { Pending, Authenticated, Rejected, Failed, Terminated };
    Kind kind = Kind::Pending;
    QString reason;
    quint32 keyId = 0;
    int authentications = 0;
    int pingsAnswered = 0;
    quint32 terminationCause = 0;
};

QString paaOutcomeName(PaaOutcome::Kind kind);

class PaaSession final : public SessionCore {
public:
    enum class State { Idle, WaitPanStart, Authenticating, WaitPanComplete, Open, WaitPta, Closed };

    struct PaaHooks {
        /// Begin an EAP run; the authenticator answers with sendEap(Request/Identity).
        std::function<void()> eapStart;
        /// An EAP Response of the PaC, for the authenticator.
        std::function<void(const QByteArray &eap)> eapResponse;
    };

    PaaSession(SessionConfig config, quint32 sessionId, Hooks hooks, PaaHooks paaHooks,
               const Clock &clock, RandomSource &random);

    /// Sends PAR[S] (after a PCI, or PAA-initiated towards a known PaC).
    void start();
    void receive(const QByteArray &datagram) override;

    /// The authenticator's next EAP Request.
    bool sendEap(const QByteArray &eap);
    /// Ends the authentication: PAR[C] with `resultCode`, the final EAP packet, Key-Id and AUTH
    /// when `msk` is given, Session-Lifetime on success, then `extraAvps`.
    bool complete(quint32 resultCode, const QByteArray &eapFinal,
                  const std::optional<crypto::NamedKey> &msk, const QList<Avp> &extraAvps);

    bool ping();
    bool reauthenticate();
    bool terminate(quint32 cause = TerminationCause::Administrative);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] const PaaOutcome &outcome() const { return m_outcome; }

private:
    void onStartPan(const QByteArray &raw, const Message &m);
    void onPan(const QByteArray &raw, const Message &m);
    void onCompletePan(const QByteArray &raw, const Message &m);
    void onPacPar(const QByteArray &raw, const Message &m);
    void onNotification(const QByteArray &raw, const Message &m);
    void onTermination(const QByteArray &raw, const Message &m);
    void onOtherAnswer(const QByteArray &raw, const Message &m);
    void lifetimeExpired() override;
    void retransmissionsExhausted(const Message &request) override;
    void finish(PaaOutcome::Kind kind, const QString &reason);
    void beginPhase();

    PaaHooks m_paaHooks;
    State m_state = State::Idle;
    bool m_firstParOfPhase = true;
    bool m_needPacNonce = false;
    quint32 m_pendingResult = 0;
    quint32 m_nextKeyId = 1;
    PaaOutcome m_outcome;
};

} // namespace m2mbench::pana
