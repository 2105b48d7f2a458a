// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/msbf/msbf_node.h"

#include "core/crypto/random.h"
#include "core/nodes/msbf/msbf_session.h"
#include "core/nodes/msbf/radius_front_end.h"
#include "core/protocol/pana/pana_profile.h"

#include <QNetworkDatagram>
#include <QTimer>
#include <QUdpSocket>

namespace m2mbench::nodes {

QString outcomeName(MsbfSessionInfo::Outcome outcome) {
    switch (outcome) {
    case MsbfSessionInfo::Outcome::Pending: return QStringLiteral("pending");
    case MsbfSessionInfo::Outcome::Bootstrapped: return QStringLiteral("bootstrapped");
    case MsbfSessionInfo::Outcome::Rejected: return QStringLiteral("rejected");
    case MsbfSessionInfo::Outcome::Failed: return QStringLiteral("failed");
    case MsbfSessionInfo::Outcome::Terminated: return QStringLiteral("terminated");
    }
    return {};
}

MsbfNode::MsbfNode(MsbfConfig config, trace::Trace *trace, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_trace(trace)
    , m_keys(trace, m_config.name + QLatin1Char('.'))
    , m_policy(m_config.profile, m_config.devices, m_config.acceptAnyDevice,
               m_config.laxCertificateBinding) {}

MsbfNode::~MsbfNode() {
    m_sessions.clear(); // sessions before the clients their backends point at
}

Result<void> MsbfNode::makeTls(const crypto::Credential &credential) {
    eap::TlsConfig tls;
    tls.role = eap::TlsRole::Server;
    tls.caPem = m_config.caPem;
    tls.credential = credential;
    tls.minVersion = m_config.tlsMinVersion;
    tls.maxVersion = m_config.tlsMaxVersion;
    tls.keyLog = m_config.keyLog;
    auto context = eap::TlsContext::create(tls);
    if (!context) {
        return fail(context.error().wrap(QStringLiteral("MSBF TLS")));
    }
    m_tls = *context;
    return {};
}

Result<void> MsbfNode::setServerCredential(const crypto::Credential &credential) {
    return makeTls(credential);
}

Result<quint16> MsbfNode::listen() {
    if (!m_aaa && !m_tls) {
        if (auto ok = makeTls(m_config.credential); !ok) {
            return fail(ok.error());
        }
    }
    if (m_config.aaa && !m_aaa) {
        m_aaa = new radius::Client(*m_config.aaa, this);
        if (auto ok = m_aaa->open(); !ok) {
            return fail(ok.error());
        }
        connect(m_aaa, &radius::Client::note, this, [this](const QString &n) { log(n); });
        connect(m_aaa, &radius::Client::traffic, this, [this](bool sent, const QByteArray &raw) {
            if (m_trace) {
                trace::Event e;
                e.kind = sent ? trace::EventKind::MessageSent : trace::EventKind::MessageReceived;
                e.from = sent ? m_config.name : QStringLiteral("AAA");
                e.to = sent ? QStringLiteral("AAA") : m_config.name;
                e.protocol = QStringLiteral("RADIUS");
                auto p = radius::parsePacket(raw);
                e.summary =
                    p ? radius::summarize(*p) : QStringLiteral("[malformed] ") + p.error().message;
                e.raw = raw;
                m_trace->append(std::move(e));
            }
        });
    }
    if (m_config.mas && !m_mas) {
        MasClientConfig mc;
        mc.profile = m_config.profile.bootstrap;
        mc.host = m_config.mas->host;
        mc.port = m_config.mas->port;
        mc.originHost = m_config.profile.bootstrap.msbfFqdn;
        mc.originRealm = m_config.profile.bootstrap.realm;
        mc.destinationRealm = m_config.profile.bootstrap.realm;
        mc.lifeline = m_config.name;
        m_mas = new MasClient(mc, m_trace, this);
    }
    m_socket = new QUdpSocket(this);
    if (!m_socket->bind(m_config.address, m_config.port)) {
        return fail(Error::Kind::Io, QStringLiteral("MSBF: cannot bind UDP %1:%2 for PANA: %3")
                                         .arg(m_config.address.toString())
                                         .arg(m_config.port)
                                         .arg(m_socket->errorString()));
    }
    connect(m_socket, &QUdpSocket::readyRead, this, &MsbfNode::onReadyRead);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &MsbfNode::onTimer);
    return m_socket->localPort();
}

Result<quint16> MsbfNode::listenRadius(const QHostAddress &address, quint16 port,
                                       const QByteArray &secret) {
    if (!m_tls) {
        if (auto ok = makeTls(m_config.credential); !ok) {
            return fail(ok.error());
        }
    }
    if (!m_radius) {
        m_radius = new RadiusFrontEnd(this, m_tls, secret, m_trace);
    }
    return m_radius->listen(address, port);
}

quint16 MsbfNode::port() const {
    return m_socket ? m_socket->localPort() : 0;
}

QList<quint32> MsbfNode::sessionIds() const {
    QList<quint32> ids;
    for (const auto &[id, s] : m_sessions) {
        ids << id;
    }
    return ids;
}

std::optional<MsbfSessionInfo> MsbfNode::info(quint32 sessionId) const {
    const auto it = m_sessions.find(sessionId);
    return it == m_sessions.end() ? std::nullopt : std::optional<MsbfSessionInfo>(it->second->info);
}

pana::PaaSession *MsbfNode::session(quint32 sessionId) const {
    const auto it = m_sessions.find(sessionId);
    return it == m_sessions.end() ? nullptr : it->second->pana.get();
}

bool MsbfNode::ping(quint32 sessionId) {
    auto *s = session(sessionId);
    const bool ok = s && s->ping();
    armTimer();
    return ok;
}

bool MsbfNode::reauthenticate(quint32 sessionId) {
    auto *s = session(sessionId);
    const bool ok = s && s->reauthenticate();
    armTimer();
    return ok;
}

bool MsbfNode::terminate(quint32 sessionId, quint32 cause) {
    auto *s = session(sessionId);
    const bool ok = s && s->terminate(cause);
    armTimer();
    return ok;
}

void MsbfNode::waitFor(std::function<bool()> condition, int timeoutMs,
                       std::function<void(bool)> done) {
    m_waiters.add(std::move(condition), timeoutMs, std::move(done));
}

bool MsbfNode::roomForSession() {
    if (static_cast<int>(m_sessions.size()) < m_config.maxSessions) {
        return true;
    }
    for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
        if (it->second->pana->isClosed()) {
            m_sessions.erase(it);
            return true;
        }
    }
    return false;
}

