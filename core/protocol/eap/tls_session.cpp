// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/eap/tls_session.h"

#include "core/crypto/tls_credential.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <QStringList>

namespace m2mbench::eap {

namespace {

QString drainErrors() {
    QStringList reasons;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char text[256];
        ERR_error_string_n(code, text, sizeof text);
        reasons << QString::fromLatin1(text);
    }
    return reasons.join(QStringLiteral("; "));
}

Result<void> loadTrustAnchors(SSL_CTX *ctx, const QByteArray &pem) {
    BIO *bio = BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size()));
    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    int count = 0;
    while (X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
        X509_STORE_add_cert(store, cert);
        X509_free(cert);
        ++count;
    }
    BIO_free(bio);
    ERR_clear_error(); // the loop ends on "no start line"
    if (count == 0) {
        return fail(Error::Kind::Config, QStringLiteral("TLS: the CA PEM holds no certificate"));
    }
    return {};
}

Result<void> loadOwnCredential(SSL_CTX *ctx, const crypto::Credential &credential) {
    if (auto ok = crypto::useCredential(ctx, credential); !ok) {
        return fail(ok.error().kind, QStringLiteral("TLS: ") + ok.error().message);
    }
    return {};
}

void keyLogCallback(const SSL *ssl, const char *line) {
    auto *context = static_cast<TlsContext *>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    if (context != nullptr && context->config().keyLog) {
        context->config().keyLog(QByteArray(line));
    }
}

void infoCallback(const SSL *ssl, int where, int ret) {
    if ((where & SSL_CB_ALERT) == 0) {
        return;
    }
    auto *connection = static_cast<TlsConnection *>(SSL_get_app_data(ssl));
    if (connection != nullptr) {
        connection->noteAlert((where & SSL_CB_WRITE) != 0, ret & 0xff);
    }
}

} // namespace

TlsContext::TlsContext(TlsConfig config)
    : m_config(std::move(config)) {}

TlsContext::~TlsContext() {
    SSL_CTX_free(m_ctx);
}

Result<std::shared_ptr<TlsContext>> TlsContext::create(const TlsConfig &config) {
    std::shared_ptr<TlsContext> context(new TlsContext(config));
    const bool server = config.role == TlsRole::Server;
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (ctx == nullptr) {
        return fail(Error::Kind::Crypto, QStringLiteral("TLS: SSL_CTX_new: %1").arg(drainErrors()));
    }
    context->m_ctx = ctx;
    SSL_CTX_set_app_data(ctx, context.get());
    if (SSL_CTX_set_min_proto_version(ctx, config.minVersion) != 1 ||
        SSL_CTX_set_max_proto_version(ctx, config.maxVersion) != 1) {
        return fail(Error::Kind::Config, QStringLiteral("TLS: unsupported version range"));
    }
    // EAP-TLS here does no resumption: every bootstrap is a full handshake with certificates.
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(ctx, 0);
    if (!config.cipherList.isEmpty() &&
        SSL_CTX_set_cipher_list(ctx, config.cipherList.toLatin1().constData()) != 1) {
        return fail(Error::Kind::Config,
                    QStringLiteral("TLS: no usable cipher in '%1'").arg(config.cipherList));
    }
    if (!config.caPem.isEmpty()) {
        if (auto ok = loadTrustAnchors(ctx, config.caPem); !ok) {
            return fail(ok.error());
        }
        SSL_CTX_set_verify(
            ctx, server ? SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT : SSL_VERIFY_PEER,
            nullptr);
    } else if (server) {
        return fail(Error::Kind::Config,
                    QStringLiteral("TLS: an EAP-TLS server needs CA certificates to verify "
                                   "peers"));
    }
    if (!config.credential.certificatePem.isEmpty()) {
        if (auto ok = loadOwnCredential(ctx, config.credential); !ok) {
            return fail(ok.error());
        }
    } else if (server) {
        return fail(Error::Kind::Config,
                    QStringLiteral("TLS: an EAP-TLS server needs its certificate and key"));
    }
    if (config.keyLog) {
        SSL_CTX_set_keylog_callback(ctx, keyLogCallback);
    }
    return context;
}

TlsConnection::TlsConnection(std::shared_ptr<TlsContext> context)
    : m_context(std::move(context)) {
    m_ssl = SSL_new(m_context->get());
    if (m_ssl == nullptr) {
        return;
    }
    m_in = BIO_new(BIO_s_mem());
    m_out = BIO_new(BIO_s_mem());
    BIO_set_mem_eof_return(m_in, -1); // "no data yet", not end of stream
    SSL_set_bio(m_ssl, m_in, m_out);  // the SSL object owns both BIOs from here
    SSL_set_app_data(m_ssl, this);
    SSL_set_info_callback(m_ssl, infoCallback);
    const TlsConfig &config = m_context->config();
    if (config.role == TlsRole::Server) {
        SSL_set_accept_state(m_ssl);
    } else {
        SSL_set_connect_state(m_ssl);
        if (!config.expectedServerName.isEmpty()) {
            SSL_set1_host(m_ssl, config.expectedServerName.toUtf8().constData());
        }
    }
}

TlsConnection::~TlsConnection() {
    SSL_free(m_ssl);
}

