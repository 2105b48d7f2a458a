// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/diameter/diameter_peer.h"

#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

namespace m2mbench::diameter {

namespace {

constexpr int kCapabilitiesTimeoutMs = 10000;
constexpr int kDisconnectWaitMs = 2000;

} // namespace

PeerConnection::PeerConnection(LocalPeer local, QObject *parent)
    : QObject(parent)
    , m_local(std::move(local)) {
    m_nextHopByHop = QRandomGenerator::global()->generate();
    m_nextEndToEnd = (quint32(QDateTime::currentSecsSinceEpoch()) << 20) |
                     (QRandomGenerator::global()->generate() & 0xfffff);
}

PeerConnection::PeerConnection(LocalPeer local, QTcpSocket *accepted, QObject *parent)
    : PeerConnection(std::move(local), parent) {
    m_state = State::WaitCer;
    wire(accepted);
    QTimer::singleShot(kCapabilitiesTimeoutMs, this, [this] {
        if (m_state == State::WaitCer) {
            abort(QStringLiteral("no CER within %1 ms of the connection")
                      .arg(kCapabilitiesTimeoutMs));
        }
    });
}

PeerConnection::~PeerConnection() {
    for (const Pending &p : std::as_const(m_pending)) {
        delete p.timer;
    }
}

QString PeerConnection::peerAddress() const {
    return m_socket ? QStringLiteral("%1:%2")
                          .arg(m_socket->peerAddress().toString())
                          .arg(m_socket->peerPort())
                    : QString();
}

void PeerConnection::wire(QTcpSocket *socket) {
    m_socket = socket;
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &PeerConnection::onReadyRead);
    // QTcpSocket emits disconnected() inside disconnectFromHost() and abort() when nothing is
    // left to write: the reason this side gave then wins over the generic one.
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        close(!m_endingReason.isEmpty()   ? m_endingReason
              : m_state == State::Closing ? QStringLiteral("disconnected")
                                          : QStringLiteral("the peer closed the connection"));
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError) {
            close(QStringLiteral("connection error: %1")
                      .arg(m_socket ? m_socket->errorString() : QString()));
        }
    });
}

void PeerConnection::connectTo(const QString &host, quint16 port, int timeoutMs) {
    auto *socket = new QTcpSocket(this);
    wire(socket);
    connect(socket, &QTcpSocket::connected, this, [this] {
        m_state = State::WaitCea;
        send(capabilities(true));
    });
    socket->connectToHost(host, port);
    QTimer::singleShot(timeoutMs, this, [this, timeoutMs] {
        if (m_state == State::Connecting || m_state == State::WaitCea) {
            abort(QStringLiteral("capabilities exchange not complete within %1 ms").arg(timeoutMs));
        }
    });
}

void PeerConnection::onReadyRead() {
    if (!m_socket) {
        return;
    }
    m_buffer.append(m_socket->readAll());
    while (m_buffer.size() >= 4 && m_state != State::Closed) {
        auto length = messageLength(m_buffer.left(4), m_local.limits);
        if (!length) {
            abort(length.error().message);
            return;
        }
        if (m_buffer.size() < static_cast<qsizetype>(*length)) {
            if (m_buffer.size() > 2 * m_local.limits.maxMessage) {
                abort(QStringLiteral("more than %1 octets buffered")
                          .arg(2 * m_local.limits.maxMessage));
            }
            return;
        }
        const QByteArray raw = m_buffer.left(*length);
        m_buffer.remove(0, *length);
        auto message = parseMessage(raw, m_local.limits);
        if (!message) {
            abort(QStringLiteral("malformed message: ") + message.error().message);
            return;
        }
        onMessage(raw, *message);
    }
}

