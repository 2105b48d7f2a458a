// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/mac.h"

#include "core/crypto/openssl_internal.h"

#include <openssl/core_names.h>

namespace m2mbench::crypto {

namespace {

using detail::nonNull;

const char *opensslName(Digest digest) {
    switch (digest) {
    case Digest::Md5: return "MD5";
    case Digest::Sha1: return "SHA1";
    case Digest::Sha256: return "SHA256";
    }
    return "SHA256";
}

std::span<const std::uint8_t> bytesOf(const QByteArray &bytes) {
    return detail::view(bytes);
}

} // namespace

int digestLength(Digest digest) {
    switch (digest) {
    case Digest::Md5: return 16;
    case Digest::Sha1: return 20;
    case Digest::Sha256: return 32;
    }
    return 0;
}

QString digestName(Digest digest) {
    return QString::fromLatin1(opensslName(digest));
}

Result<SecureBytes> hmac(Digest digest, std::span<const std::uint8_t> key,
                         std::span<const std::uint8_t> data) {
    const QString what = QStringLiteral("HMAC-%1").arg(digestName(digest));
    detail::MacCtxPtr ctx(
        detail::hmacAlgorithm() != nullptr ? EVP_MAC_CTX_new(detail::hmacAlgorithm()) : nullptr);
    if (!ctx) {
        return detail::opensslFailure(what + QStringLiteral(" context"));
    }
    char name[8] = {};
    qstrncpy(name, opensslName(digest), sizeof name);
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, name, 0),
                                 OSSL_PARAM_construct_end()};
    if (EVP_MAC_init(ctx.get(), nonNull(key.data()), key.size(), params) != 1 ||
        (!data.empty() && EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1)) {
        return detail::opensslFailure(what);
    }
    SecureBytes out(static_cast<std::size_t>(digestLength(digest)));
    std::size_t written = 0;
    if (EVP_MAC_final(ctx.get(), out.data(), &written, out.size()) != 1 || written != out.size()) {
        return detail::opensslFailure(what);
    }
    return out;
}

Result<SecureBytes> hmac(Digest digest, const SecureBytes &key, const QByteArray &data) {
    return hmac(digest, key.span(), bytesOf(data));
}

Result<QByteArray> hmacBytes(Digest digest, const QByteArray &key, const QByteArray &data) {
    auto mac = hmac(digest, bytesOf(key), bytesOf(data));
    if (!mac) {
        return fail(mac.error());
    }
    return mac->exposeBytes();
}

Result<QByteArray> hash(Digest digest, const QByteArray &data) {
    static EVP_MD *const algorithms[] = {EVP_MD_fetch(nullptr, "MD5", nullptr),
                                         EVP_MD_fetch(nullptr, "SHA1", nullptr),
                                         EVP_MD_fetch(nullptr, "SHA256", nullptr)};
    EVP_MD *md = algorithms[static_cast<int>(digest)];
    QByteArray out(digestLength(digest), '\0');
    unsigned int written = 0;
    if (md == nullptr ||
        EVP_Digest(data.constData(), static_cast<std::size_t>(data.size()), detail::uc(out),
                   &written, md, nullptr) != 1 ||
        static_cast<qsizetype>(written) != out.size()) {
        return detail::opensslFailure(digestName(digest));
    }
    return out;
}

} // namespace m2mbench::crypto
