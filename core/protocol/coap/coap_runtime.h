// SPDX-License-Identifier: Apache-2.0
#pragma once

// libcoap inside a Qt event loop (internal to core/protocol/coap; includes libcoap's headers).
// libcoap is built with epoll: its context has one epoll descriptor that becomes readable when
// any of its sockets is, so a QSocketNotifier on it wakes the loop, and a single-shot timer set
// to libcoap's next deadline drives retransmissions and DTLS timers. Everything runs on the
// owner's thread; no call waits.

#include "core/protocol/coap/coap_message.h"
#include "core/trace/key_log.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <coap3/coap.h>

#include <optional>

class QSocketNotifier;

namespace m2mbench::coap::detail {

/// coap_startup() once per process; libcoap's log goes to the bench's logging category and a
/// short memory of recent warnings (verdict reasons quote it).
void ensureStartup();
/// libcoap's warnings since `marker` (a value of logMarker()), newest last, at most 8.
QStringList libcoapLogSince(quint64 marker);
quint64 logMarker();

/// One libcoap context driven by the owner's event loop.
class Loop : public QObject {
    Q_OBJECT
public:
    explicit Loop(QObject *parent = nullptr);
    ~Loop() override;

    [[nodiscard]] coap_context_t *context() const { return m_context; }
    /// Processes soon: after a send, so that libcoap's new deadline is taken into account.
    void kick();
    /// Processes now: reads what arrived, runs handlers, schedules the next deadline.
    void process();

private:
    coap_context_t *m_context = nullptr;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_deadline;
    bool m_kicked = false;
    bool m_processing = false;
};

/// The bench's view of a libcoap PDU (for traces and the binding).
Message messageFromPdu(const coap_pdu_t *pdu);
/// Fills a PDU libcoap made (a response whose token libcoap set, or a new request): code,
/// options, payload. False when the PDU has no room.
bool fillPdu(coap_pdu_t *pdu, const Message &message);

/// The numeric address in libcoap's form; false for a host that is not an IP address.
bool toCoapAddress(const QHostAddress &host, quint16 port, coap_address_t *out);
QHostAddress fromCoapAddress(const coap_address_t *address, quint16 *port);
/// The port a libcoap endpoint bound (it picks one for port 0).
quint16 boundPort(const coap_endpoint_t *endpoint);

/// The DTLS session's secrets as an NSS key log line (CLIENT_RANDOM, master secret), when the
/// session is DTLS over OpenSSL and its handshake is done.
std::optional<trace::KeyLogLine> dtlsKeyLogLine(const coap_session_t *session);
/// The negotiated DTLS cipher suite, empty when not DTLS.
QString dtlsCipher(const coap_session_t *session);
/// The PSK identity the client sent (server side) or uses (client side).
QByteArray pskIdentity(const coap_session_t *session);

} // namespace m2mbench::coap::detail
