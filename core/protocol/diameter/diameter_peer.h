// SPDX-License-Identifier: Apache-2.0
#pragma once

// One Diameter peer connection over TCP (RFC 6733 section 5): the capabilities exchange
// (CER/CEA) in either role, the watchdog of RFC 3539 (DWR/DWA every Tw, the connection given up
// when a DWR goes unanswered), disconnection (DPR/DPA), and application requests matched to
// their answers by Hop-by-Hop Identifier with a timeout. Framing is bounded: a peer announcing
// a message over the limit loses the connection, never more memory.

#include "core/common/result.h"
#include "core/protocol/diameter/diameter_message.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>

class QTcpSocket;
class QTimer;

namespace m2mbench::diameter {

/// What this node says about itself in CER/CEA.
struct LocalPeer {
    QString originHost;
    QString originRealm;
    QHostAddress hostIp = QHostAddress(QHostAddress::LocalHost);
    quint32 vendorId = 0;
    QString productName = QStringLiteral("m2mbench");
    quint32 firmwareRevision = 1;
    /// Vendor-specific auth applications this node serves: {vendor id, application id}.
    QList<QPair<quint32, quint32>> applications;
    quint32 originStateId = 1;
    int watchdogMs = 30000;
    Limits limits;
};

class PeerConnection : public QObject {
    Q_OBJECT
public:
    enum class State { Connecting, WaitCea, WaitCer, Open, Closing, Closed };
    using Answer = std::function<void(Result<Message>)>;
    /// Handles an application request of the peer; returns the answer (the connection sets
    /// Hop-by-Hop, End-to-End and the R flag).
    using RequestHandler = std::function<Message(const Message &request)>;

    /// The initiating side; call connectTo().
    explicit PeerConnection(LocalPeer local, QObject *parent = nullptr);
    /// The responding side over an accepted socket (taken over).
    PeerConnection(LocalPeer local, QTcpSocket *accepted, QObject *parent = nullptr);
    ~PeerConnection() override;

    void connectTo(const QString &host, quint16 port, int timeoutMs = 5000);
    void setRequestHandler(RequestHandler handler) { m_handler = std::move(handler); }

    /// Sends an application request; `done` runs exactly once, with the answer or an error
    /// (not open, closed, timeout).
    void request(Message message, int timeoutMs, Answer done);
    /// Sends a DWR now (the watchdog does so by itself when idle).
    void sendWatchdog();
    /// DPR, then close on DPA (or after a short wait).
    void disconnect(quint32 cause = 0);
    void abort(const QString &reason);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isOpen() const { return m_state == State::Open; }
    [[nodiscard]] const QString &remoteHost() const { return m_remoteHost; }
    [[nodiscard]] const QString &remoteRealm() const { return m_remoteRealm; }
    [[nodiscard]] const QString &closeReason() const { return m_closeReason; }
    [[nodiscard]] int watchdogsAnswered() const { return m_watchdogsAnswered; }
    [[nodiscard]] int watchdogsReceived() const { return m_watchdogsReceived; }
    [[nodiscard]] QString peerAddress() const;

signals:
    void opened();
    void closed(const QString &reason);
    /// Every message as it crossed the wire, for the trace.
    void traffic(bool sent, const QByteArray &raw, const m2mbench::diameter::Message &message);

private:
    void wire(QTcpSocket *socket);
    void onReadyRead();
    void onMessage(const QByteArray &raw, const Message &m);
    void onBaseRequest(const Message &m);
    void onCapabilities(const Message &m);
    void onAnswer(const Message &m);
    Message capabilities(bool request) const;
    Message baseMessage(quint32 command) const;
    bool commonApplication(const Message &m) const;
    void send(Message m);
    void armWatchdog();
    void close(const QString &reason);

    LocalPeer m_local;
    QPointer<QTcpSocket> m_socket;
    QTimer *m_watchdog = nullptr;
    State m_state = State::Connecting;
    QByteArray m_buffer;
    RequestHandler m_handler;
    struct Pending {
        Answer done;
        QTimer *timer = nullptr;
    };
    QHash<quint32, Pending> m_pending;
    quint32 m_nextHopByHop = 1;
    quint32 m_nextEndToEnd = 1;
    quint32 m_dwrHopByHop = 0;
    bool m_dwrOutstanding = false;
    bool m_trafficSinceWatchdog = false;
    QString m_remoteHost;
    QString m_remoteRealm;
    QString m_closeReason;
    QString m_endingReason; ///< why this side ends the connection, set before the socket hears
    int m_watchdogsAnswered = 0;
    int m_watchdogsReceived = 0;
};

} // namespace m2mbench::diameter
