// SPDX-License-Identifier: Apache-2.0
#pragma once

// The byte stream under the HTTP client and server: plain TCP, or TLS-PSK from core/protocol/tls.
// HTTP keeps one bounded parser whatever carries it; a secured stream hands it plaintext.

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

class QTcpSocket;

namespace m2mbench::http {

/// Why a stream could not be used, in the terms a verdict needs.
enum class StreamError {
    Refused,     ///< nothing accepted the connection (refused, host not found, unreachable)
    Handshake,   ///< the transport security handshake failed (wrong key, unknown identity, ...)
    RemoteClose, ///< the peer closed (reported through disconnected() as well)
    Network,     ///< any other I/O failure
};

/// What a secured stream established; empty fields for plain TCP.
struct StreamSecurity {
    QString protocol;        ///< "TLS 1.2"
    QString cipher;          ///< "PSK-AES128-GCM-SHA256"
    QByteArray pskIdentity;  ///< as sent by the client
    QByteArray clientRandom; ///< the handshake's hello randoms (32 octets each)
    QByteArray serverRandom;
};

/// A connected, ordered byte stream. Application bytes only: a secured stream decrypts before
/// readyRead() and encrypts on write(). Signals are emitted on the owner's thread.
class Stream : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void connectToHost(const QString &host, quint16 port) = 0;
    /// Open for application data (TCP connected; TLS handshake complete).
    [[nodiscard]] virtual bool isOpen() const = 0;
    virtual void write(const QByteArray &bytes) = 0;
    virtual QByteArray readAll() = 0;
    /// Graceful close after pending bytes (TLS: close_notify first).
    virtual void disconnectFromHost() = 0;
    /// Immediate close; no signal follows.
    virtual void abort() = 0;
    [[nodiscard]] virtual QHostAddress peerAddress() const = 0;
    [[nodiscard]] virtual quint16 peerPort() const = 0;
    [[nodiscard]] virtual StreamSecurity security() const { return {}; }

signals:
    /// Open for application data.
    void connected();
    void readyRead();
    void disconnected();
    void errorOccurred(m2mbench::http::StreamError error, const QString &detail);
};

/// Plain TCP. Owns the socket it is given or creates.
class TcpStream final : public Stream {
    Q_OBJECT
public:
    /// A client stream: call connectToHost().
    explicit TcpStream(QObject *parent = nullptr);
    /// Adopts a socket a server accepted (already connected); reparents it.
    explicit TcpStream(QTcpSocket *accepted, QObject *parent = nullptr);

    void connectToHost(const QString &host, quint16 port) override;
    [[nodiscard]] bool isOpen() const override;
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override;
    void disconnectFromHost() override;
    void abort() override;
    [[nodiscard]] QHostAddress peerAddress() const override;
    [[nodiscard]] quint16 peerPort() const override;

private:
    void wire();
    void onError();

    QTcpSocket *m_socket;
};

} // namespace m2mbench::http
