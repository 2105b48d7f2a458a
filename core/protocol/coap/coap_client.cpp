// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/coap/coap_client.h"

#include "core/protocol/coap/coap_runtime.h"
#include "core/trace/trace.h"

namespace m2mbench::coap {

using Outcome = http::Exchange::Outcome;

struct Client::Impl {
    detail::Loop loop;
    coap_session_t *session = nullptr;
};

namespace {

Client *clientOf(const coap_session_t *session) {
    return static_cast<Client *>(coap_session_get_app_data(session));
}

coap_response_t onResponseCb(coap_session_t *session, const coap_pdu_t *,
                             const coap_pdu_t *received, const coap_mid_t) {
    if (Client *c = clientOf(session)) {
        c->onResponse(detail::messageFromPdu(received));
    }
    return COAP_RESPONSE_OK;
}

void onNackCb(coap_session_t *session, const coap_pdu_t *sent, const coap_nack_reason_t reason,
              const coap_mid_t) {
    if (Client *c = clientOf(session)) {
        QByteArray token;
        if (sent) {
            const coap_bin_const_t t = coap_pdu_get_token(sent);
            token =
                QByteArray(reinterpret_cast<const char *>(t.s), static_cast<qsizetype>(t.length));
        }
        c->onNack(token, static_cast<int>(reason));
    }
}

int onEventCb(coap_session_t *session, const coap_event_t event) {
    if (Client *c = clientOf(session)) {
        c->onEvent(static_cast<int>(event));
    }
    return 0;
}

} // namespace

Client::Client(QString host, quint16 port, ClientSecurity security, ClientLimits limits,
               QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
    , m_security(std::move(security))
    , m_limits(limits)
    , d(std::make_unique<Impl>()) {
    m_limits.blockSize = Block::szxFor(m_limits.blockSize) >= 0 ? m_limits.blockSize : 1024;
    coap_context_t *ctx = d->loop.context();
    if (ctx) {
        coap_register_response_handler(ctx, onResponseCb);
        coap_register_nack_handler(ctx, onNackCb);
        coap_register_event_handler(ctx, onEventCb);
    }
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_current) {
            return;
        }
        const bool handshaking = m_security.dtls && m_cipher.isEmpty();
        finish(Outcome::Timeout, QStringLiteral("no response within %1 ms%2%3")
                                     .arg(m_current->timeoutMs)
                                     .arg(handshaking ? QStringLiteral(" (the DTLS handshake did "
                                                                       "not complete)")
                                                      : QString(),
                                          libcoapSays()));
    });
}

Client::~Client() {
    cancelAll();
    closeSession();
}

void Client::send(Message request, int timeoutMs, Done done) {
    m_queue.push_back(Pending{std::move(request), timeoutMs, std::move(done)});
    if (!m_current) {
        startNext();
    }
}

void Client::cancelAll() {
    if (m_current) {
        finish(Outcome::Cancelled, QStringLiteral("cancelled by the bench"));
    }
    while (!m_queue.empty()) {
        Pending p = std::move(m_queue.front());
        m_queue.pop_front();
        Exchange ex;
        ex.outcome = Outcome::Cancelled;
        ex.detail = QStringLiteral("cancelled by the bench");
        ex.request = p.request;
        if (p.done) {
            p.done(ex);
        }
    }
}

void Client::closeSession() {
    if (d->session) {
        coap_session_set_app_data(d->session, nullptr);
        coap_session_release(d->session);
        d->session = nullptr;
    }
    m_cipher.clear();
}

bool Client::ensureSession() {
    if (d->session) {
        return true;
    }
    QHostAddress address(m_host == u"localhost" ? QStringLiteral("127.0.0.1") : m_host);
    coap_address_t server;
    if (address.isNull() || !detail::toCoapAddress(address, m_port, &server)) {
        return false;
    }
    coap_context_t *ctx = d->loop.context();
    if (m_security.dtls) {
        coap_dtls_cpsk_t setup{};
        setup.version = COAP_DTLS_CPSK_SETUP_VERSION;
        setup.psk_info.identity =
            coap_bin_const_t{static_cast<size_t>(m_security.identity.size()),
                             reinterpret_cast<const uint8_t *>(m_security.identity.constData())};
        setup.psk_info.key = coap_bin_const_t{m_security.key.size(), m_security.key.data()};
        d->session = coap_new_client_session_psk2(ctx, nullptr, &server, COAP_PROTO_DTLS, &setup);
    } else {
        d->session = coap_new_client_session(ctx, nullptr, &server, COAP_PROTO_UDP);
    }
    if (!d->session) {
        return false;
    }
    coap_session_set_app_data(d->session, this);
    // Below one second libcoap would silently keep its own 2 s: clamp to what it accepts.
    const int ack = std::max(kMinAckTimeoutMs, m_limits.ackTimeoutMs);
    coap_session_set_ack_timeout(d->session, coap_fixed_point_t{static_cast<uint16_t>(ack / 1000),
                                                                static_cast<uint16_t>(ack % 1000)});
    coap_session_set_max_retransmit(d->session, static_cast<uint16_t>(m_limits.maxRetransmit));
    return true;
}

