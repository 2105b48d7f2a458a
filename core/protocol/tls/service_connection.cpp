// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/tls/service_connection.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace m2mbench::tls {

Result<SecureBytes> kmcConfirmation(const SecureBytes &kmc, quint64 connectionId) {
    if (kmc.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("no Kmc to confirm"));
    }
    QByteArray message(kKmcConfirmLabel);
    message.append('\0');
    for (int shift = 56; shift >= 0; shift -= 8) {
        message.append(static_cast<char>((connectionId >> shift) & 0xff));
    }
    SecureBytes out(32);
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), kmc.data(), static_cast<int>(kmc.size()),
              reinterpret_cast<const unsigned char *>(message.constData()),
              static_cast<size_t>(message.size()), out.data(), &length) ||
        length != 32) {
        return fail(Error::Kind::Crypto, QStringLiteral("HMAC-SHA-256 failed"));
    }
    return out;
}

} // namespace m2mbench::tls
