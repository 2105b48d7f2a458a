// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_server.h"

#include "core/common/logging.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace m2mbench::http {

namespace {

/// Per-connection state, parented to the stream so that it dies with it.
class Connection : public QObject {
public:
    Connection(Stream *stream, const Limits &limits, int idleMs)
        : QObject(stream)
        , parser(Parser::Mode::Request, limits) {
        idle.setSingleShot(true);
        idle.setInterval(idleMs);
        // A connection that says nothing (or never finishes its TLS handshake) is closed.
        connect(&idle, &QTimer::timeout, stream, &Stream::disconnectFromHost);
        idle.start();
    }
    Parser parser;
    QTimer idle;
    QByteArray pending;      ///< bytes that arrived while an answer was awaited
    bool awaiting = false;   ///< the handler has not answered the current request yet
    bool processing = false; ///< process() is running for this connection
    bool closing = false;    ///< answered with Connection: close
};

} // namespace

Server::Server(Handler handler, QObject *parent)
    : Server(std::move(handler), Options(), parent) {}

Server::Server(Handler handler, Options options, QObject *parent)
    : Server(AsyncHandler([handler = std::move(handler)](const Request &request,
                                                         const PeerInfo &peer, const Reply &reply) {
                 reply(handler(request, peer));
             }),
             std::move(options), parent) {}

Server::Server(AsyncHandler handler, Options options, QObject *parent)
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
        // Detach first: streams emit disconnected while being destroyed with the server.
        for (Stream *stream : m_server->findChildren<Stream *>()) {
            disconnect(stream, nullptr, this, nullptr);
        }
        delete m_server; // streams are its children: open connections close with it
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
        Stream *stream =
            m_options.wrap ? m_options.wrap(socket, m_server) : new TcpStream(socket, m_server);
        m_connections.insert(stream,
                             new Connection(stream, m_options.limits, m_options.idleTimeoutMs));
        connect(stream, &Stream::readyRead, this, [this, stream] { onReadyRead(stream); });
        connect(stream, &Stream::disconnected, this, [this, stream] {
            m_connections.remove(stream);
            stream->deleteLater();
        });
        // A failed handshake: the stream sends its alert and closes; disconnected() cleans up.
        connect(stream, &Stream::errorOccurred, this,
                [this, stream](StreamError error, const QString &) {
                    if (error == StreamError::Handshake) {
                        m_connections.remove(stream);
                    }
                });
    }
}

void Server::onReadyRead(Stream *stream) {
    Connection *conn = static_cast<Connection *>(m_connections.value(stream));
    if (!conn) {
        return;
    }
    if (!conn->awaiting) {
        conn->idle.start();
    }
    conn->pending += stream->readAll();
    // While an answer is held, what a client pipelines behind it waits here: no more than one
    // message's worth, or the connection goes.
    if (conn->awaiting &&
        conn->pending.size() > m_options.limits.maxHead + m_options.limits.maxBody) {
        qCWarning(lcProtocol) << "HTTP server: a client sent too much behind a held request";
        stream->disconnectFromHost();
        return;
    }
    process(stream);
}

void Server::process(Stream *stream) {
    Connection *conn = static_cast<Connection *>(m_connections.value(stream));
    if (!conn || conn->awaiting || conn->processing || conn->closing) {
        return;
    }
    // A loop rather than recursion, so that a client pipelining thousands of requests cannot
    // grow the stack; an answer given later (send) comes back here.
    conn->processing = true;
    const auto feedPending = [conn] {
        return conn->pending.isEmpty() ? conn->parser.state()
                                       : conn->parser.feed(std::exchange(conn->pending, {}));
    };
    Parser::State state = feedPending();
    QPointer<Server> self(this);
    QPointer<Stream> guard(stream);
    while (state == Parser::State::Complete) {
        conn->awaiting = true;
        conn->idle.stop(); // a held answer is not an idle connection
        auto answered = std::make_shared<bool>(false);
        m_handler(conn->parser.request(),
                  PeerInfo{stream->peerAddress(), stream->peerPort(), stream->security()},
                  [self, guard, answered](Response rsp) {
                      if (*answered || !self || !guard) {
                          return; // answered already, or the connection (or server) is gone
                      }
                      *answered = true;
                      self->send(guard.data(), std::move(rsp));
                  });
        if (!self || !guard || !m_connections.contains(stream)) {
            return;
        }
        if (conn->awaiting || conn->closing) {
            conn->processing = false;
            return; // answered later, or the connection is closing
        }
        state = feedPending();
    }
    conn->processing = false;
    if (state == Parser::State::Error) {
        answerError(stream, conn->parser);
    }
}

void Server::send(Stream *stream, Response rsp) {
    Connection *conn = static_cast<Connection *>(m_connections.value(stream));
    if (!conn || !conn->awaiting) {
        return;
    }
    if (!rsp.headers.contains("Server")) {
        rsp.headers.add("Server", m_options.serverName);
    }
    const bool close = conn->parser.wantsClose();
    if (close) {
        rsp.headers.set("Connection", "close");
    }
    stream->write(rsp.serialize());
    conn->awaiting = false;
    if (close) {
        conn->closing = true;
        stream->disconnectFromHost();
        return;
    }
    conn->idle.start();
    conn->parser.reset(); // goes on with bytes pipelined behind the answered request
    process(stream);      // does nothing when called from inside process()
}

void Server::answerError(Stream *stream, const Parser &parser) {
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
    stream->write(rsp.serialize());
    stream->disconnectFromHost();
}

} // namespace m2mbench::http
