// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/coap/coap_runtime.h"

#include "core/common/logging.h"

#include <QMutex>
#include <QSocketNotifier>

#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>

#include <cstring>

#include <deque>
#include <mutex>

namespace m2mbench::coap::detail {

namespace {

struct LogMemory {
    QMutex mutex;
    std::deque<QString> lines;
    quint64 count = 0;
};

LogMemory &logMemory() {
    static LogMemory memory;
    return memory;
}

void onLibcoapLog(coap_log_t level, const char *message) {
    const QString line = QString::fromUtf8(message).trimmed();
    qCDebug(lcProtocol).noquote() << "libcoap:" << line;
    if (level > LOG_WARNING) {
        return;
    }
    LogMemory &m = logMemory();
    QMutexLocker lock(&m.mutex);
    m.lines.push_back(line);
    ++m.count;
    while (m.lines.size() > 32) {
        m.lines.pop_front();
    }
}

} // namespace

void ensureStartup() {
    static std::once_flag once;
    std::call_once(once, [] {
        coap_startup();
        coap_set_log_handler(onLibcoapLog);
        coap_set_log_level(LOG_WARNING);
        coap_dtls_set_log_level(LOG_WARNING);
    });
}

quint64 logMarker() {
    LogMemory &m = logMemory();
    QMutexLocker lock(&m.mutex);
    return m.count;
}

QStringList libcoapLogSince(quint64 marker) {
    LogMemory &m = logMemory();
    QMutexLocker lock(&m.mutex);
    QStringList out;
    const quint64 fresh = std::min<quint64>(m.count - marker, m.lines.size());
    for (auto it = m.lines.end() - static_cast<qsizetype>(fresh); it != m.lines.end(); ++it) {
        out.append(*it);
    }
    while (out.size() > 8) {
        out.removeFirst();
    }
    return out;
}

Loop::Loop(QObject *parent)
    : QObject(parent) {
    ensureStartup();
    m_context = coap_new_context(nullptr);
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &Loop::process);
    const int fd = m_context ? coap_context_get_coap_fd(m_context) : -1;
    if (fd >= 0) {
        m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &Loop::process);
    } else if (m_context) {
        // A libcoap without epoll: poll on a short tick instead (bounded, never blocking).
        qCWarning(lcProtocol) << "libcoap has no epoll descriptor; polling every 5 ms";
        auto *poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, &Loop::process);
        poll->start(5);
    }
}

Loop::~Loop() {
    m_deadline.stop();
    delete m_notifier;
    m_notifier = nullptr;
    if (m_context) {
        coap_free_context(m_context);
    }
}

void Loop::kick() {
    if (m_kicked) {
        return;
    }
    m_kicked = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_kicked = false;
            process();
        },
        Qt::QueuedConnection);
}

void Loop::process() {
    if (!m_context || m_processing) {
        return; // a handler that sends calls kick(), never process() inside process()
    }
    m_processing = true;
    coap_io_process(m_context, COAP_IO_NO_WAIT);
    coap_tick_t now;
    coap_ticks(&now);
    const unsigned int nextMs = coap_io_prepare_epoll(m_context, now);
    m_processing = false;
    if (nextMs > 0) {
        m_deadline.start(static_cast<int>(std::min(nextMs, 60000u)));
    } else {
        m_deadline.stop();
    }
}

Message messageFromPdu(const coap_pdu_t *pdu) {
    Message m;
    m.type = static_cast<Type>(coap_pdu_get_type(pdu) & 0x03);
    m.code = static_cast<quint8>(coap_pdu_get_code(pdu));
    m.messageId = static_cast<quint16>(coap_pdu_get_mid(pdu));
    const coap_bin_const_t token = coap_pdu_get_token(pdu);
    m.token =
        QByteArray(reinterpret_cast<const char *>(token.s), static_cast<qsizetype>(token.length));
    coap_opt_iterator_t it;
    coap_option_iterator_init(pdu, &it, COAP_OPT_ALL);
    while (coap_opt_t *opt = coap_option_next(&it)) {
        m.options.append(Option{static_cast<quint16>(it.number),
                                QByteArray(reinterpret_cast<const char *>(coap_opt_value(opt)),
                                           static_cast<qsizetype>(coap_opt_length(opt)))});
    }
    size_t length = 0;
    const uint8_t *data = nullptr;
    if (coap_get_data(pdu, &length, &data) && length > 0) {
        m.payload =
            QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(length));
    }
    return m;
}