QString Client::libcoapSays() const {
    const QStringList lines = detail::libcoapLogSince(m_logMarker);
    return lines.isEmpty() ? QString() : QStringLiteral(" (libcoap: %1)").arg(lines.join(u"; "));
}

void Client::startNext() {
    if (m_current || m_queue.empty()) {
        return;
    }
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    m_exchange = Exchange();
    m_exchange.request = m_current->request;
    m_block1Next = 0;
    m_logMarker = detail::logMarker();
    m_elapsed.start();
    m_timer.start(std::max(1, m_current->timeoutMs));
    Message first = m_current->request;
    const qsizetype total = first.payload.size();
    if (total > m_limits.blockSize) {
        first.payload = first.payload.left(m_limits.blockSize);
        first.setBlock(option::kBlock1,
                       Block{0, true, static_cast<quint8>(Block::szxFor(m_limits.blockSize))});
        first.addUintOption(option::kSize1, static_cast<quint32>(total));
        m_block1Next = static_cast<quint32>(m_limits.blockSize);
    }
    transmit(first);
}

bool Client::transmit(Message m) {
    if (!ensureSession()) {
        finish(Outcome::Refused, QStringLiteral("cannot open a CoAP%1 session to %2:%3%4")
                                     .arg(m_security.dtls ? QStringLiteral("S") : QString(), m_host)
                                     .arg(m_port)
                                     .arg(libcoapSays()));
        return false;
    }
    coap_pdu_t *pdu = coap_new_pdu(static_cast<coap_pdu_type_t>(m.type),
                                   static_cast<coap_pdu_code_t>(m.code), d->session);
    uint8_t token[8];
    size_t length = 0;
    coap_session_new_token(d->session, &length, token);
    if (!pdu || !coap_add_token(pdu, length, token)) {
        coap_delete_pdu(pdu);
        finish(Outcome::NetworkError, QStringLiteral("libcoap could not make a request"));
        return false;
    }
    m.token = QByteArray(reinterpret_cast<const char *>(token), static_cast<qsizetype>(length));
    m.messageId = static_cast<quint16>(coap_pdu_get_mid(pdu));
    if (!detail::fillPdu(pdu, m)) {
        coap_delete_pdu(pdu);
        finish(Outcome::NetworkError, QStringLiteral("the request does not fit one datagram"));
        return false;
    }
    m_token = m.token;
    ++m_exchange.blocksSent;
    emit datagram(true, m);
    if (coap_send(d->session, pdu) == COAP_INVALID_MID) {
        finish(Outcome::NetworkError,
               QStringLiteral("libcoap could not send%1").arg(libcoapSays()));
        return false;
    }
    d->loop.kick();
    return true;
}

void Client::onResponse(const Message &received) {
    emit datagram(false, received);
    if (!m_current || received.token != m_token) {
        return; // a late answer to an exchange already judged
    }
    ++m_exchange.blocksReceived;
    if (m_exchange.blocksSent + m_exchange.blocksReceived > 2 * m_limits.maxBlocks) {
        finish(Outcome::TooLarge, QStringLiteral("the block-wise transfer took more than %1 blocks")
                                      .arg(m_limits.maxBlocks));
        return;
    }
    const auto block1 = received.block(option::kBlock1);
    if (received.code == kContinue && block1) {
        nextBlock1(*block1);
        return;
    }
    const auto block2 = received.block(option::kBlock2);
    if (!block2) {
        m_exchange.response = received;
        finish(Outcome::Ok, QString());
        return;
    }
    const qint64 offset = static_cast<qint64>(block2->num) * block2->size();
    if (block2->num == 0) {
        m_exchange.response = received;
    } else if (offset != m_exchange.response.payload.size()) {
        finish(Outcome::Malformed, QStringLiteral("Block2 number %1 does not follow the %2 octets "
                                                  "received so far")
                                       .arg(block2->num)
                                       .arg(m_exchange.response.payload.size()));
        return;
    } else {
        m_exchange.response.payload += received.payload;
    }
    if (m_exchange.response.payload.size() > m_limits.maxBody) {
        finish(Outcome::TooLarge,
               QStringLiteral("the Block2 transfer passed %1 octets without ending (limit %2)")
                   .arg(m_exchange.response.payload.size())
                   .arg(m_limits.maxBody));
        return;
    }
    if (block2->more) {
        nextBlock2(*block2);
        return;
    }
    finish(Outcome::Ok, QString());
}

