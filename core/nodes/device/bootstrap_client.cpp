// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/device/bootstrap_client.h"

#include "core/common/clock.h"
#include "core/common/hex.h"
#include "core/crypto/key_hierarchy.h"
#include "core/crypto/random.h"
#include "core/nodes/msbf/bootstrap_params.h"
#include "core/protocol/eap/eap_tls.h"
#include "core/protocol/pana/pana_profile.h"

#include <QDateTime>
#include <QNetworkDatagram>
#include <QTimer>
#include <QUdpSocket>

namespace m2mbench::nodes {

namespace {

/// Intervals (retransmission gaps, elapsed time) are measured on the monotonic clock: the wall
/// clock of a lab or CI machine can be stepped by time synchronisation in the middle of a run.
qint64 monotonicMs() {
    return SystemClock::instance().monotonicNs() / 1000000;
}

} // namespace

QString outcomeName(BootstrapResult::Outcome outcome) {
    switch (outcome) {
    case BootstrapResult::Outcome::Pending: return QStringLiteral("pending");
    case BootstrapResult::Outcome::Bootstrapped: return QStringLiteral("bootstrapped");
    case BootstrapResult::Outcome::Rejected: return QStringLiteral("rejected");
    case BootstrapResult::Outcome::Failed: return QStringLiteral("failed");
    case BootstrapResult::Outcome::Terminated: return QStringLiteral("terminated");
    }
    return {};
}

DeviceBootstrap::DeviceBootstrap(DeviceBootstrapConfig config, trace::Trace *trace, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_trace(trace)
    , m_keys(trace, m_config.name + QLatin1Char('.')) {
    if (m_config.identity.isEmpty()) {
        m_config.identity = crypto::deviceIdentity(m_config.profile.bootstrap, m_config.nodeId);
    }
    if (m_config.expectedServerName.isEmpty()) {
        m_config.expectedServerName = m_config.profile.bootstrap.msbfFqdn;
    }
}

DeviceBootstrap::~DeviceBootstrap() = default;

quint16 DeviceBootstrap::localPort() const {
    return m_socket ? m_socket->localPort() : 0;
}

pana::Faults &DeviceBootstrap::faults() {
    static pana::Faults none; // before start(): nothing to misbehave yet
    return m_session ? m_session->faults() : none;
}

Result<void> DeviceBootstrap::makeTls() {
    eap::TlsConfig tls;
    tls.role = eap::TlsRole::Client;
    tls.caPem = m_config.caPem;
    tls.credential = m_config.credential;
    tls.minVersion = m_config.tlsMinVersion;
    tls.maxVersion = m_config.tlsMaxVersion;
    tls.expectedServerName =
        m_config.expectedServerName == u"-" ? QString() : m_config.expectedServerName;
    tls.keyLog = m_config.keyLog;
    auto context = eap::TlsContext::create(tls);
    if (!context) {
        return fail(context.error().wrap(QStringLiteral("device TLS")));
    }
    m_tls = *context;
    return {};
}

std::unique_ptr<pana::PacSession> DeviceBootstrap::makeSession() {
    pana::Hooks hooks;
    hooks.send = [this](const QByteArray &b, const pana::Message &m) { send(b, m); };
    hooks.note = [this](const QString &n) { log(QStringLiteral("PANA: ") + n); };
    hooks.recordKey = [this](Result<trace::KeyDerivation> d) {
        return m_keys.record(std::move(d));
    };
    hooks.changed = [this] { onSessionChanged(); };
    pana::PacSession::PacHooks pac;
    const auto options = eap::EapTlsOptions{m_config.profile.bootstrap.eapTlsFragmentSize,
                                            m_config.profile.bootstrap.eapTlsMaxMessage, false};
    pac.makeEap = [this, options] {
        return std::make_unique<eap::EapPeer>(
            m_config.identity, QList<quint8>{eap::Type::Tls},
            [this, options](quint8) { return std::make_unique<eap::EapTlsPeer>(m_tls, options); });
    };
    pac.recordMsk = [this](eap::EapPeer &peer) { return recordMsk(peer); };
    pac.eapNote = [this](const QString &n) { log(QStringLiteral("EAP: ") + n); };
    const pana::SessionConfig config =
        m_config.pana.value_or(pana::sessionConfigFromProfile(m_config.profile.bootstrap));
    return std::make_unique<pana::PacSession>(config, hooks, pac, SystemClock::instance(),
                                              crypto::OsRandomSource::instance());
}

Result<void> DeviceBootstrap::start() {
    if (!m_tls) {
        if (auto ok = makeTls(); !ok) {
            return ok;
        }
    }
    if (!m_msbfAddress.setAddress(m_config.msbfHost)) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("the MSBF address must be numeric, not '%1'").arg(m_config.msbfHost));
    }
    if (!m_socket) {
        m_socket = new QUdpSocket(this);
        if (!m_socket->bind(m_config.bindAddress, m_config.bindPort)) {
            const QString why = m_socket->errorString();
            delete m_socket;
            m_socket = nullptr;
            return fail(Error::Kind::Io, QStringLiteral("device: cannot bind UDP %1:%2: %3")
                                             .arg(m_config.bindAddress.toString())
                                             .arg(m_config.bindPort)
                                             .arg(why));
        }
        connect(m_socket, &QUdpSocket::readyRead, this, &DeviceBootstrap::onReadyRead);
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] {
            if (m_session) {
                m_session->onTimer();
            }
            armTimer();
            m_waiters.check();
        });
    }
    m_result = BootstrapResult();
    m_seenAuthentications = 0;
    m_receivedCounts.clear();
    m_lastReceived.clear();
    m_seenDatagrams.clear();
    m_startedMs = monotonicMs();
    m_session = makeSession();
    log(QStringLiteral("bootstrap with the MSBF at %1:%2 as \"%3\"")
            .arg(m_config.msbfHost)
            .arg(m_config.msbfPort)
            .arg(m_config.identity));
    if (m_config.sendPci) {
        m_session->start();
    }
    armTimer();
    return {};
}

