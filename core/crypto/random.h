// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/random.h"
#include "core/common/secure_bytes.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <span>

namespace m2mbench::crypto {

/// The operating system's CSPRNG (OpenSSL RAND_bytes): the only source for real keys and nonces.
class OsRandomSource final : public RandomSource {
public:
    /// Aborts the process when the CSPRNG fails: continuing with predictable "random" keys would
    /// be worse than stopping, and RandomSource::fill has no error channel by design.
    void fill(std::span<std::uint8_t> out) override;
    /// A process-wide instance (RAND_bytes is thread-safe).
    static OsRandomSource &instance();
};

/// Frees what OpenSSL keeps for the calling thread (its random generators, its error queue).
/// A thread that used OpenSSL calls it before it ends: OpenSSL would free it as the thread
/// exits, but a QThread counts as finished before that, so a process that ends right after
/// joining it (a test) would have the state reported as leaked.
void releaseThreadState();

/// A repeatable octet stream for tests and reproducible runs; never for real keys.
///
/// Block j (j = 0, 1, ...) of the stream is
/// HMAC-SHA-256(seed, "m2mbench seeded random" || uint64_be(j)), so the same seed gives the same
/// octets on every platform. Not thread-safe.
class SeededRandomSource final : public RandomSource {
public:
    /// Seed = the 8 octets of uint64_be(seed).
    explicit SeededRandomSource(quint64 seed);
    explicit SeededRandomSource(const QByteArray &seed);

    void fill(std::span<std::uint8_t> out) override;

private:
    void refill();

    SecureBytes m_seed;
    quint64 m_counter = 0;
    SecureBytes m_block;
    std::size_t m_used = 0;
};

} // namespace m2mbench::crypto
