// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace m2mbench {

/// Key material that wipes itself when it goes away (OPENSSL_cleanse), compares in constant time,
/// and never converts to text implicitly: showing a key takes an explicit call, so that a key can
/// only reach a log, a report or a screen where someone asked for it.
class SecureBytes {
public:
    SecureBytes() = default;
    explicit SecureBytes(std::size_t size);
    SecureBytes(const std::uint8_t *data, std::size_t size);
    explicit SecureBytes(std::span<const std::uint8_t> bytes);
    /// Takes a copy of the bytes; the caller stays responsible for wiping its own QByteArray.
    static SecureBytes fromByteArray(const QByteArray &bytes);

    SecureBytes(const SecureBytes &other);
    SecureBytes &operator=(const SecureBytes &other);
    SecureBytes(SecureBytes &&other) noexcept;
    SecureBytes &operator=(SecureBytes &&other) noexcept;
    ~SecureBytes();

    [[nodiscard]] std::size_t size() const { return m_bytes.size(); }
    [[nodiscard]] bool isEmpty() const { return m_bytes.empty(); }
    [[nodiscard]] const std::uint8_t *data() const { return m_bytes.data(); }
    [[nodiscard]] std::uint8_t *data() { return m_bytes.data(); }
    [[nodiscard]] std::span<const std::uint8_t> span() const { return m_bytes; }
    [[nodiscard]] std::span<std::uint8_t> span() { return m_bytes; }

    /// A copy of the first `n` octets (or all when n exceeds the size).
    [[nodiscard]] SecureBytes left(std::size_t n) const;
    /// A copy of `n` octets from `offset`; empty when out of range.
    [[nodiscard]] SecureBytes mid(std::size_t offset, std::size_t n) const;

    void clear();
    void resize(std::size_t size);
    void append(std::span<const std::uint8_t> bytes);

    /// Constant-time equality (CRYPTO_memcmp); sizes are not secret.
    [[nodiscard]] bool equals(const SecureBytes &other) const;
    [[nodiscard]] bool equals(std::span<const std::uint8_t> other) const;

    /// Deliberate exposure, for the places where a user asked to see the key or where a
    /// non-secret copy must be made (e.g. handing a PSK to OpenSSL).
    [[nodiscard]] QByteArray exposeBytes() const;
    [[nodiscard]] QString exposeHex() const;

private:
    void wipe();
    std::vector<std::uint8_t> m_bytes;
};

/// Constant-time comparison of two byte ranges of equal length; false when lengths differ.
bool constantTimeEquals(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace m2mbench