MsbfNode::Session *MsbfNode::createSession(const QHostAddress &peer, quint16 port) {
    if (!roomForSession()) {
        log(QStringLiteral("refused a PANA session from %1:%2: %3 sessions open")
                .arg(peer.toString())
                .arg(port)
                .arg(m_sessions.size()));
        return nullptr;
    }
    quint32 id = 0;
    while (id == 0 || m_sessions.count(id) != 0) {
        const QByteArray r = crypto::OsRandomSource::instance().bytes(4);
        id = (quint32(quint8(r[0])) << 24) | (quint32(quint8(r[1])) << 16) |
             (quint32(quint8(r[2])) << 8) | quint8(r[3]);
    }
    auto s = std::make_unique<Session>();
    s->id = id;
    s->peer = peer;
    s->port = port;
    s->info.sessionId = id;
    s->info.peer = QStringLiteral("%1:%2").arg(peer.toString()).arg(port);
    Session *raw = s.get();
    pana::Hooks hooks;
    hooks.send = [this, raw](const QByteArray &b, const pana::Message &) {
        record(*raw, true, b);
        m_socket->writeDatagram(b, raw->peer, raw->port);
    };
    hooks.note = [this, raw](const QString &n) { log(sessionText(*raw, n)); };
    hooks.recordKey = [this](Result<trace::KeyDerivation> d) {
        return m_keys.record(std::move(d));
    };
    hooks.changed = [this, raw] { refresh(*raw); };
    pana::PaaSession::PaaHooks paa;
    paa.eapStart = [this, raw] { startEap(*raw); };
    paa.eapResponse = [raw](const QByteArray &eap) {
        if (raw->eap) {
            raw->eap->onResponse(eap);
        }
    };
    const pana::SessionConfig config =
        m_config.pana.value_or(pana::sessionConfigFromProfile(m_config.profile.bootstrap));
    s->pana = std::make_unique<pana::PaaSession>(config, id, hooks, paa, SystemClock::instance(),
                                                 crypto::OsRandomSource::instance());
    s->pana->faults().dropRequests = m_faults.dropRequests;
    m_latest = id;
    m_sessions.emplace(id, std::move(s));
    return raw;
}

QString MsbfNode::sessionText(const Session &s, const QString &text) const {
    return QStringLiteral("session 0x%1: %2").arg(s.id, 8, 16, QLatin1Char('0')).arg(text);
}

