// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/http/http_client.h"

namespace m2mbench::http {

QString outcomeName(Exchange::Outcome o) {
    switch (o) {
    case Exchange::Outcome::Ok: return QStringLiteral("ok");
    case Exchange::Outcome::Refused: return QStringLiteral("refused");
    case Exchange::Outcome::Closed: return QStringLiteral("closed");
    case Exchange::Outcome::Timeout: return QStringLiteral("timeout");
    case Exchange::Outcome::Malformed: return QStringLiteral("malformed");
    case Exchange::Outcome::TooLarge: return QStringLiteral("too-large");
    case Exchange::Outcome::NetworkError: return QStringLiteral("network-error");
    case Exchange::Outcome::Cancelled: return QStringLiteral("cancelled");
    case Exchange::Outcome::HandshakeFailed: return QStringLiteral("handshake-failed");
    }
    return QStringLiteral("cancelled");
}

Client::Client(QString host, quint16 port, Limits limits, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
    , m_limits(limits)
    , m_parser(Parser::Mode::Response, limits) {
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // a step timeout is a promise made to the user
    connect(&m_timer, &QTimer::timeout, this, &Client::onTimeout);
}

Client::~Client() {
    cancelAll();
}

void Client::send(Request request, int timeoutMs, Done done) {
    m_queue.push_back(Pending{std::move(request), timeoutMs, std::move(done)});
    if (!m_current) {
        startNext();
    }
}

void Client::cancelAll() {
    if (m_current) {
        finish(Exchange::Outcome::Cancelled, QStringLiteral("cancelled by the bench"));
    }
    while (!m_queue.empty()) {
        Pending p = std::move(m_queue.front());
        m_queue.pop_front();
        Exchange ex;
        ex.outcome = Exchange::Outcome::Cancelled;
        ex.detail = QStringLiteral("cancelled by the bench");
        if (p.done) {
            p.done(ex);
        }
    }
    dropSocket();
}

void Client::setStreamFactory(StreamFactory factory) {
    dropSocket();
    m_factory = std::move(factory);
}

void Client::closeConnection() {
    if (!m_current) {
        dropSocket();
    }
}

void Client::startNext() {
    if (m_current || m_queue.empty()) {
        return;
    }
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    m_retried = false;
    m_elapsed.start();
    m_timer.start(std::max(1, m_current->timeoutMs));
    writeCurrent();
}

void Client::writeCurrent() {
    m_parser = Parser(Parser::Mode::Response, m_limits);
    m_parser.setNoBodyExpected(m_current->request.method == "HEAD");
    m_raw.clear();
    if (m_socket && m_socket->isOpen()) {
        m_reused = true;
        const QByteArray raw = m_current->request.serialize();
        m_socket->write(raw);
        emit requestWritten(raw);
        return;
    }
    dropSocket();
    m_reused = false;
    m_socket = m_factory ? m_factory(this) : new TcpStream(this);
    connect(m_socket, &Stream::readyRead, this, &Client::onReadyRead);
    connect(m_socket, &Stream::disconnected, this, &Client::onDisconnected);
    connect(m_socket, &Stream::errorOccurred, this, &Client::onError);
    connect(m_socket, &Stream::connected, this, [this] {
        if (m_current) {
            const QByteArray raw = m_current->request.serialize();
            m_socket->write(raw);
            emit requestWritten(raw);
        }
    });
    m_socket->connectToHost(m_host, m_port);
}

void Client::onReadyRead() {
    if (!m_current) {
        // Bytes nobody asked for: the peer is out of step; start afresh next time.
        m_socket->readAll();
        dropSocket();
        return;
    }
    const QByteArray data = m_socket->readAll();
    if (m_raw.size() < m_limits.maxHead + m_limits.maxBody) {
        m_raw += data.left(m_limits.maxHead + m_limits.maxBody - m_raw.size());
    }
    switch (m_parser.feed(data)) {
    case Parser::State::NeedMore: return;
    case Parser::State::Complete: {
        const bool close = m_parser.wantsClose();
        finish(Exchange::Outcome::Ok, QString());
        if (close) {
            dropSocket();
        }
        return;
    }
    case Parser::State::Error:
        finish(m_parser.errorKind() == Parser::ErrorKind::TooLarge ? Exchange::Outcome::TooLarge
                                                                   : Exchange::Outcome::Malformed,
               m_parser.errorText());
        dropSocket();
        return;
    }
}

void Client::onDisconnected() {
    if (!m_current) {
        dropSocket();
        return;
    }
    if (m_parser.finishOnClose() == Parser::State::Complete) {
        finish(Exchange::Outcome::Ok, QString());
        dropSocket();
        return;
    }
    // A kept-alive connection the peer closed while idle: send once more on a fresh one, but
    // only for requests that are safe to repeat.
    const QByteArray &m = m_current->request.method;
    if (m_reused && !m_retried && m_raw.isEmpty() && m != "POST") {
        m_retried = true;
        dropSocket();
        writeCurrent();
        return;
    }
    finish(Exchange::Outcome::Closed,
           m_raw.isEmpty() ? QStringLiteral("peer closed the connection without answering")
                           : QStringLiteral("peer closed the connection mid-response: %1")
                                 .arg(m_parser.errorText()));
    dropSocket();
}

void Client::onError(StreamError error, const QString &detail) {
    if (!m_current || !m_socket || error == StreamError::RemoteClose) {
        return; // a close is handled by onDisconnected
    }
    if (error == StreamError::Handshake) {
        finish(Exchange::Outcome::HandshakeFailed,
               QStringLiteral("secure connection to %1:%2 failed: %3")
                   .arg(m_host)
                   .arg(m_port)
                   .arg(detail));
    } else if (error == StreamError::Refused && m_raw.isEmpty()) {
        finish(Exchange::Outcome::Refused,
               QStringLiteral("cannot connect to %1:%2: %3").arg(m_host).arg(m_port).arg(detail));
    } else {
        finish(Exchange::Outcome::NetworkError, detail);
    }
    dropSocket();
}

void Client::onTimeout() {
    if (!m_current) {
        return;
    }
    QString detail;
    if (!m_socket || !m_socket->isOpen()) {
        detail = QStringLiteral("no connection to %1:%2 within %3 ms")
                     .arg(m_host)
                     .arg(m_port)
                     .arg(m_current->timeoutMs);
    } else if (m_raw.isEmpty()) {
        detail = QStringLiteral("no response within %1 ms").arg(m_current->timeoutMs);
    } else {
        detail = QStringLiteral("response incomplete after %1 ms (%2 bytes received)")
                     .arg(m_current->timeoutMs)
                     .arg(m_raw.size());
    }
    finish(Exchange::Outcome::Timeout, detail);
    dropSocket();
}

void Client::finish(Exchange::Outcome outcome, const QString &detail) {
    m_timer.stop();
    if (!m_current) {
        return;
    }
    Pending done = std::move(*m_current);
    m_current.reset();
    Exchange ex;
    ex.outcome = outcome;
    ex.detail = detail;
    ex.rawRequest = done.request.serialize();
    ex.rawResponse = outcome == Exchange::Outcome::Ok ? m_parser.raw() : m_raw;
    if (outcome == Exchange::Outcome::Ok) {
        ex.response = m_parser.response();
    }
    ex.elapsedNs = m_elapsed.nsecsElapsed();
    m_raw.clear();
    if (done.done) {
        done.done(ex);
    }
    // The callback may have queued more; go on from the event loop to keep stacks shallow.
    QMetaObject::invokeMethod(this, &Client::startNext, Qt::QueuedConnection);
}

void Client::dropSocket() {
    if (m_socket) {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
}

} // namespace m2mbench::http
