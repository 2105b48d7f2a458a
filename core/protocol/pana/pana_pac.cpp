// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/pana/pana_pac.h"

namespace m2mbench::pana {

namespace {

std::optional<quint32> pickAlgorithm(const Message &m, quint16 code, const QList<quint32> &ours) {
    for (const Avp &a : m.avps) {
        if (a.code == code && !a.isVendor() && a.u32() && ours.contains(*a.u32())) {
            return *a.u32();
        }
    }
    return std::nullopt;
}

bool validNonce(const Avp *nonce) {
    return nonce != nullptr && nonce->value.size() >= 8 && nonce->value.size() <= 256;
}

QString resultName(quint32 code) {
    switch (code) {
    case ResultCode::Success: return QStringLiteral("PANA_SUCCESS");
    case ResultCode::AuthenticationRejected: return QStringLiteral("PANA_AUTHENTICATION_REJECTED");
    case ResultCode::AuthorizationRejected: return QStringLiteral("PANA_AUTHORIZATION_REJECTED");
    default: break;
    }
    return QStringLiteral("Result-Code %1").arg(code);
}

} // namespace

QString pacOutcomeName(PacOutcome::Kind kind) {
    switch (kind) {
    case PacOutcome::Kind::Pending: return QStringLiteral("pending");
    case PacOutcome::Kind::Authenticated: return QStringLiteral("authenticated");
    case PacOutcome::Kind::Rejected: return QStringLiteral("rejected");
    case PacOutcome::Kind::Failed: return QStringLiteral("failed");
    case PacOutcome::Kind::Terminated: return QStringLiteral("terminated");
    }
    return {};
}

PacSession::PacSession(SessionConfig config, Hooks hooks, PacHooks pacHooks, const Clock &clock,
                       RandomSource &random)
    : SessionCore(std::move(config), std::move(hooks), clock, random)
    , m_pacHooks(std::move(pacHooks)) {}

void PacSession::start() {
    if (m_state != State::Idle) {
        return;
    }
    Message pci;
    pci.type = MessageType::ClientInitiation;
    if (sendRequest(pci, m_config.timers.pci)) {
        m_state = State::WaitPaaStart;
        changed();
    }
}

void PacSession::receive(const QByteArray &datagram) {
    auto parsed = parseMessage(datagram, m_config.limits);
    if (!parsed) {
        note(QStringLiteral("discarded a datagram: ") + parsed.error().message);
        return;
    }
    const Message &m = *parsed;
    if (m.type == MessageType::ClientInitiation) {
        discard(m, QStringLiteral("a PCI is meant for a PAA"));
        return;
    }
    if (!m.isRequest()) {
        onAnswer(datagram, m);
        return;
    }
    switch (m.type) {
    case MessageType::Auth:
        if (m.has(Flag::Start)) {
            onStartPar(datagram, m);
        } else if (m.has(Flag::Complete)) {
            onCompletePar(datagram, m);
        } else {
            onPar(datagram, m);
        }
        return;
    case MessageType::Notification: onNotification(datagram, m); return;
    case MessageType::Termination: onTermination(datagram, m); return;
    case MessageType::ClientInitiation: return;
    }
}

void PacSession::onStartPar(const QByteArray &raw, const Message &m) {
    if (m_state != State::Idle && m_state != State::WaitPaaStart) {
        // A retransmitted PAR[S] (our PAN[S] was lost) is answered from the cache by admit().
        if (admit(raw, m) == Admit::Accept) {
            discard(m, QStringLiteral("a PAR[S] in an established session"));
        }
        return;
    }
    if (m.sessionId == 0) {
        discard(m, QStringLiteral("PAR[S] with Session Identifier 0"));
        return;
    }
    if (admit(raw, m) != Admit::Accept) {
        return;
    }
    const auto prf = pickAlgorithm(m, AvpCode::PrfAlgorithm, m_config.prfAlgorithms);
    const auto integrity =
        pickAlgorithm(m, AvpCode::IntegrityAlgorithm, m_config.integrityAlgorithms);
    if (!prf || !integrity) {
        finish(PacOutcome::Kind::Failed, QStringLiteral("PAR[S] offers no %1 this PaC accepts")
                                             .arg(!prf ? QStringLiteral("PRF-Algorithm")
                                                       : QStringLiteral("Integrity-Algorithm")));
        return;
    }
    setSessionId(m.sessionId);
    setAlgorithms(*prf, *integrity);
    settleOutstanding(); // the PCI
    m_initialPar = raw;
    m_eap = m_pacHooks.makeEap();
    m_firstParOfPhase = true;
    m_state = State::Authenticating;
    Message pan;
    pan.flags = Flag::Start;
    pan.avps = {Avp::u32(AvpCode::PrfAlgorithm, *prf),
                Avp::u32(AvpCode::IntegrityAlgorithm, *integrity)};
    if (m.find(AvpCode::EapPayload) != nullptr) {
        if (auto response = runEap(m)) {
            pan.avps.append(Avp::make(AvpCode::EapPayload, *response));
        }
    }
    m_initialPan = sendAnswer(m, pan);
    changed();
}

std::optional<QByteArray> PacSession::runEap(const Message &m) {
    const Avp *payload = m.find(AvpCode::EapPayload);
    if (payload == nullptr || !m_eap) {
        return std::nullopt;
    }
    auto out = m_eap->receive(payload->value);
    if (m_pacHooks.eapNote && !out.note.isEmpty()) {
        m_pacHooks.eapNote(out.note);
    }
    return out.response;
}

void PacSession::onPar(const QByteArray &raw, const Message &m) {
    const Admit admitted = admit(raw, m);
    if (admitted != Admit::Accept) {
        return;
    }
    if (m_state == State::Open) {
        // The PAA starts a re-authentication (RFC 5191 section 4.3): a new EAP run, new nonces.
        m_eap = m_pacHooks.makeEap();
        m_firstParOfPhase = true;
        m_state = State::Authenticating;
        m_reauthRequested = false;
        note(QStringLiteral("re-authentication started by the PAA"));
    } else if (m_state != State::Authenticating) {
        discard(m, QStringLiteral("a PAR outside an authentication"));
        return;
    }
    Message pan;
    if (m_firstParOfPhase) {
        const Avp *nonce = m.find(AvpCode::Nonce);
        if (!validNonce(nonce)) {
            revokeLastAdmission();
            discard(m, QStringLiteral("the first PAR of an authentication must carry a Nonce of "
                                      "8 to 256 octets (RFC 5191 section 8.5)"));
            return;
        }
        m_paaNonce = nonce->value;
        m_pacNonce = freshNonce();
        pan.avps.append(Avp::make(AvpCode::Nonce, m_pacNonce));
        m_firstParOfPhase = false;
    }
    const auto response = runEap(m);
    if (response && m_config.piggybackEap) {
        pan.avps.append(Avp::make(AvpCode::EapPayload, *response));
    }
    sendAnswer(m, pan);
    if (response && !m_config.piggybackEap) {
        Message par;
        par.type = MessageType::Auth;
        par.avps = {Avp::make(AvpCode::EapPayload, *response)};
        sendRequest(par, m_config.timers.request);
    }
}

bool PacSession::acceptFinalKey(const QByteArray &raw, const Message &m) {
    const auto keyId = m.u32(AvpCode::KeyId);
    if (!keyId) {
        m_outcome.finalAuth = AuthCheck::Missing;
        return false;
    }
    crypto::NamedKey msk = m_pacHooks.recordMsk
                               ? m_pacHooks.recordMsk(*m_eap)
                               : crypto::NamedKey{QStringLiteral("MSK"), m_eap->msk(), {}};
    auto key = deriveAuthKey(msk, *keyId);
    if (!key) {
        note(QStringLiteral("cannot derive PANA_AUTH_KEY: ") + key.error().message);
        m_outcome.finalAuth = AuthCheck::Invalid;
        return false;
    }
    m_outcome.finalAuth = checkAuth(raw, m, key->value);
    if (m_outcome.finalAuth != AuthCheck::Valid) {
        return false;
    }
    activateKey(std::move(*key), *keyId);
    return true;
}

void PacSession::onCompletePar(const QByteArray &raw, const Message &m) {
    // AUTH is checked below, with the key this EAP run produces (or the current one).
    if (admit(raw, m, false) != Admit::Accept) {
        return;
    }
    if (m_state != State::Authenticating) {
        revokeLastAdmission();
        discard(m, QStringLiteral("a PAR[C] outside an authentication"));
        return;
    }
    const auto resultCode = m.u32(AvpCode::ResultCode);
    if (!resultCode) {
        revokeLastAdmission();
        discard(m, QStringLiteral("PAR[C] without Result-Code"));
        return;
    }
    runEap(m);
    const bool eapSuccess = m_eap && m_eap->status() == eap::EapPeer::Status::Success;
    if (eapSuccess && m_eap->isKeyAvailable()) {
        if (!acceptFinalKey(raw, m)) {
            ++m_outcome.rejectedFinalPars;
            revokeLastAdmission();
            discard(m, QStringLiteral("AUTH %1 under the PANA_AUTH_KEY of this EAP run: nothing "
                                      "in this PAR[C] is believed")
                           .arg(authCheckName(m_outcome.finalAuth)));
            return;
        }
    } else if (hasKey()) {
        // A failed re-authentication is still protected by the current key.
        const AuthCheck check = checkCurrentAuth(raw, m);
        if (check != AuthCheck::Valid) {
            revokeLastAdmission();
            discard(m, QStringLiteral("AUTH %1 under the current key").arg(authCheckName(check)));
            return;
        }
    }
    Message pan;
    pan.flags = Flag::Complete;
    if (hasKey()) {
        pan.avps.append(Avp::u32(AvpCode::KeyId, keyId()));
    }
    sendAnswer(m, pan);
    m_outcome.resultCode = resultCode;
    if (*resultCode == ResultCode::Success && eapSuccess) {
        m_outcome.keyId = keyId();
        m_outcome.sessionLifetime = m.u32(AvpCode::SessionLifetime).value_or(0);
        m_outcome.finalPar = raw;
        m_outcome.vendorAvps.clear();
        for (const Avp &a : m.avps) {
            if (a.isVendor()) {
                m_outcome.vendorAvps.append(a);
            }
        }
        ++m_outcome.authentications;
        setLifetime(m_outcome.sessionLifetime);
        m_state = State::Open;
        m_outcome.kind = PacOutcome::Kind::Authenticated;
        m_outcome.reason = QStringLiteral("PANA_SUCCESS, Key-Id %1").arg(m_outcome.keyId);
        changed();
        return;
    }
    const QString eapWhy = m_eap && !m_eap->failureReason().isEmpty()
                               ? m_eap->failureReason()
                               : QStringLiteral("EAP did not succeed");
    finish(PacOutcome::Kind::Rejected,
           QStringLiteral("%1: %2").arg(resultName(*resultCode), eapWhy));
}

void PacSession::onNotification(const QByteArray &raw, const Message &m) {
    if (admit(raw, m) != Admit::Accept) {
        return;
    }
    if (m_state != State::Open) {
        revokeLastAdmission();
        discard(m, QStringLiteral("a PNR outside an open session"));
        return;
    }
    Message pna;
    pna.flags = m.flags & (Flag::Ping | Flag::ReAuth);
    sendAnswer(m, pna);
}

void PacSession::onTermination(const QByteArray &raw, const Message &m) {
    if (admit(raw, m) != Admit::Accept) {
        return;
    }
    sendAnswer(m, Message{});
    m_outcome.terminationCause = m.u32(AvpCode::TerminationCause).value_or(0);
    finish(PacOutcome::Kind::Terminated,
           QStringLiteral("terminated by the PAA (Termination-Cause %1)")
               .arg(m_outcome.terminationCause));
}

void PacSession::onAnswer(const QByteArray &raw, const Message &m) {
    if (admit(raw, m) != Admit::Accept) {
        return;
    }
    settleOutstanding();
    if (m.type == MessageType::Notification) {
        if (m.has(Flag::Ping)) {
            ++m_outcome.pingsAnswered;
        }
        if (m.has(Flag::ReAuth)) {
            m_reauthRequested = true; // the PAA's PAR follows
            note(QStringLiteral("re-authentication accepted by the PAA"));
        }
        changed();
    } else if (m.type == MessageType::Termination) {
        finish(PacOutcome::Kind::Terminated, QStringLiteral("terminated by the PaC"));
    }
}

bool PacSession::ping() {
    if (m_state != State::Open) {
        return false;
    }
    Message pnr;
    pnr.type = MessageType::Notification;
    pnr.flags = Flag::Ping;
    return sendRequest(pnr, m_config.timers.request);
}

bool PacSession::reauthenticate() {
    if (m_state != State::Open) {
        return false;
    }
    Message pnr;
    pnr.type = MessageType::Notification;
    pnr.flags = Flag::ReAuth;
    return sendRequest(pnr, m_config.timers.request);
}

bool PacSession::terminate(quint32 cause) {
    if (m_state != State::Open) {
        return false;
    }
    Message ptr;
    ptr.type = MessageType::Termination;
    ptr.avps = {Avp::u32(AvpCode::TerminationCause, cause)};
    if (!sendRequest(ptr, m_config.timers.request)) {
        return false;
    }
    m_state = State::WaitPta;
    return true;
}

void PacSession::lifetimeExpired() {
    finish(PacOutcome::Kind::Terminated, QStringLiteral("the session lifetime expired"));
}

void PacSession::retransmissionsExhausted(const Message &request) {
    finish(PacOutcome::Kind::Failed,
           QStringLiteral("no answer to %1 seq=%2 after %3 retransmissions (RFC 5191 section 9)")
               .arg(messageName(request))
               .arg(request.seq)
               .arg(m_config.timers.request.mrc));
}

void PacSession::finish(PacOutcome::Kind kind, const QString &reason) {
    // A session that fails after authenticating keeps its bootstrap result; the note says why
    // the session itself ended.
    if (m_outcome.kind != PacOutcome::Kind::Authenticated || kind != PacOutcome::Kind::Failed) {
        m_outcome.kind = kind;
        m_outcome.reason = reason;
    }
    m_state = State::Closed;
    close(reason);
}

} // namespace m2mbench::pana