void MsbfNode::startEap(Session &s) {
    Session *raw = &s;
    EapBackend::Callbacks cb;
    cb.sendEap = [raw](const QByteArray &eap) { raw->pana->sendEap(eap); };
    cb.finished = [this, raw](const EapVerdict &v) { onEapFinished(*raw, v); };
    cb.note = [this, raw](const QString &n) {
        log(sessionText(*raw, QStringLiteral("EAP: ") + n));
    };
    cb.checkIdentity = [this, raw](const QString &identity) -> Result<void> {
        raw->info.identity = identity;
        auto device = m_policy.lookup(identity);
        if (!device) {
            return fail(device.error());
        }
        raw->device = *device;
        raw->info.nodeId = device->nodeId;
        return {};
    };
    const auto &bp = m_config.profile.bootstrap;
    if (m_aaa) {
        RadiusEapBackend::Nas nas;
        nas.callingStationId = s.info.peer;
        nas.framedMtu = bp.eapTlsFragmentSize + 64;
        s.eap = std::make_unique<RadiusEapBackend>(m_aaa, nas, cb);
    } else {
        s.eap = std::make_unique<LocalEapBackend>(
            m_tls, eap::EapTlsOptions{bp.eapTlsFragmentSize, bp.eapTlsMaxMessage, false}, cb);
    }
    log(sessionText(s, QStringLiteral("EAP with ") + s.eap->description()));
    s.eap->start();
}

Result<quint32> MsbfNode::initiate(const QHostAddress &address, quint16 port) {
    if (!m_socket) {
        return fail(Error::Kind::Internal, QStringLiteral("MSBF: listen() first"));
    }
    Session *s = createSession(address, port);
    if (!s) {
        return fail(Error::Kind::Io, QStringLiteral("MSBF: too many sessions"));
    }
    s->pana->start();
    armTimer();
    return s->id;
}

void MsbfNode::onReadyRead() {
    const qsizetype limit = m_config.profile.bootstrap.maxMessage;
    while (m_socket->hasPendingDatagrams()) {
        const qint64 size = m_socket->pendingDatagramSize();
        const QNetworkDatagram d = m_socket->receiveDatagram(std::min<qint64>(size, limit + 1));
        if (size > limit) {
            log(QStringLiteral("dropped an oversized datagram of %1 octets from %2:%3 (limit %4)")
                    .arg(size)
                    .arg(d.senderAddress().toString())
                    .arg(d.senderPort())
                    .arg(limit));
            continue;
        }
        onDatagram(d.data(), d.senderAddress(), static_cast<quint16>(d.senderPort()));
    }
    releaseClosedEap();
    armTimer();
    m_waiters.check();
}

void MsbfNode::onDatagram(const QByteArray &data, const QHostAddress &from, quint16 port) {
    auto message =
        pana::parseMessage(data, pana::Limits{m_config.profile.bootstrap.maxMessage, 64});
    if (!message) {
        log(QStringLiteral("discarded a datagram from %1:%2: %3")
                .arg(from.toString())
                .arg(port)
                .arg(message.error().message));
        return;
    }
    Session *s = nullptr;
    if (message->sessionId != 0) {
        const auto it = m_sessions.find(message->sessionId);
        if (it == m_sessions.end() ||
            !it->second->peer.isEqual(from, QHostAddress::TolerantConversion) ||
            it->second->port != port) {
            log(QStringLiteral("discarded %1 from %2:%3: no session 0x%4 with that peer")
                    .arg(pana::messageName(*message), from.toString())
                    .arg(port)
                    .arg(message->sessionId, 8, 16, QLatin1Char('0')));
            return;
        }
        s = it->second.get();
    } else if (message->type == pana::MessageType::ClientInitiation) {
        for (const auto &[id, candidate] : m_sessions) {
            if (candidate->port == port &&
                candidate->peer.isEqual(from, QHostAddress::TolerantConversion) &&
                candidate->pana->state() == pana::PaaSession::State::WaitPanStart) {
                s = candidate.get(); // a retransmitted PCI: the PAR[S] timer answers it
            }
        }
        if (s == nullptr) {
            s = createSession(from, port);
            if (s == nullptr) {
                return;
            }
            record(*s, false, data);
            s->pana->receive(data);
            s->pana->start();
            return;
        }
    } else {
        log(QStringLiteral("discarded %1 with Session Identifier 0 from %2:%3")
                .arg(pana::messageName(*message), from.toString())
                .arg(port));
        return;
    }
    record(*s, false, data);
    s->pana->receive(data);
}

