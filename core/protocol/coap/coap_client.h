// SPDX-License-Identifier: Apache-2.0
#pragma once

// A CoAP client for one peer on libcoap in the owner's Qt event loop, plain or over DTLS with a
// pre-shared key: one confirmable request at a time (NSTART = 1), retransmitted by libcoap,
// bounded by the caller's timeout; block-wise transfers both ways done here with a size and a
// block-count limit, so a peer whose Block2 never ends gets a verdict, not the bench's memory.

#include "core/common/secure_bytes.h"
#include "core/protocol/coap/coap_message.h"
#include "core/protocol/http/http_client.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace m2mbench::trace {
class Trace;
}

namespace m2mbench::coap {

struct ClientSecurity {
    bool dtls = false;
    QByteArray identity; ///< PSK identity (DTLS)
    SecureBytes key;     ///< PSK (DTLS)
    /// DTLS secrets go to this trace as NSS key log events (may be null).
    trace::Trace *keyLogTrace = nullptr;
    QString lifeline;
};

/// libcoap 4.3 keeps its default ACK_TIMEOUT (2 s) when told less than one second.
inline constexpr int kMinAckTimeoutMs = 1000;

struct ClientLimits {
    qsizetype maxBody = 1024 * 1024; ///< largest response body put together from Block2
    int maxBlocks = 2048;            ///< most blocks one exchange may take, either way
    int blockSize = 1024;            ///< Block1 size for large requests (16 .. 1024)
    /// RFC 7252 ACK_TIMEOUT, at least kMinAckTimeoutMs (libcoap 4.3 ignores anything shorter).
    int ackTimeoutMs = 2000;
    int maxRetransmit = 4; ///< RFC 7252 MAX_RETRANSMIT
};

/// How one request went; the outcome names are the HTTP client's, so that checks and verdicts
/// read the same over either binding.
struct Exchange {
    http::Exchange::Outcome outcome = http::Exchange::Outcome::Cancelled;
    QString detail;
    Message request;  ///< as given (whole payload)
    Message response; ///< the final response, its payload put together from every block
    int blocksSent = 0;
    int blocksReceived = 0;
    qint64 elapsedNs = 0;
};

class Client : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const Exchange &)>;

    Client(QString host, quint16 port, ClientSecurity security = {}, ClientLimits limits = {},
           QObject *parent = nullptr);
    ~Client() override;

    /// Queues the request (its message id and token are chosen here); `done` runs once.
    void send(Message request, int timeoutMs, Done done);
    void cancelAll();
    /// Drops the session (and the DTLS association): the next request starts afresh.
    void closeSession();

    [[nodiscard]] const QString &host() const { return m_host; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] bool secure() const { return m_security.dtls; }
    /// The negotiated DTLS cipher suite once a session is up.
    [[nodiscard]] const QString &cipher() const { return m_cipher; }

    /// Called from libcoap's handlers; not for other callers.
    void onResponse(const Message &received);
    void onNack(const QByteArray &token, int reason);
    void onEvent(int event);

signals:
    /// Every CoAP message this client sent or received (each block), for traces.
    void datagram(bool outgoing, const m2mbench::coap::Message &message);
    /// The DTLS handshake completed with this cipher.
    void secured(const QString &cipher);

private:
    struct Pending {
        Message request;
        int timeoutMs = 0;
        Done done;
    };
    struct Impl;

    void startNext();
    bool transmit(Message message);
    void nextBlock1(const Block &acked);
    void nextBlock2(const Block &received);
    void finish(http::Exchange::Outcome outcome, const QString &detail);
    bool ensureSession();
    QString libcoapSays() const;

    QString m_host;
    quint16 m_port;
    ClientSecurity m_security;
    ClientLimits m_limits;
    std::unique_ptr<Impl> d;
    std::deque<Pending> m_queue;
    std::optional<Pending> m_current;
    QByteArray m_token; ///< of the message in flight
    Exchange m_exchange;
    quint32 m_block1Next = 0;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    QString m_cipher;
    quint64 m_logMarker = 0;
};

} // namespace m2mbench::coap