void PeerConnection::onMessage(const QByteArray &raw, const Message &m) {
    emit traffic(false, raw, m);
    m_trafficSinceWatchdog = true;
    if (!m.isRequest()) {
        onAnswer(m);
        return;
    }
    if (m.command == Command::CapabilitiesExchange || m.command == Command::DeviceWatchdog ||
        m.command == Command::DisconnectPeer) {
        onBaseRequest(m);
        return;
    }
    if (m_state != State::Open) {
        abort(QStringLiteral("%1 before the capabilities exchange")
                  .arg(commandName(m.command, true)));
        return;
    }
    Message answer;
    if (m_handler) {
        answer = m_handler(m);
    } else {
        answer = m.answer();
        answer.flags |= CommandFlag::Error;
        answer.avps = {Avp::u32(AvpCode::ResultCode, ResultCode::CommandUnsupported),
                       Avp::text(AvpCode::OriginHost, m_local.originHost),
                       Avp::text(AvpCode::OriginRealm, m_local.originRealm)};
    }
    answer.flags &= ~CommandFlag::Request;
    answer.command = m.command;
    answer.applicationId = m.applicationId;
    answer.hopByHop = m.hopByHop;
    answer.endToEnd = m.endToEnd;
    send(answer);
}

void PeerConnection::onBaseRequest(const Message &m) {
    if (m.command == Command::CapabilitiesExchange) {
        if (m_state != State::WaitCer) {
            abort(QStringLiteral("a second CER on an open connection"));
            return;
        }
        onCapabilities(m);
        return;
    }
    if (m_state != State::Open && m_state != State::Closing) {
        abort(QStringLiteral("%1 before the capabilities exchange")
                  .arg(commandName(m.command, true)));
        return;
    }
    Message answer = baseMessage(m.command);
    answer.flags = 0;
    answer.hopByHop = m.hopByHop;
    answer.endToEnd = m.endToEnd;
    answer.avps.prepend(Avp::u32(AvpCode::ResultCode, ResultCode::Success));
    if (m.command == Command::DeviceWatchdog) {
        ++m_watchdogsReceived;
        answer.avps.append(Avp::u32(AvpCode::OriginStateId, m_local.originStateId));
        send(answer);
        return;
    }
    send(answer); // DPA
    const quint32 cause = m.u32(AvpCode::DisconnectCause).value_or(0);
    m_state = State::Closing;
    m_endingReason = QStringLiteral("the peer disconnected (DPR, Disconnect-Cause %1)").arg(cause);
    if (m_socket) {
        m_socket->disconnectFromHost();
    }
    close(m_endingReason);
}

bool PeerConnection::commonApplication(const Message &m) const {
    if (m_local.applications.isEmpty()) {
        return true;
    }
    QList<quint32> theirs;
    for (const Avp &a : m.avps) {
        if ((a.code == AvpCode::AuthApplicationId || a.code == AvpCode::AcctApplicationId) &&
            a.u32()) {
            theirs << *a.u32();
        } else if (a.code == AvpCode::VendorSpecificApplicationId) {
            for (const Avp &inner : a.grouped().value_or(QList<Avp>())) {
                if ((inner.code == AvpCode::AuthApplicationId ||
                     inner.code == AvpCode::AcctApplicationId) &&
                    inner.u32()) {
                    theirs << *inner.u32();
                }
            }
        }
    }
    if (theirs.contains(kRelayApplicationId)) {
        return true;
    }
    for (const auto &[vendor, app] : m_local.applications) {
        if (theirs.contains(app)) {
            return true;
        }
    }
    return false;
}

void PeerConnection::onCapabilities(const Message &m) {
    m_remoteHost = m.text(AvpCode::OriginHost);
    m_remoteRealm = m.text(AvpCode::OriginRealm);
    Message cea = capabilities(false);
    cea.hopByHop = m.hopByHop;
    cea.endToEnd = m.endToEnd;
    quint32 result = ResultCode::Success;
    if (m_remoteHost.isEmpty() || m_remoteRealm.isEmpty()) {
        result = ResultCode::MissingAvp;
    } else if (!commonApplication(m)) {
        result = ResultCode::NoCommonApplication;
    }
    cea.avps.prepend(Avp::u32(AvpCode::ResultCode, result));
    if (result != ResultCode::Success) {
        cea.flags |= CommandFlag::Error;
        send(cea);
        m_state = State::Closing;
        if (m_socket) {
            m_socket->disconnectFromHost();
        }
        close(QStringLiteral("CER refused: %1").arg(resultCodeName(result)));
        return;
    }
    send(cea);
    m_state = State::Open;
    armWatchdog();
    emit opened();
}

