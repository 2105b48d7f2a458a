// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/radius/radius_client.h"

#include <QNetworkDatagram>
#include <QTimer>
#include <QUdpSocket>

#include <openssl/rand.h>

namespace m2mbench::radius {

Client::Client(ClientConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config)) {
    unsigned char first = 0;
    RAND_bytes(&first, 1);
    m_nextId = first;
}

Client::~Client() {
    for (const Pending &p : std::as_const(m_pending)) {
        delete p.timer;
    }
}

Result<void> Client::open() {
    m_socket = new QUdpSocket(this);
    const QHostAddress any =
        m_config.server.protocol() == QAbstractSocket::IPv6Protocol
            ? QHostAddress(QHostAddress::AnyIPv6)
            : (m_config.server.isLoopback() ? QHostAddress(QHostAddress::LocalHost)
                                            : QHostAddress(QHostAddress::AnyIPv4));
    if (!m_socket->bind(any, 0)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("RADIUS client: cannot bind: %1").arg(m_socket->errorString()));
    }
    connect(m_socket, &QUdpSocket::readyRead, this, &Client::onReadyRead);
    return {};
}

void Client::send(Packet request, Done done) {
    if (m_socket == nullptr) {
        done(fail(Error::Kind::Io, QStringLiteral("RADIUS client not open")));
        return;
    }
    if (m_pending.size() >= 255) {
        done(fail(Error::Kind::Io,
                  QStringLiteral("256 RADIUS requests in flight: no Identifier free")));
        return;
    }
    while (m_pending.contains(m_nextId)) {
        ++m_nextId;
    }
    const quint8 id = m_nextId++;
    request.identifier = id;
    QByteArray authenticator(kAuthenticatorLength, '\0');
    RAND_bytes(reinterpret_cast<unsigned char *>(authenticator.data()), kAuthenticatorLength);
    auto bytes = finalizeRequest(request, m_config.secret, authenticator);
    if (!bytes) {
        done(fail(bytes.error()));
        return;
    }
    Pending p;
    p.bytes = *bytes;
    p.authenticator = authenticator;
    p.done = std::move(done);
    p.timer = new QTimer(this);
    p.timer->setSingleShot(true);
    connect(p.timer, &QTimer::timeout, this, [this, id] { onTimeout(id); });
    p.timer->start(m_config.timeoutMs);
    m_pending.insert(id, p);
    m_socket->writeDatagram(*bytes, m_config.server, m_config.port);
    emit traffic(true, *bytes);
}

void Client::onTimeout(quint8 id) {
    auto it = m_pending.find(id);
    if (it == m_pending.end()) {
        return;
    }
    if (it->tries < m_config.retries) {
        ++it->tries;
        // RFC 2865: a retransmission is the same packet, same Identifier and authenticator.
        m_socket->writeDatagram(it->bytes, m_config.server, m_config.port);
        emit traffic(true, it->bytes);
        it->timer->start(m_config.timeoutMs);
        return;
    }
    Pending p = it.value();
    m_pending.erase(it);
    p.timer->deleteLater();
    p.done(fail(Error::Kind::Io,
                QStringLiteral("no answer from the RADIUS server %1:%2 after %3 tries of %4 ms")
                    .arg(m_config.server.toString())
                    .arg(m_config.port)
                    .arg(m_config.retries + 1)
                    .arg(m_config.timeoutMs)));
}

void Client::drop(const QString &why) {
    ++m_discarded;
    emit note(QStringLiteral("RADIUS response dropped: ") + why);
}

void Client::onReadyRead() {
    while (m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram(kMaxPacketLength + 1);
        const QByteArray raw = datagram.data();
        emit traffic(false, raw);
        if (datagram.senderPort() != m_config.port ||
            !datagram.senderAddress().isEqual(m_config.server, QHostAddress::TolerantConversion)) {
            drop(QStringLiteral("from %1:%2, not the server")
                     .arg(datagram.senderAddress().toString())
                     .arg(datagram.senderPort()));
            continue;
        }
        auto packet = parsePacket(raw);
        if (!packet) {
            drop(packet.error().message);
            continue;
        }
        auto it = m_pending.find(packet->identifier);
        if (it == m_pending.end()) {
            drop(QStringLiteral("Identifier %1 answers no request in flight")
                     .arg(packet->identifier));
            continue;
        }
        if (verifyResponseAuthenticator(raw, m_config.secret, it->authenticator) != Check::Valid) {
            drop(QStringLiteral("invalid Response Authenticator (wrong shared secret?)"));
            continue;
        }
        const Check ma =
            verifyMessageAuthenticator(raw, *packet, m_config.secret, it->authenticator);
        if (ma == Check::Invalid ||
            (ma == Check::Missing && packet->find(Attr::EapMessage) != nullptr)) {
            drop(QStringLiteral("Message-Authenticator %1 (RFC 3579 section 3.2)")
                     .arg(checkName(ma)));
            continue;
        }
        Pending p = it.value();
        m_pending.erase(it);
        p.timer->deleteLater();
        p.done(Reply{*packet, raw, p.authenticator});
    }
}

} // namespace m2mbench::radius
