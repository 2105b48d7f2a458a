// SPDX-License-Identifier: Apache-2.0
// RFC 5216 / RFC 9190 key material checked against real handshakes between two OpenSSL SSL
// objects in this process (a BIO pair, no sockets), each side computed by an independent route.
#include "core/crypto/kdf.h"
#include "core/crypto/tls_keys.h"
#include "tests/crypto/crypto_test_util.h"
#include "tests/support/printers.h"

#include <openssl/err.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace m2mbench::crypto::test {
namespace {

/// A self-signed P-256 certificate and key for the server side.
struct Credentials {
    EVP_PKEY *key = nullptr;
    X509 *cert = nullptr;
    Credentials() {
        key = EVP_EC_gen("P-256");
        cert = X509_new();
        X509_set_version(cert, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), 0);
        X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
        X509_set_pubkey(cert, key);
        X509_NAME *name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>("m2mbench-test"), -1, -1,
                                   0);
        X509_set_issuer_name(cert, name);
        X509_sign(cert, key, EVP_sha256());
    }
    ~Credentials() {
        X509_free(cert);
        EVP_PKEY_free(key);
    }
    Credentials(const Credentials &) = delete;
    Credentials &operator=(const Credentials &) = delete;
};

void keylog(const SSL *ssl, const char *line) {
    auto *lines = static_cast<std::vector<std::string> *>(SSL_get_app_data(ssl));
    if (lines != nullptr) {
        lines->emplace_back(line);
    }
}

/// Client and server connected through an in-memory BIO pair, handshake completed.
class Handshake {
public:
    explicit Handshake(int version, const char *tls12Cipher = "ECDHE-ECDSA-AES128-GCM-SHA256") {
        m_serverCtx = SSL_CTX_new(TLS_server_method());
        m_clientCtx = SSL_CTX_new(TLS_client_method());
        for (SSL_CTX *ctx : {m_serverCtx, m_clientCtx}) {
            SSL_CTX_set_min_proto_version(ctx, version);
            SSL_CTX_set_max_proto_version(ctx, version);
            // SHA-256 suites unless told, so that the PRF / HKDF hash is known to the test.
            SSL_CTX_set_cipher_list(ctx, tls12Cipher);
            SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256");
            SSL_CTX_set_keylog_callback(ctx, keylog);
        }
        SSL_CTX_use_certificate(m_serverCtx, m_credentials.cert);
        SSL_CTX_use_PrivateKey(m_serverCtx, m_credentials.key);
        SSL_CTX_set_verify(m_clientCtx, SSL_VERIFY_NONE, nullptr);
        server = SSL_new(m_serverCtx);
        client = SSL_new(m_clientCtx);
        SSL_set_app_data(client, &keylogLines);
        BIO *clientBio = nullptr;
        BIO *serverBio = nullptr;
        BIO_new_bio_pair(&clientBio, 0, &serverBio, 0);
        SSL_set_bio(client, clientBio, clientBio);
        SSL_set_bio(server, serverBio, serverBio);
        SSL_set_connect_state(client);
        SSL_set_accept_state(server);
        established = run();
    }
    ~Handshake() {
        SSL_free(client);
        SSL_free(server);
        SSL_CTX_free(m_clientCtx);
        SSL_CTX_free(m_serverCtx);
    }
    Handshake(const Handshake &) = delete;
    Handshake &operator=(const Handshake &) = delete;

    /// The secret of a key-log line with this label ("" when absent).
    QByteArray keylogSecret(const std::string &label) const {
        for (const std::string &line : keylogLines) {
            if (line.rfind(label + " ", 0) == 0) {
                return hex(QString::fromStdString(line.substr(line.rfind(' ') + 1)));
            }
        }
        return {};
    }

    SSL *client = nullptr;
    SSL *server = nullptr;
    bool established = false;
    std::vector<std::string> keylogLines;

private:
    bool run() {
        bool clientDone = false;
        bool serverDone = false;
        for (int round = 0; round < 50 && !(clientDone && serverDone); ++round) {
            clientDone = clientDone || step(client);
            serverDone = serverDone || step(server);
        }
        return clientDone && serverDone;
    }
    static bool step(SSL *ssl) {
        const int rc = SSL_do_handshake(ssl);
        if (rc == 1) {
            return true;
        }
        const int error = SSL_get_error(ssl, rc);
        EXPECT_TRUE(error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE)
            << "handshake error " << error << " " << ERR_error_string(ERR_get_error(), nullptr);
        return false;
    }