void Client::nextBlock1(const Block &acked) {
    const QByteArray &body = m_current->request.payload;
    if (m_block1Next == 0 || m_block1Next >= static_cast<quint32>(body.size())) {
        finish(Outcome::Malformed, QStringLiteral("2.31 Continue after the last Block1 block"));
        return;
    }
    const int size = std::min(m_limits.blockSize, acked.size()); // the server may ask for less
    Message next = m_current->request;
    next.removeOptions(option::kSize1);
    next.payload = body.mid(m_block1Next, size);
    const bool more = m_block1Next + static_cast<quint32>(size) < static_cast<quint32>(body.size());
    next.setBlock(option::kBlock1, Block{m_block1Next / static_cast<quint32>(size), more,
                                         static_cast<quint8>(Block::szxFor(size))});
    m_block1Next += static_cast<quint32>(next.payload.size());
    transmit(next);
}

void Client::nextBlock2(const Block &received) {
    Message next = m_current->request;
    next.payload.clear();
    for (const quint16 n : {option::kBlock1, option::kSize1, option::kContentFormat}) {
        next.removeOptions(n);
    }
    next.setBlock(option::kBlock2, Block{received.num + 1, false, received.szx});
    transmit(next);
}

void Client::onNack(const QByteArray &token, int reason) {
    if (!m_current || (!token.isEmpty() && token != m_token)) {
        return;
    }
    const QString peer = QStringLiteral("%1:%2").arg(m_host).arg(m_port);
    switch (reason) {
    case COAP_NACK_TOO_MANY_RETRIES:
        finish(Outcome::Timeout,
               QStringLiteral("no acknowledgement from %1 after %2 retransmissions of a "
                              "confirmable message (RFC 7252 4.2)")
                   .arg(peer)
                   .arg(m_limits.maxRetransmit));
        return;
    case COAP_NACK_RST:
        finish(Outcome::Closed,
               QStringLiteral("%1 answered with Reset%2").arg(peer, libcoapSays()));
        return;
    case COAP_NACK_TLS_FAILED:
        finish(Outcome::HandshakeFailed,
               QStringLiteral("DTLS handshake with %1 failed%2").arg(peer, libcoapSays()));
        return;
    case COAP_NACK_ICMP_ISSUE:
    case COAP_NACK_NOT_DELIVERABLE:
        finish(Outcome::Refused, QStringLiteral("nothing answers at %1 (ICMP or not deliverable)%2")
                                     .arg(peer, libcoapSays()));
        return;
    default:
        finish(Outcome::NetworkError,
               QStringLiteral("CoAP exchange with %1 failed%2").arg(peer, libcoapSays()));
    }
}

void Client::onEvent(int event) {
    if (event == COAP_EVENT_DTLS_CONNECTED && d->session) {
        m_cipher = detail::dtlsCipher(d->session);
        if (auto line = detail::dtlsKeyLogLine(d->session); line && m_security.keyLogTrace) {
            m_security.keyLogTrace->append(trace::keyLogEvent(*line, m_security.lifeline));
        }
        emit secured(m_cipher);
        return;
    }
    if ((event == COAP_EVENT_DTLS_ERROR || event == COAP_EVENT_SESSION_FAILED ||
         event == COAP_EVENT_DTLS_CLOSED) &&
        m_current) {
        finish(m_cipher.isEmpty() ? Outcome::HandshakeFailed : Outcome::Closed,
               m_cipher.isEmpty() ? QStringLiteral("DTLS handshake with %1:%2 failed%3")
                                        .arg(m_host)
                                        .arg(m_port)
                                        .arg(libcoapSays())
                                  : QStringLiteral("the DTLS session ended%1").arg(libcoapSays()));
    }
}

void Client::finish(Outcome outcome, const QString &detail) {
    m_timer.stop();
    if (!m_current) {
        return;
    }
    Pending done = std::move(*m_current);
    m_current.reset();
    m_token.clear();
    m_exchange.outcome = outcome;
    m_exchange.detail = detail;
    m_exchange.elapsedNs = m_elapsed.nsecsElapsed();
    const Exchange ex = m_exchange;
    if (outcome != Outcome::Ok) {
        // A session that failed or went silent is not reused; never released inside libcoap's
        // own callbacks, hence queued.
        QMetaObject::invokeMethod(this, &Client::closeSession, Qt::QueuedConnection);
    }
    if (done.done) {
        done.done(ex);
    }
    QMetaObject::invokeMethod(this, &Client::startNext, Qt::QueuedConnection);
}

} // namespace m2mbench::coap
