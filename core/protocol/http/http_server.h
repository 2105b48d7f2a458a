// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/protocol/http/http_message.h"
#include "core/protocol/http/http_parser.h"
#include "core/protocol/http/http_stream.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace m2mbench::http {

/// Who sent a request, for handlers that log or authorise by peer.
struct PeerInfo {
    QHostAddress address;
    quint16 port = 0;
    /// What the secured stream established (PSK identity, randoms); empty on plain TCP.
    StreamSecurity security;
};

/// A small HTTP/1.1 server on Qt sockets: keep-alive, pipelining, bounded parsing, an idle
/// timeout and a connection cap. Lives on the thread that created it (a node's network thread).
class Server : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<Response(const Request &, const PeerInfo &)>;
    /// Answers a request, now or later: on this server's thread, exactly once. Later answers
    /// hold the connection (HTTP long polling); requests pipelined behind wait their turn.
    using Reply = std::function<void(Response)>;
    using AsyncHandler = std::function<void(const Request &, const PeerInfo &, Reply)>;
    /// Wraps an accepted connection in the stream HTTP reads (TLS-PSK); parent it to `parent`.
    using StreamWrapper = std::function<Stream *(QTcpSocket *accepted, QObject *parent)>;

    struct Options {
        Limits limits;
        int idleTimeoutMs = 30000;
        int maxConnections = 512;
        QByteArray serverName = "m2mbench";
        /// Unset: plain TCP.
        StreamWrapper wrap;
    };

    explicit Server(Handler handler, QObject *parent = nullptr);
    Server(Handler handler, Options options, QObject *parent = nullptr);
    Server(AsyncHandler handler, Options options, QObject *parent = nullptr);
    ~Server() override;

    /// Starts listening; port 0 picks a free port. Returns the port bound.
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    void close();
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] bool isListening() const;

private:
    void onNewConnection();
    void onReadyRead(Stream *stream);
    /// Parses and answers what the connection holds, unless it awaits an answer.
    void process(Stream *stream);
    void send(Stream *stream, Response rsp);
    void answerError(Stream *stream, const Parser &parser);

    AsyncHandler m_handler;
    Options m_options;
    QTcpServer *m_server = nullptr;
    QHash<Stream *, QObject *> m_connections; ///< stream -> its parser and idle timer
};

} // namespace m2mbench::http
