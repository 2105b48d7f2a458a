// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/tls/psk_session.h"

#include "core/protocol/tls/psk_identity.h"
#include "core/trace/tls_key_log.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cstring>
#include <mutex>

namespace m2mbench::tls {

namespace {

int sessionIndex() {
    static int index = -1;
    static std::once_flag once;
    std::call_once(once,
                   [] { index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr); });
    return index;
}

PskSession *sessionOf(const SSL *ssl) {
    return static_cast<PskSession *>(SSL_get_ex_data(ssl, sessionIndex()));
}

unsigned int serverCallback(SSL *ssl, const char *identity, unsigned char *psk,
                            unsigned int maxPsk) {
    PskSession *s = sessionOf(ssl);
    return s ? s->serverPsk(identity, psk, maxPsk) : 0;
}

unsigned int clientCallback(SSL *ssl, const char *, char *identity, unsigned int maxIdentity,
                            unsigned char *psk, unsigned int maxPsk) {
    PskSession *s = sessionOf(ssl);
    return s ? s->clientPsk(identity, maxIdentity, psk, maxPsk) : 0;
}

void infoCallback(const SSL *ssl, int where, int ret) {
    if (!(where & SSL_CB_ALERT) || (ret >> 8) != SSL3_AL_FATAL) {
        return;
    }
    if (PskSession *s = sessionOf(ssl)) {
        s->noteAlert((where & SSL_CB_WRITE) != 0, ret & 0xff);
    }
}

QString opensslErrors() {
    QStringList parts;
    while (const unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        parts.append(QString::fromLatin1(buf));
    }
    return parts.join(QStringLiteral("; "));
}

/// The suites a PSK context may use: plain PSK and (EC)DHE-PSK; RSA-PSK needs a certificate.
Result<void> checkPskOnly(SSL_CTX *ctx, const QString &list) {
    STACK_OF(SSL_CIPHER) *ciphers = SSL_CTX_get_ciphers(ctx);
    int usable = 0;
    for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
        const SSL_CIPHER *c = sk_SSL_CIPHER_value(ciphers, i);
        const int kx = SSL_CIPHER_get_kx_nid(c);
        if (kx == NID_kx_any) {
            continue; // TLS 1.3 suites are configured apart and never negotiated here
        }
        if (kx != NID_kx_psk && kx != NID_kx_dhe_psk && kx != NID_kx_ecdhe_psk) {
            return fail(Error::Kind::Config,
                        QStringLiteral("cipher list '%1': %2 is not a PSK suite (TLS-PSK needs "
                                       "PSK, DHE-PSK or ECDHE-PSK suites)")
                            .arg(list, QLatin1String(SSL_CIPHER_get_name(c))));
        }
        ++usable;
    }
    if (usable == 0) {
        return fail(Error::Kind::Config,
                    QStringLiteral("cipher list '%1' names no TLS 1.2 PSK suite").arg(list));
    }
    return {};
}

} // namespace

QString alertName(int description) {
    switch (description) {
    case 0: return QStringLiteral("close_notify");
    case 10: return QStringLiteral("unexpected_message");
    case 20: return QStringLiteral("bad_record_mac");
    case 22: return QStringLiteral("record_overflow");
    case 40: return QStringLiteral("handshake_failure");
    case 47: return QStringLiteral("illegal_parameter");
    case 50: return QStringLiteral("decode_error");
    case 51: return QStringLiteral("decrypt_error");
    case 70: return QStringLiteral("protocol_version");
    case 80: return QStringLiteral("internal_error");
    case 90: return QStringLiteral("user_canceled");
    case 100: return QStringLiteral("no_renegotiation");
    case 110: return QStringLiteral("unsupported_extension");
    case 115: return QStringLiteral("unknown_psk_identity");
    default: return QStringLiteral("alert %1").arg(description);
    }
}

PskContext::PskContext(PskContextConfig config)
    : m_config(std::move(config)) {}

PskContext::~PskContext() {
    if (m_ctx) {
        trace::recordTlsSecrets(m_ctx, nullptr, QString());
        SSL_CTX_free(m_ctx);
    }
}

