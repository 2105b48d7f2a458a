// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

#include <cstdint>
#include <span>

namespace m2mbench {

/// A source of random octets. Production code uses the operating system's CSPRNG (see
/// core/crypto/random.h); tests plug in a seeded, repeatable source.
class RandomSource {
public:
    virtual ~RandomSource() = default;
    virtual void fill(std::span<std::uint8_t> out) = 0;

    QByteArray bytes(qsizetype n) {
        QByteArray out(n, '\0');
        fill(std::span(reinterpret_cast<std::uint8_t *>(out.data()), static_cast<std::size_t>(n)));
        return out;
    }
};

} // namespace m2mbench
