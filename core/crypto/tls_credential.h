// SPDX-License-Identifier: Apache-2.0
#pragma once

// A Credential (certificate chain and private key, both PEM) handed to an OpenSSL SSL_CTX. The
// private key becomes an OpenSSL key object here, inside core/crypto, and nowhere else; the
// TLS code of the protocols (EAP-TLS) only passes its context in.

#include "core/common/result.h"
#include "core/crypto/pki.h"

struct ssl_ctx_st; // OpenSSL's SSL_CTX

namespace m2mbench::crypto {

/// Makes `credential` the context's own: the first certificate of certificatePem as the leaf,
/// the ones after it as its chain, privateKeyPem as its key, and checks that key and leaf match.
/// Error (Config): "cannot use the certificate and key: <OpenSSL's reasons>".
Result<void> useCredential(ssl_ctx_st *ctx, const Credential &credential);

} // namespace m2mbench::crypto
