// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/tls/psk_stream.h"

#include <QTcpSocket>

namespace m2mbench::tls {

namespace {
constexpr int kDefaultHandshakeTimeoutMs = 10000;
}

PskStream::PskStream(std::shared_ptr<PskContext> context, const QByteArray &identity,
                     const SecureBytes &key, QObject *parent)
    : http::Stream(parent)
    , m_socket(new QTcpSocket(this))
    , m_session(std::move(context)) {
    m_session.setClientCredentials(identity, key);
    wire();
}

PskStream::PskStream(QTcpSocket *accepted, std::shared_ptr<PskContext> context,
                     PskSession::Resolver resolver, QObject *parent)
    : http::Stream(parent)
    , m_socket(accepted)
    , m_session(std::move(context)) {
    m_socket->setParent(this);
    m_session.setResolver(std::move(resolver));
    m_session.setResumeListener([this] { afterSessionStep(true); });
    wire();
    m_session.start();
    m_handshakeTimer.start();
}

PskStream::~PskStream() = default;

void PskStream::wire() {
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_handshakeTimer.setSingleShot(true);
    m_handshakeTimer.setInterval(kDefaultHandshakeTimeoutMs);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &PskStream::onHandshakeTimeout);
    connect(m_socket, &QTcpSocket::connected, this, &PskStream::onSocketConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &PskStream::onSocketReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &http::Stream::disconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &PskStream::onSocketError);
}

void PskStream::connectToHost(const QString &host, quint16 port) {
    m_socket->connectToHost(host, port);
}

void PskStream::onSocketConnected() {
    m_handshakeTimer.start();
    if (!m_session.start()) {
        failHandshake(m_session.failureReason());
        return;
    }
    flush(true);
}

void PskStream::onSocketReadyRead() {
    const QByteArray bytes = m_socket->readAll();
    const bool wasHandshaking = m_session.state() == PskSession::State::Handshaking;
    if (wasHandshaking && !bytes.isEmpty()) {
        emit handshakeRecords(false, bytes);
    }
    m_session.feed(bytes);
    afterSessionStep(wasHandshaking);
}

void PskStream::afterSessionStep(bool wasHandshaking) {
    flush(wasHandshaking || m_session.state() == PskSession::State::Failed);
    switch (m_session.state()) {
    case PskSession::State::Failed:
        if (wasHandshaking) {
            failHandshake(m_session.failureReason());
        } else {
            m_failed = true;
            emit errorOccurred(http::StreamError::Network, m_session.failureReason());
            m_socket->disconnectFromHost();
        }
        return;
    case PskSession::State::Established:
        if (wasHandshaking) {
            m_handshakeTimer.stop();
            emit handshakeDone(m_session.security());
            emit connected();
        }
        break;
    default: break;
    }
    // Data that came with the peer's close_notify is delivered before the close.
    const QByteArray plain = m_session.takePlain();
    if (!plain.isEmpty()) {
        m_plain += plain;
        emit readyRead();
    }
    if (m_session.state() == PskSession::State::Closed) {
        m_socket->disconnectFromHost();
    }
}

void PskStream::flush(bool handshake) {
    const QByteArray out = m_session.takeOutput();
    if (out.isEmpty()) {
        return;
    }
    if (handshake) {
        emit handshakeRecords(true, out);
    }
    m_socket->write(out);
}

void PskStream::failHandshake(const QString &reason) {
    if (m_failed) {
        return;
    }
    m_failed = true;
    m_handshakeTimer.stop();
    flush(true); // the alert, if OpenSSL wrote one
    emit handshakeFailed(reason);
    emit errorOccurred(http::StreamError::Handshake, reason);
    m_socket->disconnectFromHost();
}

void PskStream::onSocketError() {
    const auto err = m_socket->error();
    if (err == QAbstractSocket::RemoteHostClosedError) {
        if (m_session.state() == PskSession::State::Handshaking && !m_failed) {
            // A peer that hangs up in the middle of the handshake refused it.
            failHandshake(QStringLiteral("the peer closed the connection during the TLS "
                                         "handshake"));
        }
        return;
    }
    const bool tcpConnected = m_socket->state() == QAbstractSocket::ConnectedState;
    if (!tcpConnected && m_session.state() == PskSession::State::Idle) {
        emit errorOccurred(http::StreamError::Refused, m_socket->errorString());
        return;
    }
    emit errorOccurred(http::StreamError::Network, m_socket->errorString());
}

void PskStream::onHandshakeTimeout() {
    if (m_session.state() == PskSession::State::Handshaking) {
        failHandshake(m_session.waitingForKey()
                          ? QStringLiteral("the key of PSK identity '%1' was not found in time")
                                .arg(QString::fromLatin1(m_session.identity().left(80)))
                          : QStringLiteral("the TLS handshake did not complete within %1 ms")
                                .arg(m_handshakeTimer.interval()));
    }
}

bool PskStream::isOpen() const {
    return m_session.established() && m_socket->state() == QAbstractSocket::ConnectedState;
}

void PskStream::write(const QByteArray &bytes) {
    if (m_session.writePlain(bytes)) {
        flush(false);
    }
}

QByteArray PskStream::readAll() {
    return std::exchange(m_plain, QByteArray());
}

void PskStream::disconnectFromHost() {
    if (m_session.established()) {
        m_session.shutdown();
        flush(false);
    }
    m_socket->disconnectFromHost();
}

void PskStream::abort() {
    m_handshakeTimer.stop();
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
}

QHostAddress PskStream::peerAddress() const {
    return m_socket->peerAddress();
}

quint16 PskStream::peerPort() const {
    return m_socket->peerPort();
}

http::StreamSecurity PskStream::security() const {
    return m_session.security();
}

} // namespace m2mbench::tls
