// SPDX-License-Identifier: Apache-2.0
#pragma once

// TLS 1.2 with a pre-shared key (RFC 4279) driven by hand over OpenSSL memory BIOs: the caller
// moves bytes between the network and the session, so that the same session serves a Qt socket,
// a test harness or a benchmark. The server side can pause on the client's PSK identity until a
// key lookup (e.g. at the MAS over Diameter) answers.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"
#include "core/protocol/http/http_stream.h"
#include "core/protocol/tls/identity_scanner.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

typedef struct ssl_ctx_st SSL_CTX; // NOLINT(modernize-use-using): OpenSSL's own declaration
typedef struct ssl_st SSL;         // NOLINT(modernize-use-using)
typedef struct bio_st BIO;         // NOLINT(modernize-use-using)

namespace m2mbench::trace {
class Trace;
}

namespace m2mbench::tls {

/// PROFILE.md: cipher suites from PIXIT, these by default.
inline constexpr char kDefaultTlsCiphers[] = "PSK-AES128-GCM-SHA256";
inline constexpr char kDefaultDtlsCiphers[] = "PSK-AES128-CCM8";

enum class Role { Client, Server };

/// What every session made from one context shares.
struct PskContextConfig {
    Role role = Role::Client;
    /// OpenSSL cipher list; every suite must be a PSK suite.
    QString cipherList = QLatin1String(kDefaultTlsCiphers);
    /// Server: the psk_identity_hint of the ServerKeyExchange (empty: none is sent).
    QByteArray identityHint;
    /// Every session's secrets go to this trace as NSS key log events (may be null).
    trace::Trace *keyLogTrace = nullptr;
    /// The lifeline that reports them ("D/GSCL", "NSCL").
    QString lifeline;
};

/// A configured SSL_CTX for TLS 1.2 PSK, shared by the sessions of one node.
class PskContext {
public:
    ~PskContext();
    PskContext(const PskContext &) = delete;
    PskContext &operator=(const PskContext &) = delete;

    /// Errors name what is wrong with the configuration (e.g. a cipher list without PSK suites).
    static Result<std::shared_ptr<PskContext>> create(const PskContextConfig &config);

    [[nodiscard]] SSL_CTX *get() const { return m_ctx; }
    [[nodiscard]] const PskContextConfig &config() const { return m_config; }

private:
    explicit PskContext(PskContextConfig config);
    PskContextConfig m_config;
    SSL_CTX *m_ctx = nullptr;
};

/// A server's answer for one PSK identity: the key, or why there is none.
struct PskLookup {
    SecureBytes key; ///< empty: the identity is refused
    QString reason;  ///< for a refusal: unknown node, revoked, expired ...
};

/// One TLS-PSK connection over memory BIOs.
class PskSession {
public:
    enum class State { Idle, Handshaking, Established, Closed, Failed };
    /// Server side: answers `identity`, now or later (on the same thread), exactly once.
    using Resolver =
        std::function<void(const QByteArray &identity, std::function<void(PskLookup)> answer)>;

    explicit PskSession(std::shared_ptr<PskContext> context);
    ~PskSession();
    PskSession(const PskSession &) = delete;
    PskSession &operator=(const PskSession &) = delete;

    /// Client: the identity and key to offer. Call before start().
    void setClientCredentials(const QByteArray &identity, const SecureBytes &key);
    /// Server: who decides the key of an identity. Call before the first feed().
    void setResolver(Resolver resolver);
    /// Called when a resolver that answered later let the handshake go on: the caller then
    /// takes the output and looks at the state, as after feed().
    void setResumeListener(std::function<void()> listener) { m_resumed = std::move(listener); }

    /// Client: writes the ClientHello to the output. Server: waits for one.
    bool start();
    /// Bytes from the network. Returns false once the session failed.
    bool feed(const QByteArray &bytes);
    /// Bytes for the network (handshake records, alerts, encrypted data).
    QByteArray takeOutput();
    /// Application data received so far.
    QByteArray takePlain();
    /// Encrypts application data into the output; false when not established.
    bool writePlain(const QByteArray &data);
    /// Sends close_notify.
    void shutdown();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool established() const { return m_state == State::Established; }
    /// The peer ended the connection with close_notify.
    [[nodiscard]] bool peerClosed() const { return m_peerClosed; }
    /// Why the session failed, in words for a verdict reason.
    [[nodiscard]] const QString &failureReason() const { return m_failure; }
    /// Fatal alert received / sent (description), -1 when none.
    [[nodiscard]] int alertReceived() const { return m_alertReceived; }
    [[nodiscard]] int alertSent() const { return m_alertSent; }
    /// Server: waiting for the resolver's answer.
    [[nodiscard]] bool waitingForKey() const { return m_paused; }
    /// The established session's facts (identity as sent by the client).
    [[nodiscard]] http::StreamSecurity security() const;
    [[nodiscard]] const QByteArray &identity() const { return m_identity; }
    [[nodiscard]] QString cipherName() const;

    /// Called from OpenSSL callbacks; not for other callers.
    unsigned int serverPsk(const char *identity, unsigned char *psk, unsigned int maxPsk);
    unsigned int clientPsk(char *identity, unsigned int maxIdentity, unsigned char *psk,
                           unsigned int maxPsk);
    void noteAlert(bool sent, int description);

private:
    bool feedServerPreIdentity();
    bool pump();
    bool failWith(QString reason);
    void onLookup(PskLookup lookup);
    QString explainFailure(int sslError) const;

    std::shared_ptr<PskContext> m_context;
    SSL *m_ssl = nullptr;
    BIO *m_in = nullptr;
    BIO *m_out = nullptr;
    State m_state = State::Idle;
    Resolver m_resolver;
    QByteArray m_identity;
    SecureBytes m_key;
    QString m_refusal;  ///< the resolver's reason when it gave no key
    QByteArray m_inbox; ///< server bytes held until the identity is resolved
    bool m_identityKnown = false;
    bool m_paused = false;
    bool m_inFeed = false;
    std::function<void()> m_resumed;
    std::shared_ptr<bool> m_alive; ///< lets a late resolver answer see that the session is gone
    QByteArray m_plain;
    QString m_failure;
    int m_alertReceived = -1;
    int m_alertSent = -1;
    bool m_peerClosed = false;
    IdentityScanner m_scanner;
};

/// "decrypt_error", "unknown_psk_identity", ... (RFC 5246 / RFC 4279 alert names).
QString alertName(int description);

} // namespace m2mbench::tls
