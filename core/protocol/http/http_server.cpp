// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_server.h"

#include "core/common/logging.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace m2mbench::http {

namespace {

/// Per-connection state, parented to the socket so that it dies with it.
class Connection : public QObject {
public:
    Connection(QTcpSocket *socket, const Limits &limits, int idleMs)
        : QObject(socket)
        , parser(Parser::Mode::Request, limits) {
        idle.setSingleShot(true);
        idle.setInterval(idleMs);
        connect(&idle, &QTimer::timeout, socket, &QTcpSocket::disconnectFromHost);
        idle.start();
    }
    Parser parser;
    QTimer idle;
};

} // namespace

Server::Server(Handler handler, QObject *parent)
    : Server(std::move(handler), Options(), parent) {}

Server::Server(Handler handler, Options options, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_options(std::move(options)) {}

Server::~Server() {
    close();
}

Result<quint16> Server::listen(const QHostAddress &address, quint16 port) {
    close();
    m_server = new QTcpServer(this);
    m_server->setMaxPendingConnections(m_options.maxConnections);
    if (!m_server->listen(address, port)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return fail(Error::Kind::Io, QStringLiteral("cannot listen on %1:%2: %3")
                                         .arg(address.toString())
                                         .arg(port)
                                         .arg(why));
    }
    connect(m_server, &QTcpServer::newConnection, this, &Server::onNewConnection);
    return m_server->serverPort();
}

void Server::close() {
    if (m_server) {
        m_server->close();
        // Detach first: sockets emit disconnected while being destroyed with the server.
        for (QTcpSocket *socket : m_server->findChildren<QTcpSocket *>()) {
            disconnect(socket, nullptr, this, nullptr);
        }
        delete m_server; // sockets are its children: open connections close with it
        m_server = nullptr;
    }
    m_connections.clear();
}

quint16 Server::port() const {
    return m_server ? m_server->serverPort() : 0;
}

bool Server::isListening() const {
    return m_server && m_server->isListening();
}

void Server::onNewConnection() {
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= m_options.maxConnections) {
            qCWarning(lcProtocol) << "HTTP server: connection cap reached, refusing a client";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_connections.insert(socket,
                             new Connection(socket, m_options.limits, m_options.idleTimeoutMs));
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_connections.remove(socket);
            socket->deleteLater();
        });
    }
}

void Server::onReadyRead(QTcpSocket *socket) {
    Connection *conn = static_cast<Connection *>(m_connections.value(socket));
    if (!conn) {
        return;
    }
    conn->idle.start();
    Parser::State state = conn->parser.feed(socket->readAll());
    while (state == Parser::State::Complete) {
        const Request &req = conn->parser.request();
        Response rsp = m_handler(req, PeerInfo{socket->peerAddress(), socket->peerPort()});
        if (!rsp.headers.contains("Server")) {
            rsp.headers.add("Server", m_options.serverName);
        }
        const bool close = conn->parser.wantsClose();
        if (close) {
            rsp.headers.set("Connection", "close");
        }
        socket->write(rsp.serialize());
        if (close) {
            socket->disconnectFromHost();
            return;
        }
        state = conn->parser.reset();
    }
    if (state == Parser::State::Error) {
        answerError(socket, conn->parser);
    }
}

void Server::answerError(QTcpSocket *socket, const Parser &parser) {
    Response rsp;
    switch (parser.errorKind()) {
    case Parser::ErrorKind::TooLarge:
        rsp.status = parser.errorText().contains(QLatin1String("header")) ? 431 : 413;
        break;
    default: rsp.status = 400; break;
    }
    rsp.headers.add("Connection", "close");
    rsp.headers.add("Content-Type", "text/plain");
    rsp.body = parser.errorText().toUtf8() + '\n';
    socket->write(rsp.serialize());
    socket->disconnectFromHost();
}

} // namespace m2mbench::http
