// SPDX-License-Identifier: Apache-2.0
#include "core/common/secure_bytes.h"

#include <openssl/crypto.h>

#include <QString>

#include <algorithm>

namespace m2mbench {

SecureBytes::SecureBytes(std::size_t size)
    : m_bytes(size, 0) {}

SecureBytes::SecureBytes(const std::uint8_t *data, std::size_t size)
    : m_bytes(data, data + size) {}

SecureBytes::SecureBytes(std::span<const std::uint8_t> bytes)
    : m_bytes(bytes.begin(), bytes.end()) {}

SecureBytes SecureBytes::fromByteArray(const QByteArray &bytes) {
    return SecureBytes(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                       static_cast<std::size_t>(bytes.size()));
}

SecureBytes::SecureBytes(const SecureBytes &other) = default;

SecureBytes &SecureBytes::operator=(const SecureBytes &other) {
    if (this != &other) {
        wipe();
        m_bytes = other.m_bytes;
    }
    return *this;
}

SecureBytes::SecureBytes(SecureBytes &&other) noexcept
    : m_bytes(std::move(other.m_bytes)) {
    other.m_bytes.clear();
}

SecureBytes &SecureBytes::operator=(SecureBytes &&other) noexcept {
    if (this != &other) {
        wipe();
        m_bytes = std::move(other.m_bytes);
        other.m_bytes.clear();
    }
    return *this;
}

SecureBytes::~SecureBytes() {
    wipe();
}

SecureBytes SecureBytes::left(std::size_t n) const {
    return SecureBytes(m_bytes.data(), std::min(n, m_bytes.size()));
}

SecureBytes SecureBytes::mid(std::size_t offset, std::size_t n) const {
    if (offset > m_bytes.size() || n > m_bytes.size() - offset) {
        return {};
    }
    return SecureBytes(m_bytes.data() + offset, n);
}

void SecureBytes::clear() {
    wipe();
    m_bytes.clear();
}

void SecureBytes::resize(std::size_t size) {
    if (size > m_bytes.capacity()) {
        // Growing reallocates: copy into a fresh buffer so that the old one can be wiped.
        std::vector<std::uint8_t> grown(size, 0);
        std::copy(m_bytes.begin(), m_bytes.end(), grown.begin());
        wipe();
        m_bytes.swap(grown);
        return;
    }
    if (size < m_bytes.size()) {
        OPENSSL_cleanse(m_bytes.data() + size, m_bytes.size() - size);
    }
    m_bytes.resize(size, 0);
}

void SecureBytes::append(std::span<const std::uint8_t> bytes) {
    const std::size_t old = m_bytes.size();
    resize(old + bytes.size());
    std::copy(bytes.begin(), bytes.end(), m_bytes.begin() + static_cast<std::ptrdiff_t>(old));
}

bool SecureBytes::equals(const SecureBytes &other) const {
    return constantTimeEquals(span(), other.span());
}

bool SecureBytes::equals(std::span<const std::uint8_t> other) const {
    return constantTimeEquals(span(), other);
}

QByteArray SecureBytes::exposeBytes() const {
    return QByteArray(reinterpret_cast<const char *>(m_bytes.data()),
                      static_cast<qsizetype>(m_bytes.size()));
}

QString SecureBytes::exposeHex() const {
    return QString::fromLatin1(exposeBytes().toHex());
}

void SecureBytes::wipe() {
    if (!m_bytes.empty()) {
        OPENSSL_cleanse(m_bytes.data(), m_bytes.size());
    }
}

bool constantTimeEquals(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
    if (a.size() != b.size()) {
        return false;
    }
    if (a.empty()) {
        return true;
    }
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b) {
    return constantTimeEquals(std::span(reinterpret_cast<const std::uint8_t *>(a.constData()),
                                        static_cast<std::size_t>(a.size())),
                              std::span(reinterpret_cast<const std::uint8_t *>(b.constData()),
                                        static_cast<std::size_t>(b.size())));
}

} // namespace m2mbench