Result<std::shared_ptr<PskContext>> PskContext::create(const PskContextConfig &config) {
    std::shared_ptr<PskContext> c(new PskContext(config));
    const bool server = config.role == Role::Server;
    c->m_ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!c->m_ctx) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("OpenSSL cannot make a TLS context: %1").arg(opensslErrors()));
    }
    SSL_CTX *ctx = c->m_ctx;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
    if (!SSL_CTX_set_cipher_list(ctx, config.cipherList.toLatin1().constData())) {
        ERR_clear_error();
        return fail(
            Error::Kind::Config,
            QStringLiteral("cipher list '%1' names no suite OpenSSL knows").arg(config.cipherList));
    }
    if (auto ok = checkPskOnly(ctx, config.cipherList); !ok) {
        return fail(ok.error());
    }
    // Every handshake proves the key anew and gives fresh randoms (Kmc depends on them): no
    // resumption, no renegotiation.
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET |
                                 SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_info_callback(ctx, infoCallback);
    if (server) {
        SSL_CTX_set_psk_server_callback(ctx, serverCallback);
        if (!config.identityHint.isEmpty()) {
            SSL_CTX_use_psk_identity_hint(ctx, config.identityHint.constData());
        }
    } else {
        SSL_CTX_set_psk_client_callback(ctx, clientCallback);
    }
    if (config.keyLogTrace) {
        trace::recordTlsSecrets(ctx, config.keyLogTrace, config.lifeline);
    }
    return c;
}

PskSession::PskSession(std::shared_ptr<PskContext> context)
    : m_context(std::move(context))
    , m_alive(std::make_shared<bool>(true)) {}

PskSession::~PskSession() {
    *m_alive = false;
    m_key.clear();
    if (m_ssl) {
        SSL_free(m_ssl); // frees both BIOs
    }
}

void PskSession::setClientCredentials(const QByteArray &identity, const SecureBytes &key) {
    m_identity = identity;
    m_key = key;
}

void PskSession::setResolver(Resolver resolver) {
    m_resolver = std::move(resolver);
}

bool PskSession::start() {
    if (m_state != State::Idle) {
        return m_state != State::Failed;
    }
    m_ssl = SSL_new(m_context->get());
    m_in = BIO_new(BIO_s_mem());
    m_out = BIO_new(BIO_s_mem());
    if (!m_ssl || !m_in || !m_out) {
        BIO_free(m_in);
        BIO_free(m_out);
        m_in = m_out = nullptr;
        return failWith(QStringLiteral("OpenSSL is out of memory"));
    }
    BIO_set_mem_eof_return(m_in, -1); // an empty input means "more later", not end of stream
    SSL_set_bio(m_ssl, m_in, m_out);
    SSL_set_ex_data(m_ssl, sessionIndex(), this);
    m_state = State::Handshaking;
    if (m_context->config().role == Role::Server) {
        SSL_set_accept_state(m_ssl);
        return true;
    }
    SSL_set_connect_state(m_ssl);
    return pump();
}

bool PskSession::feed(const QByteArray &bytes) {
    if (m_state == State::Idle && !start()) {
        return false;
    }
    if (m_state == State::Failed || m_state == State::Closed) {
        return m_state != State::Failed;
    }
    if (m_context->config().role == Role::Server && !m_identityKnown) {
        m_inbox += bytes;
        if (m_paused) {
            return true;
        }
        m_inFeed = true;
        const bool ok = feedServerPreIdentity();
        m_inFeed = false;
        return ok;
    }
    BIO_write(m_in, bytes.constData(), static_cast<int>(bytes.size()));
    return pump();
}

