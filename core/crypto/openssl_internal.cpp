// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/openssl_internal.h"

#include <openssl/err.h>

namespace m2mbench::crypto::detail {

QString drainOpenSslErrors() {
    QString reasons;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!reasons.isEmpty()) {
            reasons += QStringLiteral("; ");
        }
        reasons += QString::fromLatin1(buffer);
    }
    return reasons;
}

tl::unexpected<Error> opensslFailure(const QString &what) {
    const QString reasons = drainOpenSslErrors();
    return fail(Error::Kind::Crypto,
                reasons.isEmpty() ? what : what + QStringLiteral(": ") + reasons);
}

EVP_MAC *hmacAlgorithm() {
    // Fetched once and kept for the life of the process; the static is thread-safe in C++11.
    static EVP_MAC *const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}

} // namespace m2mbench::crypto::detail