void DeviceBootstrap::cancel(const QString &reason) {
    if (m_result.outcome == BootstrapResult::Outcome::Pending) {
        m_result.outcome = BootstrapResult::Outcome::Failed;
        m_result.reason = reason;
    }
    log(QStringLiteral("cancelled: ") + reason);
    m_session.reset();
    if (m_timer) {
        m_timer->stop();
    }
    m_waiters.check();
}

void DeviceBootstrap::armTimer() {
    if (!m_timer) {
        return;
    }
    const auto due = m_session ? m_session->deadlineNs() : std::nullopt;
    if (!due) {
        m_timer->stop();
        return;
    }
    const qint64 now = SystemClock::instance().monotonicNs();
    m_timer->start(static_cast<int>(std::clamp<qint64>((*due - now) / 1000000 + 1, 0, 3600000)));
}

void DeviceBootstrap::onReadyRead() {
    const qsizetype limit = m_config.profile.bootstrap.maxMessage;
    while (m_socket && m_socket->hasPendingDatagrams()) {
        const qint64 size = m_socket->pendingDatagramSize();
        const QNetworkDatagram datagram =
            m_socket->receiveDatagram(std::min<qint64>(size, limit + 1));
        if (size > limit) {
            log(QStringLiteral("dropped an oversized datagram of %1 octets (limit %2)")
                    .arg(size)
                    .arg(limit));
            continue;
        }
        if (!datagram.senderAddress().isEqual(m_msbfAddress, QHostAddress::TolerantConversion) ||
            datagram.senderPort() != m_config.msbfPort) {
            log(QStringLiteral("ignored a datagram from %1:%2 (not the MSBF)")
                    .arg(datagram.senderAddress().toString())
                    .arg(datagram.senderPort()));
            continue;
        }
        noteReceived(datagram.data());
        recordDatagram(false, datagram.data());
        if (m_session) {
            m_session->receive(datagram.data());
        }
    }
    armTimer();
    m_waiters.check();
}