bool PskSession::feedServerPreIdentity() {
    // Whole records go to OpenSSL one by one until the one carrying the ClientKeyExchange: that
    // one waits for the key lookup, so that OpenSSL's PSK callback finds the key ready.
    while (!m_identityKnown && !m_paused) {
        const qsizetype length = IdentityScanner::recordLength(m_inbox);
        if (length == 0 || (length > 0 && m_inbox.size() < length)) {
            return true;
        }
        const auto state = length < 0 ? IdentityScanner::State::Invalid
                                      : m_scanner.addRecord(m_inbox.left(length));
        if (state == IdentityScanner::State::Found) {
            m_identity = m_scanner.identity();
            if (m_identity.size() > kMaxPskIdentityLength || !m_resolver) {
                onLookup(PskLookup{{},
                                   !m_resolver ? QStringLiteral("this server has no key source")
                                               : QStringLiteral("PSK identity of %1 octets "
                                                                "exceeds %2 (RFC 4279 5.3)")
                                                     .arg(m_identity.size())
                                                     .arg(kMaxPskIdentityLength)});
                return m_state != State::Failed;
            }
            m_paused = true;
            std::weak_ptr<bool> alive = m_alive;
            m_resolver(m_identity, [this, alive](PskLookup lookup) {
                if (auto a = alive.lock(); a && *a) {
                    onLookup(std::move(lookup));
                }
            });
            return m_state != State::Failed;
        }
        if (state == IdentityScanner::State::Invalid) {
            // Not TLS as expected: OpenSSL judges the bytes and sends its own alert.
            m_identityKnown = true;
            m_refusal = m_scanner.error();
            BIO_write(m_in, m_inbox.constData(), static_cast<int>(m_inbox.size()));
            m_inbox.clear();
            return pump();
        }
        BIO_write(m_in, m_inbox.constData(), static_cast<int>(length));
        m_inbox.remove(0, length);
        if (!pump()) {
            return false;
        }
    }
    return m_state != State::Failed;
}

void PskSession::onLookup(PskLookup lookup) {
    m_key = std::move(lookup.key);
    m_refusal = lookup.reason;
    m_identityKnown = true;
    m_paused = false;
    if (m_state != State::Handshaking) {
        return;
    }
    BIO_write(m_in, m_inbox.constData(), static_cast<int>(m_inbox.size()));
    m_inbox.clear();
    pump();
    if (!m_inFeed && m_resumed) {
        m_resumed();
    }
}

bool PskSession::pump() {
    if (m_state == State::Handshaking) {
        const int r = SSL_do_handshake(m_ssl);
        if (r != 1) {
            const int e = SSL_get_error(m_ssl, r);
            if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
                return true;
            }
            return failWith(explainFailure(e));
        }
        m_state = State::Established;
    }
    while (m_state == State::Established) {
        char buf[16384];
        const int n = SSL_read(m_ssl, buf, sizeof buf);
        if (n > 0) {
            m_plain.append(buf, n);
            continue;
        }
        const int e = SSL_get_error(m_ssl, n);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
            break;
        }
        if (e == SSL_ERROR_ZERO_RETURN) {
            m_peerClosed = true;
            m_state = State::Closed;
            break;
        }
        return failWith(explainFailure(e));
    }
    return m_state != State::Failed;
}

bool PskSession::failWith(QString reason) {
    if (m_state != State::Failed) {
        m_state = State::Failed;
        m_failure = std::move(reason);
    }
    ERR_clear_error();
    return false;
}

QString PskSession::explainFailure(int sslError) const {
    const QString who = printableIdentity(m_identity);
    const bool server = m_context->config().role == Role::Server;
    const QString errors = opensslErrors();
    if (m_alertReceived >= 0) {
        const QString name = alertName(m_alertReceived);
        if (m_alertReceived == 20 || m_alertReceived == 51) {
            return QStringLiteral("the peer sent %1: it could not verify the handshake with its "
                                  "key for PSK identity '%2' (the keys differ)")
                .arg(name, who);
        }
        if (m_alertReceived == 115) {
            return QStringLiteral("the peer sent unknown_psk_identity: it does not know PSK "
                                  "identity '%1'")
                .arg(who);
        }
        return QStringLiteral("the peer sent the fatal alert %1").arg(name);
    }
    if (m_alertSent >= 0) {
        const QString name = alertName(m_alertSent);
        if (server && m_alertSent == 115) {
            return QStringLiteral("PSK identity '%1' refused (unknown_psk_identity): %2")
                .arg(who, m_refusal.isEmpty() ? QStringLiteral("no key for it") : m_refusal);
        }
        if (server && (m_alertSent == 20 || m_alertSent == 51)) {
            return QStringLiteral("the client's Finished did not verify with the key of PSK "
                                  "identity '%1' (%2): the client holds another key")
                .arg(who, name);
        }
        return QStringLiteral("sent the fatal alert %1%2%3")
            .arg(name, m_refusal.isEmpty() ? QString() : QStringLiteral(": ") + m_refusal,
                 errors.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(errors));
    }
    if (sslError == SSL_ERROR_SYSCALL && errors.isEmpty()) {
        return QStringLiteral("the TLS connection ended unexpectedly");
    }
    return errors.isEmpty() ? QStringLiteral("TLS error %1").arg(sslError) : errors;
}

