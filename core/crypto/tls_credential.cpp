// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/tls_credential.h"

#include "core/crypto/openssl_internal.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

namespace m2mbench::crypto {

namespace {

using BioPtr = std::unique_ptr<BIO, detail::Deleter<BIO, BIO_free_all>>;

BioPtr memoryBio(const void *data, std::size_t size) {
    return BioPtr(BIO_new_mem_buf(data, static_cast<int>(size)));
}

/// The leaf certificate and the chain certificates after it.
bool useCertificates(SSL_CTX *ctx, const QByteArray &pem) {
    BioPtr bio = memoryBio(pem.constData(), static_cast<std::size_t>(pem.size()));
    X509 *leaf = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    bool ok = leaf != nullptr && SSL_CTX_use_certificate(ctx, leaf) == 1;
    X509_free(leaf);
    while (ok) {
        X509 *chain = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
        if (chain == nullptr) {
            break;
        }
        ok = SSL_CTX_add0_chain_cert(ctx, chain) == 1; // takes ownership
    }
    ERR_clear_error(); // the loop ends on "no start line"
    return ok;
}

bool usePrivateKey(SSL_CTX *ctx, const SecureBytes &pem) {
    BioPtr bio = memoryBio(pem.data(), pem.size());
    detail::PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                            : nullptr);
    return key && SSL_CTX_use_PrivateKey(ctx, key.get()) == 1 &&
           SSL_CTX_check_private_key(ctx) == 1;
}

} // namespace

Result<void> useCredential(ssl_ctx_st *ctx, const Credential &credential) {
    if (ctx == nullptr) {
        return fail(Error::Kind::Internal, QStringLiteral("no TLS context for the credential"));
    }
    if (!useCertificates(ctx, credential.certificatePem) ||
        !usePrivateKey(ctx, credential.privateKeyPem)) {
        return fail(Error::Kind::Config, QStringLiteral("cannot use the certificate and key: %1")
                                             .arg(detail::drainOpenSslErrors()));
    }
    return {};
}

} // namespace m2mbench::crypto