void DeviceBootstrap::noteReceived(const QByteArray &bytes) {
    ++m_result.datagramsFromMsbf;
    const qint64 now = monotonicMs();
    const auto seen = m_seenDatagrams.constFind(bytes);
    if (seen != m_seenDatagrams.constEnd()) {
        ++m_result.repeatedDatagrams;
        if (m_result.firstRepeatAfterMs < 0) {
            m_result.firstRepeatAfterMs = now - *seen;
        }
    } else if (m_seenDatagrams.size() < 4096) {
        m_seenDatagrams.insert(bytes, now);
    }
    if (auto m = pana::parseMessage(bytes, pana::Limits{65535, 256})) {
        const QString name = pana::messageName(*m);
        ++m_receivedCounts[name];
        m_lastReceived.insert(name, bytes);
    }
}

void DeviceBootstrap::send(const QByteArray &bytes, const pana::Message &message) {
    Q_UNUSED(message)
    recordDatagram(true, bytes);
    if (m_socket) {
        m_socket->writeDatagram(bytes, m_msbfAddress, m_config.msbfPort);
    }
}

void DeviceBootstrap::recordDatagram(bool sent, const QByteArray &bytes) {
    auto parsed = pana::parseMessage(bytes, pana::Limits{65535, 256});
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
        e.relatesTo = m_requestEvents.value(pana::exchangeKey(*parsed, !sent));
    }
    const quint64 seq = m_trace->append(std::move(e));
    if (!sent) {
        m_lastReceivedSeq = seq;
    }
    if (parsed && parsed->isRequest()) {
        if (m_requestEvents.size() > 4096) {
            m_requestEvents.clear();
        }
        m_requestEvents.insert(pana::exchangeKey(*parsed, sent), seq);
        if (!sent && parsed->has(pana::Flag::Complete)) {
            m_lastCompleteParSeq = seq;
        }
    }
}

void DeviceBootstrap::log(const QString &text) {
    m_result.lastNote = text;
    if (m_trace) {
        m_trace->append(trace::Event::log(m_config.name, text));
    }
}

crypto::NamedKey DeviceBootstrap::recordMsk(eap::EapPeer &peer) {
    auto *tls = dynamic_cast<eap::EapTlsPeer *>(peer.method());
    const RecordedEapKeys keys =
        recordEapKeys(m_keys, tls ? &tls->connection() : nullptr, peer.msk(), peer.emsk(),
                      QStringLiteral("MSK || EMSK of the EAP method  [RFC 3748 7.10]"));
    m_emsk = keys.emsk;
    m_result.msk = keys.msk;
    if (tls) {
        const eap::EapTlsSummary s = tls->summary();
        m_result.tlsVersion = s.version;
        m_result.tlsCipher = s.cipher;
        if (s.peerCertificate) {
            m_result.serverCertificate = *s.peerCertificate;
        }
    }
    return m_result.msk;
}

void DeviceBootstrap::onSessionChanged() {
    if (!m_session) {
        return;
    }
    const pana::PacOutcome &o = m_session->outcome();
    m_result.resultCode = o.resultCode;
    m_result.finalAuth = o.finalAuth;
    m_result.rejectedFinalPars = o.rejectedFinalPars;
    m_result.keyId = o.keyId;
    m_result.sessionLifetime = o.sessionLifetime;
    if (o.kind == pana::PacOutcome::Kind::Authenticated &&
        o.authentications > m_seenAuthentications) {
        m_seenAuthentications = o.authentications;
        completeBootstrap();
        return;
    }
    if (o.kind == pana::PacOutcome::Kind::Rejected || o.kind == pana::PacOutcome::Kind::Failed ||
        o.kind == pana::PacOutcome::Kind::Terminated) {
        const auto outcome =
            o.kind == pana::PacOutcome::Kind::Rejected ? BootstrapResult::Outcome::Rejected
            : o.kind == pana::PacOutcome::Kind::Failed ? BootstrapResult::Outcome::Failed
                                                       : BootstrapResult::Outcome::Terminated;
        if (m_result.outcome != BootstrapResult::Outcome::Bootstrapped ||
            outcome == BootstrapResult::Outcome::Terminated) {
            m_result.outcome = outcome;
            m_result.reason = o.reason;
        }
        log(QStringLiteral("bootstrap %1: %2").arg(outcomeName(outcome), o.reason));
        emit resultChanged();
    }
}

