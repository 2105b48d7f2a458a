// SPDX-License-Identifier: Apache-2.0
#pragma once

// TLS-PSK under the HTTP client and server: an http::Stream over a QTcpSocket and a PskSession,
// so that HTTP over TLS-PSK keeps the bounded HTTP parser and the trace keeps the decrypted
// bytes.

#include "core/protocol/http/http_stream.h"
#include "core/protocol/tls/psk_session.h"

#include <QTimer>

class QTcpSocket;

namespace m2mbench::tls {

class PskStream final : public http::Stream {
    Q_OBJECT
public:
    /// A client stream offering `identity` and `key`; call connectToHost().
    PskStream(std::shared_ptr<PskContext> context, const QByteArray &identity,
              const SecureBytes &key, QObject *parent = nullptr);
    /// A server stream on a socket the server accepted; `resolver` decides each identity's key.
    PskStream(QTcpSocket *accepted, std::shared_ptr<PskContext> context,
              PskSession::Resolver resolver, QObject *parent = nullptr);
    ~PskStream() override;

    void connectToHost(const QString &host, quint16 port) override;
    [[nodiscard]] bool isOpen() const override;
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override;
    void disconnectFromHost() override;
    void abort() override;
    [[nodiscard]] QHostAddress peerAddress() const override;
    [[nodiscard]] quint16 peerPort() const override;
    [[nodiscard]] http::StreamSecurity security() const override;

    /// Longest time from TCP connect (or accept) to a finished handshake.
    void setHandshakeTimeout(int ms) { m_handshakeTimer.setInterval(ms); }
    [[nodiscard]] const PskSession &session() const { return m_session; }

signals:
    /// TLS records of the handshake (and alerts), as they cross the wire: for traces.
    void handshakeRecords(bool outgoing, const QByteArray &records);
    /// The handshake completed (also signalled as connected()).
    void handshakeDone(const m2mbench::http::StreamSecurity &security);
    /// The handshake failed; `reason` says why in words for a verdict.
    void handshakeFailed(const QString &reason);

private:
    void wire();
    void onSocketConnected();
    void onSocketReadyRead();
    void onSocketError();
    void onHandshakeTimeout();
    void afterSessionStep(bool wasHandshaking);
    void flush(bool handshake);
    void failHandshake(const QString &reason);

    QTcpSocket *m_socket;
    PskSession m_session;
    QTimer m_handshakeTimer;
    QByteArray m_plain;
    bool m_failed = false;
};

} // namespace m2mbench::tls
