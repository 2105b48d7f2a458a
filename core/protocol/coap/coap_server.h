// SPDX-License-Identifier: Apache-2.0
#pragma once

// A CoAP server on libcoap in the owner's Qt event loop, plain (coap://) and over DTLS with a
// pre-shared key (coaps://), one handler for whole requests: block-wise transfers both ways are
// done here, bounded; unknown critical options are answered 4.02 by libcoap itself; confirmable
// messages, duplicates and retransmissions are libcoap's.

#include "core/common/result.h"
#include "core/protocol/coap/coap_blockwise.h"
#include "core/protocol/coap/coap_message.h"
#include "core/protocol/tls/psk_session.h"

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>

namespace m2mbench::trace {
class Trace;
}

namespace m2mbench::coap {

/// Who sent a request.
struct PeerInfo {
    QHostAddress address;
    quint16 port = 0;
    bool secure = false;
    QByteArray pskIdentity; ///< DTLS-PSK: the identity the client gave
    QString cipher;
};

struct ServerLimits {
    BlockLimits blocks;
    int maxSessions = 256;  ///< idle sessions libcoap keeps (it drops the least recently used)
    int maxHandshakes = 32; ///< DTLS handshakes in progress at once
};

/// The DTLS-PSK side of the server.
struct ServerPsk {
    QString cipherList = QLatin1String(tls::kDefaultDtlsCiphers);
    /// The key of a PSK identity, decided at once (the DTLS stack cannot wait).
    std::function<tls::PskLookup(const QByteArray &identity)> resolve;
    /// Every DTLS session's secrets go here as NSS key log events (may be null).
    trace::Trace *keyLogTrace = nullptr;
    QString lifeline;
};

class Server : public QObject {
    Q_OBJECT
public:
    /// Answers a whole request (block-wise reassembled) with a whole response.
    using Handler = std::function<Message(const Message &request, const PeerInfo &peer)>;

    explicit Server(Handler handler, ServerLimits limits = {}, QObject *parent = nullptr);
    ~Server() override;

    /// Enables coaps; call before listenSecure(). Errors name a bad cipher list.
    Result<void> setPsk(ServerPsk psk);
    /// coap:// on UDP; port 0 picks one. Returns the port bound.
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    /// coaps:// (DTLS 1.2 PSK) on UDP.
    Result<quint16> listenSecure(const QHostAddress &address, quint16 port);

    [[nodiscard]] quint64 requestCount() const;
    /// Block-wise transfers in progress (for tests of the bounds).
    [[nodiscard]] int blockTransfers() const;

    /// Opaque; public only so that libcoap's C callbacks can reach it.
    struct Impl;

signals:
    /// One line per DTLS event: a session with its identity and cipher, or a refusal and why.
    void securityEvent(const QString &line);

private:
    std::unique_ptr<Impl> d;
};

} // namespace m2mbench::coap
