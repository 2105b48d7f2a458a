// SPDX-License-Identifier: Apache-2.0
#pragma once

// A TLS handshake driven by hand over OpenSSL memory BIOs: the EAP-TLS methods hand it the TLS
// records that arrived inside EAP and send what it produces inside EAP. No socket, no thread.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"
#include "core/crypto/pki.h"
#include "core/crypto/tls_keys.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

typedef struct ssl_ctx_st SSL_CTX; // NOLINT(modernize-use-using): OpenSSL's own declaration
typedef struct bio_st BIO;         // NOLINT(modernize-use-using)

namespace m2mbench::eap {

enum class TlsRole { Client, Server };

/// What a TLS endpoint of EAP-TLS is made of.
struct TlsConfig {
    TlsRole role = TlsRole::Client;
    /// Trust anchors for the peer's certificate (PEM, one or more certificates).
    QByteArray caPem;
    /// Own certificate (PEM, chain may follow) and private key.
    crypto::Credential credential;
    /// 0x0303 = TLS 1.2, 0x0304 = TLS 1.3.
    int minVersion = 0x0303;
    int maxVersion = 0x0304;
    /// The server's name a client expects in its certificate (DNS SAN or CN); empty = no check.
    QString expectedServerName;
    /// OpenSSL cipher list for TLS 1.2 and below; empty = OpenSSL's default.
    QString cipherList;
    /// Receives NSS key log lines (SSLKEYLOGFILE format) so that Wireshark can decrypt.
    std::function<void(const QByteArray &line)> keyLog;
};

/// A configured SSL_CTX, shared by every connection made from the same TlsConfig (creating one
/// costs a certificate parse; a bootstrap should not pay it).
class TlsContext {
public:
    ~TlsContext();
    TlsContext(const TlsContext &) = delete;
    TlsContext &operator=(const TlsContext &) = delete;

    static Result<std::shared_ptr<TlsContext>> create(const TlsConfig &config);

    [[nodiscard]] SSL_CTX *get() const { return m_ctx; }
    [[nodiscard]] const TlsConfig &config() const { return m_config; }

private:
    explicit TlsContext(TlsConfig config);
    TlsConfig m_config;
    SSL_CTX *m_ctx = nullptr;
};

/// One TLS connection over memory BIOs.
class TlsConnection {
public:
    explicit TlsConnection(std::shared_ptr<TlsContext> context);
    ~TlsConnection();
    TlsConnection(const TlsConnection &) = delete;
    TlsConnection &operator=(const TlsConnection &) = delete;

    /// Whether the SSL object could be made (false only when OpenSSL is out of memory).
    [[nodiscard]] bool isValid() const { return m_ssl != nullptr; }

    /// Hands the peer's bytes to TLS and advances the handshake (or reads application data once
    /// it is complete). Returns false when TLS failed; failureReason() says why. What TLS wants
    /// to send (including an alert) is in takeOutput().
    bool advance(const QByteArray &input);
    /// Writes application data (the TLS 1.3 commitment message of RFC 9190).
    bool write(const QByteArray &data);
    QByteArray takeOutput();
    /// Application data received so far (consumed by the caller).
    QByteArray takeApplicationData();

    [[nodiscard]] bool handshakeComplete() const;
    [[nodiscard]] bool failed() const { return m_failed; }
    [[nodiscard]] const QString &failureReason() const { return m_failure; }
    /// The peer closed or sent a fatal alert (its description, or -1).
    [[nodiscard]] int receivedAlert() const { return m_receivedAlert; }
    [[nodiscard]] int sentAlert() const { return m_sentAlert; }

    /// "TLS 1.2", "TLS 1.3" once negotiated.
    [[nodiscard]] QString versionName() const;
    [[nodiscard]] int version() const;
    [[nodiscard]] QString cipherName() const;
    /// The peer's certificate (DER), empty when none.
    [[nodiscard]] QByteArray peerCertificateDer() const;
    /// What the peer's certificate says, read from the certificate TLS already parsed, once.
    [[nodiscard]] std::optional<crypto::CertificateInfo> peerCertificate() const;

    /// MSK and EMSK (RFC 5216 section 2.3 or RFC 9190 section 2.3 by version).
    [[nodiscard]] Result<crypto::EapTlsKeys> eapKeys() const;
    /// TLS 1.2 only: master secret and hello randoms, to record the key derivation with inputs.
    [[nodiscard]] bool tls12Secrets(SecureBytes &masterSecret, QByteArray &clientRandom,
                                    QByteArray &serverRandom) const;

    /// Called by OpenSSL's info callback (alerts); not for other callers.
    void noteAlert(bool sent, int description);

private:
    void noteFailure(int sslError);

    std::shared_ptr<TlsContext> m_context;
    struct ssl_st *m_ssl = nullptr;
    BIO *m_in = nullptr;  ///< network -> TLS
    BIO *m_out = nullptr; ///< TLS -> network
    QByteArray m_appData;
    bool m_failed = false;
    QString m_failure;
    int m_receivedAlert = -1;
    int m_sentAlert = -1;
    mutable std::optional<crypto::CertificateInfo> m_peerCertificate; ///< cache, set on first ask
};

} // namespace m2mbench::eap
