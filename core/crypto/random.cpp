// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/random.h"

#include "core/crypto/kdf.h"
#include "core/crypto/openssl_internal.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <QtEndian>

#include <algorithm>
#include <climits>

namespace m2mbench::crypto {

void releaseThreadState() {
    OPENSSL_thread_stop();
}

void OsRandomSource::fill(std::span<std::uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size()) {
        // RAND_bytes takes an int length; draw in chunks so that any span size works.
        const int chunk = static_cast<int>(std::min<std::size_t>(out.size() - done, INT_MAX));
        if (RAND_bytes(out.data() + done, chunk) != 1) {
            qFatal("OS random source failed (%s); refusing to continue with predictable keys",
                   qPrintable(detail::drainOpenSslErrors()));
        }
        done += static_cast<std::size_t>(chunk);
    }
}

OsRandomSource &OsRandomSource::instance() {
    static OsRandomSource source;
    return source;
}

SeededRandomSource::SeededRandomSource(quint64 seed) {
    std::uint8_t be[8];
    qToBigEndian(seed, be);
    m_seed = SecureBytes(be, sizeof be);
}

SeededRandomSource::SeededRandomSource(const QByteArray &seed)
    : m_seed(SecureBytes::fromByteArray(seed)) {}

void SeededRandomSource::refill() {
    QByteArray message = QByteArrayLiteral("m2mbench seeded random");
    std::uint8_t be[8];
    qToBigEndian(m_counter++, be);
    message.append(reinterpret_cast<const char *>(be), sizeof be);
    auto block = hmacSha256(m_seed, message);
    if (!block) {
        qFatal("seeded random source: %s", qPrintable(block.error().message));
    }
    m_block = std::move(*block);
    m_used = 0;
}

void SeededRandomSource::fill(std::span<std::uint8_t> out) {
    std::size_t done = 0;
    while (done < out.size()) {
        if (m_used >= m_block.size()) {
            refill();
        }
        const std::size_t n = std::min(out.size() - done, m_block.size() - m_used);
        std::copy_n(m_block.data() + m_used, n, out.data() + done);
        m_used += n;
        done += n;
    }
}

} // namespace m2mbench::crypto