bool fillPdu(coap_pdu_t *pdu, const Message &m) {
    coap_pdu_set_code(pdu, static_cast<coap_pdu_code_t>(m.code));
    for (const Option &o : m.options) {
        if (coap_add_option(pdu, o.number, static_cast<size_t>(o.value.size()),
                            reinterpret_cast<const uint8_t *>(o.value.constData())) == 0) {
            return false;
        }
    }
    return m.payload.isEmpty() ||
           coap_add_data(pdu, static_cast<size_t>(m.payload.size()),
                         reinterpret_cast<const uint8_t *>(m.payload.constData())) != 0;
}

bool toCoapAddress(const QHostAddress &host, quint16 port, coap_address_t *out) {
    coap_address_init(out);
    bool ok = false;
    const quint32 v4 = host.toIPv4Address(&ok);
    if (ok) {
        out->addr.sin.sin_family = AF_INET;
        out->addr.sin.sin_port = htons(port);
        out->addr.sin.sin_addr.s_addr = htonl(v4);
        out->size = sizeof(out->addr.sin);
        return true;
    }
    if (host.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR v6 = host.toIPv6Address();
        out->addr.sin6.sin6_family = AF_INET6;
        out->addr.sin6.sin6_port = htons(port);
        std::memcpy(&out->addr.sin6.sin6_addr, v6.c, sizeof v6.c);
        out->size = sizeof(out->addr.sin6);
        return true;
    }
    return false;
}

QHostAddress fromCoapAddress(const coap_address_t *a, quint16 *port) {
    if (a->addr.sa.sa_family == AF_INET) {
        *port = ntohs(a->addr.sin.sin_port);
        return QHostAddress(ntohl(a->addr.sin.sin_addr.s_addr));
    }
    if (a->addr.sa.sa_family == AF_INET6) {
        *port = ntohs(a->addr.sin6.sin6_port);
        return QHostAddress(reinterpret_cast<const quint8 *>(&a->addr.sin6.sin6_addr));
    }
    *port = 0;
    return {};
}

quint16 boundPort(const coap_endpoint_t *endpoint) {
    // libcoap prints the address it bound ("127.0.0.1:48188 UDP", "[::1]:5684 DTLS").
    const QString text = QString::fromLatin1(coap_endpoint_str(endpoint));
    const QString address = text.section(QLatin1Char(' '), 0, 0);
    return static_cast<quint16>(address.section(QLatin1Char(':'), -1).toUInt());
}

std::optional<trace::KeyLogLine> dtlsKeyLogLine(const coap_session_t *session) {
    coap_tls_library_t library = COAP_TLS_LIBRARY_NOTLS;
    auto *ssl = static_cast<SSL *>(coap_session_get_tls(session, &library));
    if (!ssl || library != COAP_TLS_LIBRARY_OPENSSL) {
        return std::nullopt;
    }
    const SSL_SESSION *s = SSL_get_session(ssl);
    unsigned char master[SSL_MAX_MASTER_KEY_LENGTH];
    const size_t n = s ? SSL_SESSION_get_master_key(s, master, sizeof master) : 0;
    if (n == 0) {
        return std::nullopt;
    }
    QByteArray random(32, '\0');
    SSL_get_client_random(ssl, reinterpret_cast<unsigned char *>(random.data()), 32);
    trace::KeyLogLine line{"CLIENT_RANDOM", random, SecureBytes(master, n)};
    OPENSSL_cleanse(master, sizeof master);
    return line;
}

QString dtlsCipher(const coap_session_t *session) {
    coap_tls_library_t library = COAP_TLS_LIBRARY_NOTLS;
    auto *ssl = static_cast<SSL *>(coap_session_get_tls(session, &library));
    const SSL_CIPHER *c =
        ssl && library == COAP_TLS_LIBRARY_OPENSSL ? SSL_get_current_cipher(ssl) : nullptr;
    return c ? QLatin1String(SSL_CIPHER_get_name(c)) : QString();
}

QByteArray pskIdentity(const coap_session_t *session) {
    const coap_bin_const_t *id = coap_session_get_psk_identity(session);
    return id && id->s ? QByteArray(reinterpret_cast<const char *>(id->s),
                                    static_cast<qsizetype>(id->length))
                       : QByteArray();
}

} // namespace m2mbench::coap::detail
