// SPDX-License-Identifier: Apache-2.0
#include "core/trace/tls_key_log.h"

#include "core/trace/key_log.h"

#include <openssl/ssl.h>

#include <mutex>

namespace m2mbench::trace {

namespace {

struct Hook {
    Trace *trace = nullptr;
    QString source;
};

void freeHook(void *, void *ptr, CRYPTO_EX_DATA *, int, long, void *) {
    delete static_cast<Hook *>(ptr);
}

int hookIndex() {
    static int index = -1;
    static std::once_flag once;
    std::call_once(
        once, [] { index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, freeHook); });
    return index;
}

void onKeyLogLine(const SSL *ssl, const char *text) {
    const auto *hook =
        static_cast<const Hook *>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), hookIndex()));
    if (!hook || !hook->trace || !text) {
        return;
    }
    auto line = parseKeyLogLine(QByteArray(text));
    if (!line) {
        // OpenSSL wrote something this parser does not know: say so, never drop it silently.
        hook->trace->append(Event::log(
            hook->source,
            QStringLiteral("TLS key log line not recorded: %1").arg(line.error().message)));
        return;
    }
    hook->trace->append(keyLogEvent(*line, hook->source));
}

} // namespace

void recordTlsSecrets(SSL_CTX *ctx, Trace *trace, const QString &source) {
    if (!ctx || hookIndex() < 0) {
        return;
    }
    auto *old = static_cast<Hook *>(SSL_CTX_get_ex_data(ctx, hookIndex()));
    Hook *hook = trace ? new Hook{trace, source} : nullptr;
    SSL_CTX_set_ex_data(ctx, hookIndex(), hook);
    delete old;
    SSL_CTX_set_keylog_callback(ctx, hook ? onKeyLogLine : nullptr);
}

} // namespace m2mbench::trace
