// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/pana/pana_paa.h"

namespace m2mbench::pana {

namespace {

/// The single value of an AVP that must occur exactly once, and be one of `offered`.
std::optional<quint32> chosen(const Message &m, quint16 code, const QList<quint32> &offered) {
    if (m.count(code) != 1) {
        return std::nullopt;
    }
    const auto value = m.u32(code);
    return value && offered.contains(*value) ? value : std::nullopt;
}

} // namespace

QString paaOutcomeName(PaaOutcome::Kind kind) {
    switch (kind) {
    case PaaOutcome::Kind::Pending: return QStringLiteral("pending");
    case PaaOutcome::Kind::Authenticated: return QStringLiteral("authenticated");
    case PaaOutcome::Kind::Rejected: return QStringLiteral("rejected");
    case PaaOutcome::Kind::Failed: return QStringLiteral("failed");
    case PaaOutcome::Kind::Terminated: return QStringLiteral("terminated");
    }
    return {};
}

PaaSession::PaaSession(SessionConfig config, quint32 sessionId, Hooks hooks, PaaHooks paaHooks,
                       const Clock &clock, RandomSource &random)
    : SessionCore(std::move(config), std::move(hooks), clock, random)
    , m_paaHooks(std::move(paaHooks)) {
    setSessionId(sessionId);
}

void PaaSession::start() {
    if (m_state != State::Idle) {
        return;
    }
    Message par;
    par.type = MessageType::Auth;
    par.flags = Flag::Start;
    for (quint32 prf : m_config.prfAlgorithms) {
        par.avps.append(Avp::u32(AvpCode::PrfAlgorithm, prf));
    }
    for (quint32 integrity : m_config.integrityAlgorithms) {
        par.avps.append(Avp::u32(AvpCode::IntegrityAlgorithm, integrity));
    }
    if (sendRequest(par, m_config.timers.request)) {
        m_initialPar = lastRequestBytes();
        m_state = State::WaitPanStart;
        changed();
    }
}

void PaaSession::receive(const QByteArray &datagram) {
    auto parsed = parseMessage(datagram, m_config.limits);
    if (!parsed) {
        note(QStringLiteral("discarded a datagram: ") + parsed.error().message);
        return;
    }
    const Message &m = *parsed;
    if (m.type == MessageType::ClientInitiation) {
        note(m_state == State::Idle ? QStringLiteral("PCI")
                                    : QStringLiteral("PCI retransmission ignored: the PAR[S] "
                                                     "timer retransmits"));
        return;
    }
    if (m.isRequest()) {
        switch (m.type) {
        case MessageType::Auth: onPacPar(datagram, m); return;
        case MessageType::Notification: onNotification(datagram, m); return;
        case MessageType::Termination: onTermination(datagram, m); return;
        case MessageType::ClientInitiation: return;
        }
        return;
    }
    if (m.type == MessageType::Auth && m.has(Flag::Start)) {
        onStartPan(datagram, m);
    } else if (m.type == MessageType::Auth && m.has(Flag::Complete)) {
        onCompletePan(datagram, m);
    } else if (m.type == MessageType::Auth) {
        onPan(datagram, m);
    } else {
        onOtherAnswer(datagram, m);
    }
}

void PaaSession::onStartPan(const QByteArray &raw, const Message &m) {
    if (m_state != State::WaitPanStart || admit(raw, m) != Admit::Accept) {
        if (m_state != State::WaitPanStart) {
            discard(m, QStringLiteral("a PAN[S] after the session started"));
        }
        return;
    }
    const auto prf = chosen(m, AvpCode::PrfAlgorithm, m_config.prfAlgorithms);
    const auto integrity = chosen(m, AvpCode::IntegrityAlgorithm, m_config.integrityAlgorithms);
    settleOutstanding();
    if (!prf || !integrity) {
        finish(PaaOutcome::Kind::Failed,
               QStringLiteral("PAN[S] must choose exactly one of the offered %1 (RFC 5191 "
                              "section 4.1)")
                   .arg(!prf ? QStringLiteral("PRF-Algorithms")
                             : QStringLiteral("Integrity-Algorithms")));
        return;
    }
    setAlgorithms(*prf, *integrity);
    m_initialPan = raw;
    beginPhase();
}

void PaaSession::beginPhase() {
    m_state = State::Authenticating;
    m_firstParOfPhase = true;
    m_needPacNonce = true;
    changed();
    if (m_paaHooks.eapStart) {
        m_paaHooks.eapStart();
    }
}

bool PaaSession::sendEap(const QByteArray &eap) {
    if (m_state != State::Authenticating) {
        return false;
    }
    Message par;
    par.type = MessageType::Auth;
    if (m_firstParOfPhase) {
        m_paaNonce = freshNonce();
        par.avps.append(Avp::make(AvpCode::Nonce, m_paaNonce));
    }
    par.avps.append(Avp::make(AvpCode::EapPayload, eap));
    if (!sendRequest(par, m_config.timers.request)) {
        return false;
    }
    m_firstParOfPhase = false;
    return true;
}

void PaaSession::onPan(const QByteArray &raw, const Message &m) {
    if (admit(raw, m) != Admit::Accept) {
        return;
    }
    if (m_needPacNonce) {
        const Avp *nonce = m.find(AvpCode::Nonce);
        if (nonce == nullptr || nonce->value.size() < 8 || nonce->value.size() > 256) {
            discard(m, QStringLiteral("the PAN answering the first PAR of an authentication must "
                                      "carry a Nonce of 8 to 256 octets (RFC 5191 section 8.5)"));
            return; // the PAR is retransmitted; a PaC that never sends a Nonce times out
        }
        m_pacNonce = nonce->value;
        m_needPacNonce = false;
    }
    settleOutstanding();
    if (const Avp *eap = m.find(AvpCode::EapPayload); eap != nullptr && m_paaHooks.eapResponse) {
        m_paaHooks.eapResponse(eap->value);
    }
}

void PaaSession::onPacPar(const QByteArray &raw, const Message &m) {
    if (admit(raw, m) != Admit::Accept) {
        return;
    }
    if (m_state != State::Authenticating || m.has(Flag::Start) || m.has(Flag::Complete)) {
        discard(m, QStringLiteral("a PaC may send a PAR only to carry an EAP Response during "
                                  "authentication"));
        return;
    }
    sendAnswer(m, Message{});
    // Our PAR was evidently processed (its EAP Response is here) even if its PAN was lost.
    if (!m_needPacNonce) {
        settleOutstanding();
    }
    if (const Avp *eap = m.find(AvpCode::EapPayload); eap != nullptr && m_paaHooks.eapResponse) {
        m_paaHooks.eapResponse(eap->value);
    }
}

bool PaaSession::complete(quint32 resultCode, const QByteArray &eapFinal,
                          const std::optional<crypto::NamedKey> &msk, const QList<Avp> &extraAvps) {
    if (m_state != State::Authenticating) {
        return false;
    }
    Message par;
    par.type = MessageType::Auth;
    par.flags = Flag::Complete;
    par.avps.append(Avp::u32(AvpCode::ResultCode, resultCode));
    par.avps.append(Avp::make(AvpCode::EapPayload, eapFinal));
    if (msk) {
        const quint32 keyId = m_nextKeyId++;
        auto key = deriveAuthKey(*msk, keyId);
        if (!key) {
            note(QStringLiteral("cannot derive PANA_AUTH_KEY: ") + key.error().message);
            return false;
        }
        activateKey(std::move(*key), keyId);
        par.avps.append(Avp::u32(AvpCode::KeyId, keyId));
    }
    if (resultCode == ResultCode::Success) {
        par.avps.append(Avp::u32(AvpCode::SessionLifetime, m_config.sessionLifetimeSeconds));
    }
    par.avps.append(extraAvps);
    m_pendingResult = resultCode;
    if (!sendRequest(par, m_config.timers.request)) {
        return false;
    }
    m_state = State::WaitPanComplete;
    changed();
    return true;
}

void PaaSession::onCompletePan(const QByteArray &raw, const Message &m) {
    if (m_state != State::WaitPanComplete || admit(raw, m) != Admit::Accept) {
        if (m_state != State::WaitPanComplete) {
            discard(m, QStringLiteral("a PAN[C] without a PAR[C]"));
        }
        return;
    }
    if (hasKey() && m.u32(AvpCode::KeyId) != keyId()) {
        discard(m, QStringLiteral("PAN[C] Key-Id %1 does not echo the PAR[C]'s %2")
                       .arg(m.u32(AvpCode::KeyId).value_or(0))
                       .arg(keyId()));
        return;
    }
    settleOutstanding();
    if (m_pendingResult != ResultCode::Success) {
        finish(PaaOutcome::Kind::Rejected,
               QStringLiteral("authentication ended with Result-Code %1").arg(m_pendingResult));
        return;
    }
    m_state = State::Open;
    ++m_outcome.authentications;
    m_outcome.keyId = keyId();
    m_outcome.kind = PaaOutcome::Kind::Authenticated;
    m_outcome.reason = QStringLiteral("PAN[C] with valid AUTH and Key-Id %1").arg(keyId());
    setLifetime(m_config.sessionLifetimeSeconds);
    changed();
}

void PaaSession::onNotification(const QByteArray &raw, const Message &m) {
    if (admit(raw, m) != Admit::Accept) {
        return;
    }
    if (m_state != State::Open) {
        discard(m, QStringLiteral("a PNR outside an open session"));
        return;
    }
    Message pna;
    pna.flags = m.flags & (Flag::Ping | Flag::ReAuth);
    sendAnswer(m, pna);
    if (m.has(Flag::ReAuth)) {
        note(QStringLiteral("re-authentication requested by the PaC"));
        beginPhase();
    }
}

void PaaSession::onTermination(const QByteArray &raw, const Message &m) {
    if (admit(raw, m) != Admit::Accept) {
        return;
    }
    sendAnswer(m, Message{});
    m_outcome.terminationCause = m.u32(AvpCode::TerminationCause).value_or(0);
    finish(PaaOutcome::Kind::Terminated,
           QStringLiteral("terminated by the PaC (Termination-Cause %1)")
               .arg(m_outcome.terminationCause));
}

void PaaSession::onOtherAnswer(const QByteArray &raw, const Message &m) {
    if (admit(raw, m) != Admit::Accept) {
        return;
    }
    settleOutstanding();
    if (m.type == MessageType::Notification && m.has(Flag::Ping)) {
        ++m_outcome.pingsAnswered;
        changed();
    } else if (m.type == MessageType::Termination) {
        finish(PaaOutcome::Kind::Terminated, QStringLiteral("terminated by the PAA"));
    }
}

bool PaaSession::ping() {
    if (m_state != State::Open) {
        return false;
    }
    Message pnr;
    pnr.type = MessageType::Notification;
    pnr.flags = Flag::Ping;
    return sendRequest(pnr, m_config.timers.request);
}

bool PaaSession::reauthenticate() {
    if (m_state != State::Open || requestOutstanding()) {
        return false;
    }
    beginPhase();
    return true;
}

bool PaaSession::terminate(quint32 cause) {
    if (m_state != State::Open && m_state != State::Authenticating) {
        return false;
    }
    Message ptr;
    ptr.type = MessageType::Termination;
    ptr.avps = {Avp::u32(AvpCode::TerminationCause, cause)};
    settleOutstanding();
    if (!sendRequest(ptr, m_config.timers.request)) {
        return false;
    }
    m_state = State::WaitPta;
    return true;
}

void PaaSession::lifetimeExpired() {
    note(QStringLiteral("the session lifetime expired"));
    if (!terminate(TerminationCause::SessionTimeout)) {
        finish(PaaOutcome::Kind::Terminated, QStringLiteral("the session lifetime expired"));
    }
}

void PaaSession::retransmissionsExhausted(const Message &request) {
    finish(PaaOutcome::Kind::Failed,
           QStringLiteral("no answer to %1 seq=%2 after %3 retransmissions (RFC 5191 section 9)")
               .arg(messageName(request))
               .arg(request.seq)
               .arg(m_config.timers.request.mrc));
}

void PaaSession::finish(PaaOutcome::Kind kind, const QString &reason) {
    if (m_outcome.kind != PaaOutcome::Kind::Authenticated || kind != PaaOutcome::Kind::Failed) {
        m_outcome.kind = kind;
        m_outcome.reason = reason;
    }
    m_state = State::Closed;
    close(reason);
}

} // namespace m2mbench::pana