bool TlsConnection::advance(const QByteArray &input) {
    if (m_ssl == nullptr || m_failed) {
        return false;
    }
    if (!input.isEmpty()) {
        BIO_write(m_in, input.constData(), static_cast<int>(input.size()));
    }
    if (!SSL_is_init_finished(m_ssl)) {
        const int r = SSL_do_handshake(m_ssl);
        if (r != 1) {
            const int error = SSL_get_error(m_ssl, r);
            if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
                noteFailure(error);
                return false;
            }
            return true;
        }
    }
    // Past the handshake: what arrives is application data (the TLS 1.3 commitment message),
    // a session ticket, a close_notify or an alert.
    char buffer[4096];
    for (;;) {
        const int n = SSL_read(m_ssl, buffer, sizeof buffer);
        if (n > 0) {
            if (m_appData.size() < 64 * 1024) {
                m_appData.append(buffer, n);
            }
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            return true;
        }
        noteFailure(error);
        return false;
    }
}

bool TlsConnection::write(const QByteArray &data) {
    if (m_ssl == nullptr || m_failed) {
        return false;
    }
    const int n = SSL_write(m_ssl, data.constData(), static_cast<int>(data.size()));
    if (n != data.size()) {
        noteFailure(SSL_get_error(m_ssl, n));
        return false;
    }
    return true;
}

QByteArray TlsConnection::takeOutput() {
    QByteArray out;
    if (m_out == nullptr) {
        return out;
    }
    char *data = nullptr;
    const long n = BIO_get_mem_data(m_out, &data);
    if (n > 0) {
        out = QByteArray(data, static_cast<qsizetype>(n));
    }
    (void)BIO_reset(m_out);
    return out;
}

QByteArray TlsConnection::takeApplicationData() {
    return std::exchange(m_appData, QByteArray());
}

bool TlsConnection::handshakeComplete() const {
    return m_ssl != nullptr && SSL_is_init_finished(m_ssl) == 1;
}

void TlsConnection::noteAlert(bool sent, int description) {
    (sent ? m_sentAlert : m_receivedAlert) = description;
}

void TlsConnection::noteFailure(int sslError) {
    m_failed = true;
    QStringList why;
    if (m_receivedAlert >= 0) {
        why << QStringLiteral("peer sent alert %1")
                   .arg(QString::fromLatin1(SSL_alert_desc_string_long(m_receivedAlert)));
    }
    const long verify = SSL_get_verify_result(m_ssl);
    if (verify != X509_V_OK) {
        why << QStringLiteral("certificate verification: %1")
                   .arg(QString::fromLatin1(X509_verify_cert_error_string(verify)));
    }
    if (m_sentAlert >= 0) {
        why << QStringLiteral("sent alert %1")
                   .arg(QString::fromLatin1(SSL_alert_desc_string_long(m_sentAlert)));
    }
    const QString errors = drainErrors();
    if (!errors.isEmpty()) {
        why << errors;
    } else if (sslError == SSL_ERROR_ZERO_RETURN) {
        why << QStringLiteral("the peer closed the TLS connection");
    }
    m_failure = why.isEmpty() ? QStringLiteral("TLS failed (SSL error %1)").arg(sslError)
                              : why.join(QStringLiteral("; "));
}

QString TlsConnection::versionName() const {
    return m_ssl ? QString::fromLatin1(SSL_get_version(m_ssl))
                       .replace(QLatin1String("TLSv"), QLatin1String("TLS "))
                 : QString();
}

int TlsConnection::version() const {
    return m_ssl ? SSL_version(m_ssl) : 0;
}

QString TlsConnection::cipherName() const {
    const SSL_CIPHER *cipher = m_ssl ? SSL_get_current_cipher(m_ssl) : nullptr;
    return cipher ? QString::fromLatin1(SSL_CIPHER_get_name(cipher)) : QString();
}

QByteArray TlsConnection::peerCertificateDer() const {
    X509 *cert = m_ssl ? SSL_get1_peer_certificate(m_ssl) : nullptr;
    if (cert == nullptr) {
        return {};
    }
    unsigned char *der = nullptr;
    const int n = i2d_X509(cert, &der);
    QByteArray out = n > 0 ? QByteArray(reinterpret_cast<const char *>(der), n) : QByteArray();
    OPENSSL_free(der);
    X509_free(cert);
    return out;
}

std::optional<crypto::CertificateInfo> TlsConnection::peerCertificate() const {
    if (!m_peerCertificate && m_ssl != nullptr && handshakeComplete()) {
        if (const X509 *cert = SSL_get0_peer_certificate(m_ssl)) {
            m_peerCertificate = crypto::inspectCertificate(cert);
        }
    }
    return m_peerCertificate;
}

Result<crypto::EapTlsKeys> TlsConnection::eapKeys() const {
    if (!handshakeComplete()) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("EAP-TLS keys asked for before the handshake completed"));
    }
    return crypto::eapTlsKeys(m_ssl);
}

bool TlsConnection::tls12Secrets(SecureBytes &masterSecret, QByteArray &clientRandom,
                                 QByteArray &serverRandom) const {
    if (!handshakeComplete() || SSL_version(m_ssl) != TLS1_2_VERSION) {
        return false;
    }
    const SSL_SESSION *session = SSL_get_session(m_ssl);
    masterSecret = SecureBytes(48);
    const size_t n = SSL_SESSION_get_master_key(session, masterSecret.data(), 48);
    clientRandom = QByteArray(32, '\0');
    serverRandom = QByteArray(32, '\0');
    SSL_get_client_random(m_ssl, reinterpret_cast<unsigned char *>(clientRandom.data()), 32);
    SSL_get_server_random(m_ssl, reinterpret_cast<unsigned char *>(serverRandom.data()), 32);
    return n == 48;
}

} // namespace m2mbench::eap