void DeviceBootstrap::completeBootstrap() {
    const pana::PacOutcome &o = m_session->outcome();
    const crypto::BootstrapProfile &bp = m_config.profile.bootstrap;
    m_result.authentications = o.authentications;
    m_result.finalParSeq = m_lastCompleteParSeq;
    m_result.elapsedMs = monotonicMs() - m_startedMs;
    QByteArray xml;
    quint32 source = pana::KmrSource::Emsk;
    for (const pana::Avp &a : o.vendorAvps) {
        if (a.vendorId == bp.vendorId && a.code == bp.bootstrapParamAvp) {
            xml = a.value;
        } else if (a.vendorId == bp.vendorId && a.code == bp.kmrSourceAvp && a.u32()) {
            source = *a.u32();
        }
    }
    m_result.bootstrapParamSet = xml;
    auto failWith = [this](const QString &why) {
        m_result.outcome = BootstrapResult::Outcome::Failed;
        m_result.reason = why;
        log(QStringLiteral("bootstrap failed: ") + why);
        emit resultChanged();
    };
    if (xml.isEmpty()) {
        failWith(QStringLiteral("the final PAR carries no bootstrapParamSet (vendor %1, AVP %2)")
                     .arg(bp.vendorId)
                     .arg(bp.bootstrapParamAvp));
        return;
    }
    if (auto ok = readParameters(xml); !ok) {
        failWith(ok.error().message);
        return;
    }
    const bool useMsk = m_config.kmrSource == DeviceBootstrapConfig::KmrSource::Msk ||
                        (m_config.kmrSource == DeviceBootstrapConfig::KmrSource::Auto &&
                         source == pana::KmrSource::Msk);
    m_result.kmrSource = useMsk ? QStringLiteral("MSK") : QStringLiteral("EMSK");
    auto kmr = m_keys.record(
        useMsk ? crypto::deriveKmrFromMsk(m_config.profile, m_result.msk, bp.spId, m_result.nodeId)
               : crypto::deriveKmrFromEmsk(m_config.profile, m_emsk, bp.spId, m_result.nodeId));
    if (!kmr) {
        failWith(kmr.error().message);
        return;
    }
    m_result.kmr = *kmr;
    m_result.outcome = BootstrapResult::Outcome::Bootstrapped;
    m_result.reason = QStringLiteral("Kmr index %1 derived from %2 for M2M-Node-ID %3")
                          .arg(m_result.kmrIndex)
                          .arg(m_result.kmrSource, toHex(m_result.nodeId));
    log(QStringLiteral("bootstrapped: ") + m_result.reason);
    emit resultChanged();
}

Result<void> DeviceBootstrap::readParameters(const QByteArray &xml) {
    auto params = parseBootstrapParamSet(xml);
    if (!params) {
        return fail(params.error());
    }
    if (!m_config.nodeId.isEmpty() && params->nodeId != m_config.nodeId) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("the bootstrapParamSet names M2M-Node-ID %1, this device is %2")
                        .arg(toHex(params->nodeId), toHex(m_config.nodeId)));
    }
    m_result.nodeId = params->nodeId;
    m_result.kmrIndex = params->kmrIndex;
    m_result.kmrExpiry = params->lifetime;
    m_result.masFqdn = params->masFqdn;
    m_result.sclId = params->sclId;
    m_result.nsclList = params->nsclList;
    return {};
}

void DeviceBootstrap::waitFor(std::function<bool()> condition, int timeoutMs,
                              std::function<void(bool)> done) {
    m_waiters.add(std::move(condition), timeoutMs, std::move(done));
}

} // namespace m2mbench::nodes