void PeerConnection::onAnswer(const Message &m) {
    if (m.command == Command::CapabilitiesExchange && m_state == State::WaitCea) {
        const quint32 result = m.u32(AvpCode::ResultCode).value_or(0);
        if (result != ResultCode::Success) {
            abort(QStringLiteral("CEA with %1: %2")
                      .arg(resultCodeName(result), m.text(AvpCode::ErrorMessage)));
            return;
        }
        m_remoteHost = m.text(AvpCode::OriginHost);
        m_remoteRealm = m.text(AvpCode::OriginRealm);
        m_state = State::Open;
        armWatchdog();
        emit opened();
        return;
    }
    if (m.command == Command::DeviceWatchdog) {
        if (m_dwrOutstanding && m.hopByHop == m_dwrHopByHop) {
            m_dwrOutstanding = false;
            ++m_watchdogsAnswered;
        }
        return;
    }
    if (m.command == Command::DisconnectPeer && m_state == State::Closing) {
        m_endingReason = QStringLiteral("disconnected (DPA received)");
        if (m_socket) {
            m_socket->disconnectFromHost();
        }
        close(m_endingReason);
        return;
    }
    auto it = m_pending.find(m.hopByHop);
    if (it == m_pending.end()) {
        return; // a late answer to a request already given up
    }
    Pending p = it.value();
    m_pending.erase(it);
    delete p.timer;
    p.done(m);
}

Message PeerConnection::baseMessage(quint32 command) const {
    Message m;
    m.flags = CommandFlag::Request;
    m.command = command;
    m.avps = {Avp::text(AvpCode::OriginHost, m_local.originHost),
              Avp::text(AvpCode::OriginRealm, m_local.originRealm)};
    return m;
}

Message PeerConnection::capabilities(bool request) const {
    Message m = baseMessage(Command::CapabilitiesExchange);
    m.flags = request ? CommandFlag::Request : 0;
    m.avps << Avp::address(AvpCode::HostIpAddress, m_local.hostIp)
           << Avp::u32(AvpCode::VendorId, m_local.vendorId)
           << Avp::text(AvpCode::ProductName, m_local.productName)
           << Avp::u32(AvpCode::OriginStateId, m_local.originStateId);
    QList<quint32> vendors;
    for (const auto &[vendor, app] : m_local.applications) {
        if (!vendors.contains(vendor)) {
            vendors << vendor;
            m.avps << Avp::u32(AvpCode::SupportedVendorId, vendor);
        }
    }
    for (const auto &[vendor, app] : m_local.applications) {
        m.avps << Avp::grouped(
            AvpCode::VendorSpecificApplicationId,
            {Avp::u32(AvpCode::VendorId, vendor), Avp::u32(AvpCode::AuthApplicationId, app)});
    }
    m.avps << Avp::u32(AvpCode::FirmwareRevision, m_local.firmwareRevision);
    // ProductName and FirmwareRevision are not mandatory to understand (RFC 6733 section 5.3.1).
    for (Avp &a : m.avps) {
        if (a.code == AvpCode::ProductName || a.code == AvpCode::FirmwareRevision) {
            a.flags &= ~AvpFlag::Mandatory;
        }
    }
    return m;
}

void PeerConnection::send(Message m) {
    if (!m_socket || m_state == State::Closed) {
        return;
    }
    if (m.isRequest() && m.hopByHop == 0) {
        m.hopByHop = m_nextHopByHop++;
        m.endToEnd = m_nextEndToEnd++;
    }
    const QByteArray raw = m.encode();
    m_socket->write(raw);
    m_socket->flush(); // a DPA or a refusing CEA must leave before the connection closes
    emit traffic(true, raw, m);
}

