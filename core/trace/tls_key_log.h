// SPDX-License-Identifier: Apache-2.0
#pragma once

// The hook the TLS code calls: every session made from an SSL_CTX reports its secrets into the
// run's trace, from where the key log file and the pcapng decryption secrets block are written.
//
//     SSL_CTX *ctx = SSL_CTX_new(TLS_method());
//     trace::recordTlsSecrets(ctx, &trace, QStringLiteral("D/GSCL"));

#include "core/trace/trace.h"

typedef struct ssl_ctx_st SSL_CTX; // NOLINT(modernize-use-using): OpenSSL's own declaration

namespace m2mbench::trace {

/// Installs OpenSSL's key log callback on `ctx` (SSL_CTX_set_keylog_callback). Each line
/// becomes a key-log event appended to `trace` on the thread doing the handshake, named after
/// lifeline `source`. `trace` must outlive every connection made from `ctx`; null removes the
/// hook.
void recordTlsSecrets(SSL_CTX *ctx, Trace *trace, const QString &source);

} // namespace m2mbench::trace