    Credentials m_credentials;
    SSL_CTX *m_serverCtx = nullptr;
    SSL_CTX *m_clientCtx = nullptr;
};

QByteArray clientRandom(SSL *ssl) {
    QByteArray out(32, '\0');
    SSL_get_client_random(ssl, reinterpret_cast<unsigned char *>(out.data()), 32);
    return out;
}

QByteArray serverRandom(SSL *ssl) {
    QByteArray out(32, '\0');
    SSL_get_server_random(ssl, reinterpret_cast<unsigned char *>(out.data()), 32);
    return out;
}

/// P_SHA256 of RFC 5246 §5, written out with one-shot HMAC() calls.
QByteArray refTls12Prf(const QByteArray &secret, const QByteArray &labelAndSeed, int length) {
    QByteArray out;
    QByteArray a = labelAndSeed; // A(0)
    while (out.size() < length) {
        a = refHmacSha256(secret, a);
        out += refHmacSha256(secret, a + labelAndSeed);
    }
    return out.left(length);
}

/// HKDF-Expand-Label of RFC 8446 §7.1 on the test's own HMAC.
QByteArray refExpandLabel(const QByteArray &secret, const QByteArray &label,
                          const QByteArray &context, int length) {
    const QByteArray fullLabel = QByteArrayLiteral("tls13 ") + label;
    const QByteArray info = be16(static_cast<quint16>(length)) +
                            QByteArray(1, static_cast<char>(fullLabel.size())) + fullLabel +
                            QByteArray(1, static_cast<char>(context.size())) + context;
    QByteArray out;
    QByteArray t;
    for (int i = 1; out.size() < length; ++i) {
        t = refHmacSha256(secret, t + info + QByteArray(1, static_cast<char>(i)));
        out += t;
    }
    return out.left(length);
}

QByteArray sha256(const QByteArray &data) {
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char *>(data.constData()),
           static_cast<std::size_t>(data.size()), md);
    return QByteArray(reinterpret_cast<const char *>(md), SHA256_DIGEST_LENGTH);
}

TEST(EapTlsKeyMaterial, Tls12ExporterEqualsThePrfOverTheMasterSecret) {
    Handshake tls(TLS1_2_VERSION);
    ASSERT_TRUE(tls.established);
    QByteArray master(48, '\0');
    ASSERT_EQ(SSL_SESSION_get_master_key(SSL_get_session(tls.client),
                                         reinterpret_cast<unsigned char *>(master.data()), 48),
              48u);
    const QByteArray seed = clientRandom(tls.client) + serverRandom(tls.client);
    QByteArray exported(128, '\0');
    ASSERT_EQ(SSL_export_keying_material(tls.server,
                                         reinterpret_cast<unsigned char *>(exported.data()), 128,
                                         kEapTlsLabel, sizeof kEapTlsLabel - 1, nullptr, 0, 0),
              1);

    auto viaPrf = tls12Prf(secret(master), QByteArray(kEapTlsLabel), seed, 128);
    auto fromParts =
        eapTlsKeyMaterial(secret(master), clientRandom(tls.client), serverRandom(tls.client));
    auto clientKeys = eapTlsKeys(tls.client);
    auto serverKeys = eapTlsKeys(tls.server);

    ASSERT_TRUE(viaPrf && fromParts && clientKeys && serverKeys);
    EXPECT_EQ(viaPrf->exposeBytes(), exported);
    EXPECT_EQ(viaPrf->exposeBytes(), refTls12Prf(master, QByteArray(kEapTlsLabel) + seed, 128));
    EXPECT_EQ(fromParts->exposeBytes(), exported);
    EXPECT_EQ(clientKeys->msk.exposeBytes(), exported.left(64));
    EXPECT_EQ(clientKeys->emsk.exposeBytes(), exported.mid(64, 64));
    EXPECT_TRUE(serverKeys->msk.equals(clientKeys->msk));
    EXPECT_TRUE(serverKeys->emsk.equals(clientKeys->emsk));
}

