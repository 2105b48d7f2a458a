// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/protocol/http/http_message.h"
#include "core/protocol/http/http_parser.h"
#include "core/protocol/http/http_stream.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>

namespace m2mbench::http {

/// How an exchange with a peer ended. Anything but Ok is the peer's (or the network's) doing,
/// described in `detail` in words fit for a verdict reason.
struct Exchange {
    enum class Outcome {
        Ok,        ///< a complete, well-formed response arrived
        Refused,   ///< the connection could not be opened
        Closed,    ///< the peer closed before a complete response
        Timeout,   ///< no complete response within the time allowed
        Malformed, ///< the response is not valid HTTP/1.1
        TooLarge,  ///< the response exceeds the configured limits
        NetworkError,
        Cancelled,       ///< the bench gave up waiting (stop, shutdown)
        HandshakeFailed, ///< the secured transport's handshake failed (TLS-PSK: wrong key, ...)
    };
    Outcome outcome = Outcome::Cancelled;
    QString detail;
    Response response;
    QByteArray rawRequest;
    QByteArray rawResponse;
    qint64 elapsedNs = 0;
};

QString outcomeName(Exchange::Outcome o);

/// An HTTP/1.1 client for one peer (host, port) with one persistent connection: requests are
/// sent one at a time in order, each bounded by its own timeout. Lives on a network thread.
/// Plain TCP by default; setStreamFactory() puts a secured stream (TLS-PSK) underneath.
class Client : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const Exchange &)>;
    /// Makes the stream of a new connection, parented to `parent`.
    using StreamFactory = std::function<Stream *(QObject *parent)>;

    Client(QString host, quint16 port, Limits limits = {}, QObject *parent = nullptr);
    ~Client() override;

    /// Queues the request; `done` runs on this object's thread exactly once.
    void send(Request request, int timeoutMs, Done done);
    /// Fails every queued and running exchange with Cancelled and closes the connection.
    void cancelAll();
    /// The stream of every later connection; the open one (if any) is closed first.
    void setStreamFactory(StreamFactory factory);
    /// Closes the kept-alive connection (the next request opens a new one).
    void closeConnection();
    /// The stream of the open connection, or null.
    [[nodiscard]] Stream *stream() const { return m_socket; }

    [[nodiscard]] const QString &host() const { return m_host; }
    [[nodiscard]] quint16 port() const { return m_port; }

signals:
    /// The current request's bytes went to the stream (after a connect, or a TLS handshake).
    void requestWritten(const QByteArray &raw);

private:
    struct Pending {
        Request request;
        int timeoutMs = 0;
        Done done;
    };

    void startNext();
    void writeCurrent();
    void onReadyRead();
    void onDisconnected();
    void onError(StreamError error, const QString &detail);
    void onTimeout();
    void finish(Exchange::Outcome outcome, const QString &detail);
    void dropSocket();

    QString m_host;
    quint16 m_port;
    Limits m_limits;
    StreamFactory m_factory;
    Stream *m_socket = nullptr;
    bool m_reused = false; ///< the current request went out on a connection used before
    bool m_retried = false;
    std::deque<Pending> m_queue;
    std::optional<Pending> m_current;
    Parser m_parser;
    QByteArray m_raw;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
};

} // namespace m2mbench::http