void MsbfNode::record(Session &s, bool sent, const QByteArray &bytes) {
    auto parsed = pana::parseMessage(bytes, pana::Limits{65535, 256});
    if (parsed && !sent) {
        // "PAN[C]", "PNA", "PTA", ... : what the device sent, for checks on its behaviour.
        ++s.info.received[pana::summarize(*parsed).section(QLatin1Char(' '), 0, 0)];
    }
    if (!m_trace) {
        return;
    }
    trace::Event e;
    e.kind = sent ? trace::EventKind::MessageSent : trace::EventKind::MessageReceived;
    e.from = sent ? m_config.name : m_config.peerName;
    e.to = sent ? m_config.peerName : m_config.name;
    e.protocol = QStringLiteral("PANA");
    e.raw = bytes;
    e.summary =
        parsed ? pana::summarize(*parsed) : QStringLiteral("[malformed] ") + parsed.error().message;
    if (parsed && !parsed->isRequest() && parsed->type != pana::MessageType::ClientInitiation) {
        e.relatesTo = s.requestEvents.value(pana::exchangeKey(*parsed, !sent));
    }
    const quint64 seq = m_trace->append(std::move(e));
    (sent ? s.info.lastSentSeq : s.info.lastReceivedSeq) = seq;
    if (parsed && parsed->isRequest()) {
        if (s.requestEvents.size() > 1024) {
            s.requestEvents.clear();
        }
        s.requestEvents.insert(pana::exchangeKey(*parsed, sent), seq);
    }
}

void MsbfNode::log(const QString &text) {
    if (m_trace) {
        m_trace->append(trace::Event::log(m_config.name, text));
    }
    emit logLine(text);
}

void MsbfNode::armTimer() {
    if (!m_timer) {
        return;
    }
    std::optional<qint64> due;
    for (const auto &[id, s] : m_sessions) {
        const auto d = s->pana->deadlineNs();
        if (d && (!due || *d < *due)) {
            due = d;
        }
    }
    if (!due) {
        m_timer->stop();
        return;
    }
    const qint64 now = SystemClock::instance().monotonicNs();
    m_timer->start(static_cast<int>(std::clamp<qint64>((*due - now) / 1000000 + 1, 0, 3600000)));
}

void MsbfNode::onTimer() {
    const qint64 now = SystemClock::instance().monotonicNs();
    for (const auto &[id, s] : m_sessions) {
        const auto d = s->pana->deadlineNs();
        if (d && *d <= now) {
            s->pana->onTimer();
        }
    }
    releaseClosedEap();
    armTimer();
    m_waiters.check();
}

void MsbfNode::releaseClosedEap() {
    // A closed session keeps its PANA state (answers to retransmitted requests, the record the
    // test cases read) but not its TLS connection. Freed here, at the top of the event handling,
    // because the PANA callback that closed the session may run inside the EAP backend.
    for (const quint32 id : std::as_const(m_closedWithEap)) {
        if (const auto it = m_sessions.find(id); it != m_sessions.end()) {
            it->second->eap.reset();
        }
    }
    m_closedWithEap.clear();
}

void MsbfNode::refresh(Session &s) {
    const pana::PaaOutcome &o = s.pana->outcome();
    MsbfSessionInfo &i = s.info;
    const int before = i.authentications;
    i.keyId = o.keyId;
    i.authentications = o.authentications;
    i.pingsAnswered = o.pingsAnswered;
    i.retransmissions = s.pana->retransmissions();
    i.duplicates = s.pana->duplicateRequests();
    i.discarded = s.pana->discardedMessages();
    i.lastDiscard = s.pana->lastDiscard();
    switch (o.kind) {
    case pana::PaaOutcome::Kind::Pending: break;
    case pana::PaaOutcome::Kind::Authenticated:
        if (i.resultCode == pana::ResultCode::Success && o.authentications > before) {
            i.outcome = MsbfSessionInfo::Outcome::Bootstrapped;
            i.reason = QStringLiteral("PAN[C] with valid AUTH (Key-Id %1)").arg(o.keyId);
            ++m_bootstraps;
            log(QStringLiteral("bootstrapped \"%1\": Kmr index %2, Key-Id %3")
                    .arg(i.identity)
                    .arg(i.kmrIndex)
                    .arg(o.keyId));
        }
        break;
    case pana::PaaOutcome::Kind::Rejected: i.outcome = MsbfSessionInfo::Outcome::Rejected; break;
    case pana::PaaOutcome::Kind::Failed:
        if (i.outcome == MsbfSessionInfo::Outcome::Pending) {
            i.outcome = MsbfSessionInfo::Outcome::Failed;
            i.reason = o.reason;
        }
        break;
    case pana::PaaOutcome::Kind::Terminated:
        i.outcome = MsbfSessionInfo::Outcome::Terminated;
        i.reason = o.reason;
        break;
    }
    if (s.pana->isClosed() && s.eap && !m_closedWithEap.contains(s.id)) {
        m_closedWithEap.append(s.id);
    }
    emit sessionChanged(s.id);
}

} // namespace m2mbench::nodes