TEST(EapTlsKeyMaterial, Tls12WithASha384SuiteUsesTheSuitesPrfHash) {
    Handshake tls(TLS1_2_VERSION, "ECDHE-ECDSA-AES256-GCM-SHA384");
    ASSERT_TRUE(tls.established);
    QByteArray master(48, '\0');
    ASSERT_EQ(SSL_SESSION_get_master_key(SSL_get_session(tls.client),
                                         reinterpret_cast<unsigned char *>(master.data()), 48),
              48u);
    auto exported = eapTlsKeys(tls.server);
    auto hash = tls12PrfHash(tls.client);
    auto byName =
        tls12PrfHash(QString::fromLatin1(SSL_CIPHER_get_name(SSL_get_current_cipher(tls.server))));
    ASSERT_TRUE(exported && hash && byName);
    EXPECT_EQ(*hash, PrfHash::Sha384);
    EXPECT_EQ(*byName, PrfHash::Sha384);

    auto withSuiteHash = eapTlsKeyMaterial(secret(master), clientRandom(tls.client),
                                           serverRandom(tls.client), *hash);
    auto withSha256 =
        eapTlsKeyMaterial(secret(master), clientRandom(tls.client), serverRandom(tls.client));

    ASSERT_TRUE(withSuiteHash && withSha256);
    EXPECT_EQ(withSuiteHash->exposeBytes(),
              exported->msk.exposeBytes() + exported->emsk.exposeBytes());
    EXPECT_FALSE(withSha256->equals(*withSuiteHash));
}

TEST(Tls12PrfHash, FollowsTheCipherSuite) {
    const auto of = [](const char *name) { return tls12PrfHash(QString::fromLatin1(name)); };

    EXPECT_EQ(of("ECDHE-ECDSA-AES256-GCM-SHA384"), PrfHash::Sha384);
    EXPECT_EQ(of("ECDHE-RSA-AES256-SHA384"), PrfHash::Sha384);
    EXPECT_EQ(of("ECDHE-ECDSA-AES128-GCM-SHA256"), PrfHash::Sha256);
    EXPECT_EQ(of("ECDHE-ECDSA-CHACHA20-POLY1305"), PrfHash::Sha256);
    EXPECT_EQ(of("AES128-SHA"), PrfHash::Sha256); // a TLS 1.0 suite: TLS 1.2's default PRF
    EXPECT_FALSE(of("TLS_AES_256_GCM_SHA384"));   // TLS 1.3: no TLS 1.2 PRF
    EXPECT_FALSE(of("NO-SUCH-SUITE"));
    EXPECT_FALSE(tls12PrfHash(static_cast<SSL *>(nullptr)));
    Handshake tls13(TLS1_3_VERSION);
    ASSERT_TRUE(tls13.established);
    EXPECT_FALSE(tls12PrfHash(tls13.client));
    EXPECT_EQ(prfHashName(PrfHash::Sha384), QStringLiteral("SHA-384"));
}

TEST(EapTlsKeyMaterial, Tls13UsesTheRfc9190ExporterWithTypeCodeContext) {
    Handshake tls(TLS1_3_VERSION);
    ASSERT_TRUE(tls.established);
    const QByteArray exporterSecret = tls.keylogSecret("EXPORTER_SECRET");
    ASSERT_EQ(exporterSecret.size(), 32) << "no EXPORTER_SECRET in the key log";
    // TLS-Exporter(label, context, L) = HKDF-Expand-Label(Derive-Secret(S, label, ""),
    //                                                      "exporter", Hash(context), L)
    const QByteArray derived =
        refExpandLabel(exporterSecret, kEapTls13Label, sha256(QByteArray()), 32);
    const QByteArray expected =
        refExpandLabel(derived, "exporter", sha256(QByteArray(1, '\x0d')), 128);

    auto clientKeys = eapTlsKeys(tls.client);
    auto serverKeys = eapTlsKeys(tls.server);

    ASSERT_TRUE(clientKeys && serverKeys);
    EXPECT_EQ(clientKeys->msk.exposeBytes(), expected.left(64));
    EXPECT_EQ(clientKeys->emsk.exposeBytes(), expected.mid(64, 64));
    EXPECT_TRUE(serverKeys->msk.equals(clientKeys->msk));
    EXPECT_TRUE(serverKeys->emsk.equals(clientKeys->emsk));
}

TEST(TlsExporter, RefusesAConnectionThatHasNotHandshaken) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    SSL *ssl = SSL_new(ctx);

    auto keys = eapTlsKeys(ssl);
    auto none = eapTlsKeys(nullptr);

    EXPECT_FALSE(keys);
    EXPECT_FALSE(none);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

TEST(Tls12Prf, RejectsEmptySecretOrLabel) {
    EXPECT_FALSE(tls12Prf(SecureBytes(), QByteArrayLiteral("l"), {}, 16));
    EXPECT_FALSE(tls12Prf(secretHex("01"), QByteArray(), {}, 16));
    EXPECT_FALSE(eapTlsKeyMaterial(secretHex("01"), QByteArray(32, 'c'), QByteArray(32, 's')));
}

} // namespace
} // namespace m2mbench::crypto::test