void PeerConnection::request(Message message, int timeoutMs, Answer done) {
    if (m_state != State::Open) {
        done(fail(Error::Kind::Io,
                  QStringLiteral("the Diameter connection is not open%1")
                      .arg(m_closeReason.isEmpty() ? QString()
                                                   : QStringLiteral(" (%1)").arg(m_closeReason))));
        return;
    }
    message.flags |= CommandFlag::Request;
    message.hopByHop = m_nextHopByHop++;
    message.endToEnd = m_nextEndToEnd++;
    const quint32 hbh = message.hopByHop;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, hbh, timeoutMs] {
        auto it = m_pending.find(hbh);
        if (it == m_pending.end()) {
            return;
        }
        Pending p = it.value();
        m_pending.erase(it);
        p.timer->deleteLater();
        p.done(fail(Error::Kind::Io, QStringLiteral("no answer within %1 ms").arg(timeoutMs)));
    });
    m_pending.insert(hbh, Pending{std::move(done), timer});
    timer->start(timeoutMs);
    send(message);
}

void PeerConnection::sendWatchdog() {
    if (m_state != State::Open || m_dwrOutstanding) {
        return;
    }
    Message dwr = baseMessage(Command::DeviceWatchdog);
    dwr.avps.append(Avp::u32(AvpCode::OriginStateId, m_local.originStateId));
    dwr.hopByHop = m_nextHopByHop++;
    dwr.endToEnd = m_nextEndToEnd++;
    m_dwrHopByHop = dwr.hopByHop;
    m_dwrOutstanding = true;
    send(dwr);
}

void PeerConnection::armWatchdog() {
    if (!m_watchdog) {
        m_watchdog = new QTimer(this);
        m_watchdog->setSingleShot(true);
        connect(m_watchdog, &QTimer::timeout, this, [this] {
            if (m_state != State::Open) {
                return;
            }
            if (m_dwrOutstanding) {
                abort(QStringLiteral("no DWA within Tw (%1 ms): the peer is down (RFC 3539)")
                          .arg(m_local.watchdogMs));
                return;
            }
            if (!m_trafficSinceWatchdog) {
                sendWatchdog();
            }
            m_trafficSinceWatchdog = false;
            armWatchdog();
        });
    }
    // Tw with up to 2 s of jitter either way (RFC 3539 section 3.4.1), never below 6 s... unless
    // the profile asks for a shorter one in tests.
    const int jitter = static_cast<int>(QRandomGenerator::global()->bounded(-2000, 2001));
    m_watchdog->start(
        std::max(1000, m_local.watchdogMs + (m_local.watchdogMs >= 6000 ? jitter : 0)));
}

void PeerConnection::disconnect(quint32 cause) {
    if (m_state != State::Open) {
        abort(QStringLiteral("closed before it was open"));
        return;
    }
    Message dpr = baseMessage(Command::DisconnectPeer);
    dpr.avps.append(Avp::u32(AvpCode::DisconnectCause, cause));
    send(dpr);
    m_state = State::Closing;
    QTimer::singleShot(kDisconnectWaitMs, this, [this] {
        if (m_state == State::Closing) {
            abort(QStringLiteral("no DPA within %1 ms").arg(kDisconnectWaitMs));
        }
    });
}

void PeerConnection::abort(const QString &reason) {
    if (m_state != State::Closed) {
        m_endingReason = reason;
    }
    if (m_socket) {
        m_socket->abort();
    }
    close(reason);
}

void PeerConnection::close(const QString &reason) {
    if (m_state == State::Closed) {
        return;
    }
    m_state = State::Closed;
    m_closeReason = reason;
    if (m_watchdog) {
        m_watchdog->stop();
    }
    const auto pending = std::exchange(m_pending, {});
    for (const Pending &p : pending) {
        p.timer->deleteLater();
        p.done(fail(Error::Kind::Io, QStringLiteral("the Diameter connection closed: ") + reason));
    }
    emit closed(reason);
}

} // namespace m2mbench::diameter
