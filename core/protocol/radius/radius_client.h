// SPDX-License-Identifier: Apache-2.0
#pragma once

// A RADIUS client over UDP (RFC 2865 section 2.5 retransmission, RFC 5080 section 2.2.1 on
// identifiers): allocates Identifiers, signs Access-Requests with a Message-Authenticator,
// retransmits the identical packet, and accepts only responses from the server whose Response
// Authenticator and Message-Authenticator verify. Create on a network thread.

#include "core/common/result.h"
#include "core/protocol/radius/radius_packet.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <functional>

class QUdpSocket;
class QTimer;

namespace m2mbench::radius {

struct ClientConfig {
    QHostAddress server = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 1812;
    QByteArray secret;
    int timeoutMs = 3000;
    int retries = 2;
};

/// A verified response and the request authenticator it answers (needed for MS-MPPE keys).
struct Reply {
    Packet packet;
    QByteArray raw;
    QByteArray requestAuthenticator;
};

class Client : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Result<Reply>)>;

    explicit Client(ClientConfig config, QObject *parent = nullptr);
    ~Client() override;

    Result<void> open();
    /// Sends `request` (Identifier and authenticators are set here); `done` runs exactly once.
    void send(Packet request, Done done);
    [[nodiscard]] const ClientConfig &config() const { return m_config; }
    [[nodiscard]] int discarded() const { return m_discarded; }

signals:
    void traffic(bool sent, const QByteArray &raw);
    /// Why a datagram was dropped (bad authenticator, unknown identifier, ...).
    void note(const QString &text);

private:
    struct Pending {
        QByteArray bytes;
        QByteArray authenticator;
        Done done;
        QTimer *timer = nullptr;
        int tries = 0;
    };
    void onReadyRead();
    void onTimeout(quint8 id);
    void drop(const QString &why);

    ClientConfig m_config;
    QUdpSocket *m_socket = nullptr;
    QHash<quint8, Pending> m_pending;
    quint8 m_nextId = 0;
    int m_discarded = 0;
};

} // namespace m2mbench::radius
