// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_stream.h"

#include <QTcpSocket>

namespace m2mbench::http {

TcpStream::TcpStream(QObject *parent)
    : Stream(parent)
    , m_socket(new QTcpSocket(this)) {
    wire();
}

TcpStream::TcpStream(QTcpSocket *accepted, QObject *parent)
    : Stream(parent)
    , m_socket(accepted) {
    m_socket->setParent(this);
    wire();
}

void TcpStream::wire() {
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::connected, this, &Stream::connected);
    connect(m_socket, &QTcpSocket::readyRead, this, &Stream::readyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &Stream::disconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &TcpStream::onError);
}

void TcpStream::onError() {
    const auto err = m_socket->error();
    if (err == QAbstractSocket::RemoteHostClosedError) {
        return; // disconnected() says it
    }
    const bool notConnected = m_socket->state() != QAbstractSocket::ConnectedState;
    const bool refused = err == QAbstractSocket::ConnectionRefusedError ||
                         err == QAbstractSocket::HostNotFoundError ||
                         err == QAbstractSocket::NetworkError ||
                         err == QAbstractSocket::SocketTimeoutError;
    emit errorOccurred(notConnected && refused ? StreamError::Refused : StreamError::Network,
                       m_socket->errorString());
}

void TcpStream::connectToHost(const QString &host, quint16 port) {
    m_socket->connectToHost(host, port);
}

bool TcpStream::isOpen() const {
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

void TcpStream::write(const QByteArray &bytes) {
    m_socket->write(bytes);
}

QByteArray TcpStream::readAll() {
    return m_socket->readAll();
}

void TcpStream::disconnectFromHost() {
    m_socket->disconnectFromHost();
}

void TcpStream::abort() {
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
}

QHostAddress TcpStream::peerAddress() const {
    return m_socket->peerAddress();
}

quint16 TcpStream::peerPort() const {
    return m_socket->peerPort();
}

} // namespace m2mbench::http