QByteArray PskSession::takeOutput() {
    QByteArray out;
    if (!m_out) {
        return out;
    }
    const auto pending = BIO_ctrl_pending(m_out);
    if (pending > 0) {
        out.resize(static_cast<qsizetype>(pending));
        const int n = BIO_read(m_out, out.data(), static_cast<int>(pending));
        out.resize(n > 0 ? n : 0);
    }
    return out;
}

QByteArray PskSession::takePlain() {
    return std::exchange(m_plain, QByteArray());
}

bool PskSession::writePlain(const QByteArray &data) {
    if (m_state != State::Established) {
        return false;
    }
    if (data.isEmpty()) {
        return true;
    }
    const int n = SSL_write(m_ssl, data.constData(), static_cast<int>(data.size()));
    return n == data.size() || failWith(explainFailure(SSL_get_error(m_ssl, n)));
}

void PskSession::shutdown() {
    if (m_state == State::Established || m_state == State::Closed) {
        SSL_shutdown(m_ssl);
        m_state = State::Closed;
    }
}

http::StreamSecurity PskSession::security() const {
    http::StreamSecurity s;
    if (!m_ssl || (m_state != State::Established && m_state != State::Closed)) {
        return s;
    }
    s.protocol = QStringLiteral("TLS 1.2");
    s.cipher = cipherName();
    s.pskIdentity = m_identity;
    s.clientRandom.resize(32);
    s.serverRandom.resize(32);
    SSL_get_client_random(m_ssl, reinterpret_cast<unsigned char *>(s.clientRandom.data()), 32);
    SSL_get_server_random(m_ssl, reinterpret_cast<unsigned char *>(s.serverRandom.data()), 32);
    return s;
}

QString PskSession::cipherName() const {
    const SSL_CIPHER *c = m_ssl ? SSL_get_current_cipher(m_ssl) : nullptr;
    return c ? QLatin1String(SSL_CIPHER_get_name(c)) : QString();
}

unsigned int PskSession::serverPsk(const char *identity, unsigned char *psk, unsigned int maxPsk) {
    const QByteArray offered(identity ? identity : "");
    if (!m_identityKnown || offered != m_identity || m_key.isEmpty()) {
        if (m_refusal.isEmpty()) {
            m_refusal = QStringLiteral("no key for it");
        }
        return 0;
    }
    if (m_key.size() > maxPsk || m_key.size() > static_cast<std::size_t>(kMaxPskLength)) {
        m_refusal =
            QStringLiteral("its key of %1 octets is longer than TLS-PSK allows").arg(m_key.size());
        return 0;
    }
    std::memcpy(psk, m_key.data(), m_key.size());
    return static_cast<unsigned int>(m_key.size());
}

unsigned int PskSession::clientPsk(char *identity, unsigned int maxIdentity, unsigned char *psk,
                                   unsigned int maxPsk) {
    if (static_cast<unsigned int>(m_identity.size()) >= maxIdentity || m_key.isEmpty() ||
        m_key.size() > maxPsk) {
        m_refusal = QStringLiteral("the PSK identity (%1 octets) or key (%2 octets) is longer "
                                   "than OpenSSL sends (%3 / %4)")
                        .arg(m_identity.size())
                        .arg(m_key.size())
                        .arg(maxIdentity - 1)
                        .arg(maxPsk);
        return 0;
    }
    std::memcpy(identity, m_identity.constData(), static_cast<std::size_t>(m_identity.size()));
    identity[m_identity.size()] = '\0';
    std::memcpy(psk, m_key.data(), m_key.size());
    return static_cast<unsigned int>(m_key.size());
}

void PskSession::noteAlert(bool sent, int description) {
    (sent ? m_alertSent : m_alertReceived) = description;
}

} // namespace m2mbench::tls
