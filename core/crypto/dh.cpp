// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/dh.h"

#include "core/crypto/openssl_internal.h"

#include <openssl/core_names.h>
#include <openssl/dh.h>
#include <openssl/param_build.h>

#include <array>

namespace m2mbench::crypto {

namespace {

using detail::BnPtr;
using detail::PkeyCtxPtr;
using detail::PkeyPtr;

struct GroupInfo {
    DhGroup group;
    const char *name;
    int privateLength;
    int publicLength;
};

constexpr std::array<GroupInfo, 6> kGroups = {{
    {DhGroup::X25519, "x25519", 32, 32},
    {DhGroup::Ffdhe2048, "ffdhe2048", 32, 256},
    {DhGroup::Ffdhe3072, "ffdhe3072", 40, 384},
    {DhGroup::Ffdhe4096, "ffdhe4096", 48, 512},
    {DhGroup::Ffdhe6144, "ffdhe6144", 48, 768},
    {DhGroup::Ffdhe8192, "ffdhe8192", 64, 1024},
}};

const GroupInfo &info(DhGroup group) {
    for (const auto &g : kGroups) {
        if (g.group == group) {
            return g;
        }
    }
    return kGroups[0];
}

using ParamBldPtr =
    std::unique_ptr<OSSL_PARAM_BLD, detail::Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, detail::Deleter<OSSL_PARAM, OSSL_PARAM_free>>;

/// An FFDHE key from its parts; `priv` may be null (a peer's public key).
Result<PkeyPtr> ffdheKey(DhGroup group, const BIGNUM *priv, const BIGNUM *pub) {
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder ||
        OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, info(group).name,
                                        0) != 1 ||
        (priv != nullptr &&
         OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv) != 1) ||
        (pub != nullptr &&
         OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, pub) != 1)) {
        return detail::opensslFailure(QStringLiteral("FFDHE key parameters"));
    }
    ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
    EVP_PKEY *key = nullptr;
    const int selection = priv != nullptr  ? EVP_PKEY_KEYPAIR
                          : pub != nullptr ? EVP_PKEY_PUBLIC_KEY
                                           : EVP_PKEY_KEY_PARAMETERS;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, selection, params.get()) != 1) {
        return detail::opensslFailure(QStringLiteral("FFDHE key import"));
    }
    return PkeyPtr(key);
}

Result<BnPtr> ffdhePrime(DhGroup group) {
    auto params = ffdheKey(group, nullptr, nullptr);
    if (!params) {
        return fail(params.error());
    }
    BIGNUM *p = nullptr;
    if (EVP_PKEY_get_bn_param(params->get(), OSSL_PKEY_PARAM_FFC_P, &p) != 1) {
        return detail::opensslFailure(QStringLiteral("FFDHE prime"));
    }
    return BnPtr(p);
}

/// Checks 1 < value < p-1, the range RFC 7919 §5.1 requires of peer values.
bool inOpenRange(const BIGNUM *value, const BIGNUM *p) {
    BnPtr pMinus1(BN_dup(p));
    return pMinus1 && BN_sub_word(pMinus1.get(), 1) == 1 && BN_cmp(value, BN_value_one()) > 0 &&
           BN_cmp(value, pMinus1.get()) < 0;
}

QByteArray bnToPadded(const BIGNUM *value, int length) {
    QByteArray out(length, '\0');
    BN_bn2binpad(value, detail::uc(out), length);
    return out;
}

struct FfdhePrivate {
    BnPtr p;
    BnPtr x;
    BnPtr y;
};

/// Parses the private key and computes y = 2^x mod p (all RFC 7919 groups have g = 2).
Result<FfdhePrivate> ffdhePrivate(DhGroup group, const SecureBytes &privateKey) {
    const int size = dhPublicKeyLength(group);
    if (privateKey.isEmpty() || privateKey.size() > static_cast<std::size_t>(size)) {
        return fail(Error::Kind::Crypto, QStringLiteral("%1: the private key must be 1..%2 "
                                                        "octets, not %3")
                                             .arg(dhGroupName(group))
                                             .arg(size)
                                             .arg(privateKey.size()));
    }
    auto p = ffdhePrime(group);
    if (!p) {
        return fail(p.error());
    }
    FfdhePrivate out{std::move(*p), BnPtr(BN_secure_new()), BnPtr(BN_new())};
    detail::BnCtxPtr bnCtx(BN_CTX_secure_new());
    BnPtr two(BN_new());
    if (!out.x || !out.y || !bnCtx || !two || BN_set_word(two.get(), 2) != 1 ||
        BN_bin2bn(privateKey.data(), static_cast<int>(privateKey.size()), out.x.get()) == nullptr) {
        return detail::opensslFailure(QStringLiteral("FFDHE private key"));
    }
    if (!inOpenRange(out.x.get(), out.p.get())) {
        return fail(
            Error::Kind::Crypto,
            QStringLiteral("%1: the private key must be in 2..p-2").arg(dhGroupName(group)));
    }
    BN_set_flags(out.x.get(), BN_FLG_CONSTTIME);
    if (BN_mod_exp(out.y.get(), two.get(), out.x.get(), out.p.get(), bnCtx.get()) != 1) {
        return detail::opensslFailure(QStringLiteral("FFDHE public key"));
    }
    return out;
}

Result<SecureBytes> ffdheShared(DhGroup group, const SecureBytes &privateKey,
                                const QByteArray &peerPublicKey) {
    const int size = dhPublicKeyLength(group);
    const QString name = dhGroupName(group);
    if (peerPublicKey.size() != size) {
        return fail(Error::Kind::Crypto, QStringLiteral("%1: the peer public key must be %2 "
                                                        "octets, not %3")
                                             .arg(name)
                                             .arg(size)
                                             .arg(peerPublicKey.size()));
    }
    auto own = ffdhePrivate(group, privateKey);
    if (!own) {
        return fail(own.error());
    }
    BnPtr peerY(BN_bin2bn(detail::uc(peerPublicKey), size, nullptr));
    if (!peerY || !inOpenRange(peerY.get(), own->p.get())) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("%1: the peer public key is outside 2..p-2").arg(name));
    }
    auto ownKey = ffdheKey(group, own->x.get(), own->y.get());
    if (!ownKey) {
        return fail(ownKey.error());
    }
    auto peerKey = ffdheKey(group, nullptr, peerY.get());
    if (!peerKey) {
        return fail(peerKey.error());
    }
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, ownKey->get(), nullptr));
    SecureBytes z(static_cast<std::size_t>(size));
    std::size_t written = z.size();
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_dh_pad(ctx.get(), 1) != 1 ||
        EVP_PKEY_derive_set_peer(ctx.get(), peerKey->get()) != 1 ||
        EVP_PKEY_derive(ctx.get(), z.data(), &written) != 1 || written != z.size()) {
        return detail::opensslFailure(name + QStringLiteral(" key agreement"));
    }
    return z;
}

Result<PkeyPtr> x25519Private(const SecureBytes &scalar) {
    if (scalar.size() != 32) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("x25519: the private key (scalar) must be 32 octets, not %1")
                        .arg(scalar.size()));
    }
    PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, scalar.data(), 32));
    if (!key) {
        return detail::opensslFailure(QStringLiteral("x25519 private key"));
    }
    return key;
}

} // namespace

QString dhGroupName(DhGroup group) {
    return QString::fromLatin1(info(group).name);
}

std::optional<DhGroup> dhGroupFromName(const QString &name) {
    for (const auto &g : kGroups) {
        if (name == QLatin1String(g.name)) {
            return g.group;
        }
    }
    return std::nullopt;
}

QStringList dhGroupNames() {
    QStringList names;
    for (const auto &g : kGroups) {
        names << QString::fromLatin1(g.name);
    }
    return names;
}

int dhPrivateKeyLength(DhGroup group) {
    return info(group).privateLength;
}

int dhPublicKeyLength(DhGroup group) {
    return info(group).publicLength;
}

Result<DhKeyPair> dhGenerateKeyPair(DhGroup group, RandomSource &random) {
    DhKeyPair pair;
    pair.group = group;
    pair.privateKey = SecureBytes(static_cast<std::size_t>(dhPrivateKeyLength(group)));
    random.fill(pair.privateKey.span());
    if (group != DhGroup::X25519) {
        pair.privateKey.data()[0] |= 0x80; // full length, and never 0 or 1
    }
    auto pub = dhPublicKey(group, pair.privateKey);
    if (!pub) {
        return fail(pub.error());
    }
    pair.publicKey = *pub;
    return pair;
}

Result<QByteArray> dhPublicKey(DhGroup group, const SecureBytes &privateKey) {
    if (group == DhGroup::X25519) {
        auto key = x25519Private(privateKey);
        if (!key) {
            return fail(key.error());
        }
        QByteArray pub(32, '\0');
        std::size_t size = 32;
        if (EVP_PKEY_get_raw_public_key(key->get(), detail::uc(pub), &size) != 1 || size != 32) {
            return detail::opensslFailure(QStringLiteral("x25519 public key"));
        }
        return pub;
    }
    auto own = ffdhePrivate(group, privateKey);
    if (!own) {
        return fail(own.error());
    }
    return bnToPadded(own->y.get(), dhPublicKeyLength(group));
}

Result<SecureBytes> dhSharedSecret(DhGroup group, const SecureBytes &privateKey,
                                   const QByteArray &peerPublicKey) {
    if (group == DhGroup::X25519) {
        return x25519(privateKey, peerPublicKey);
    }
    return ffdheShared(group, privateKey, peerPublicKey);
}

Result<SecureBytes> x25519(const SecureBytes &scalar, const QByteArray &uCoordinate) {
    if (uCoordinate.size() != 32) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("x25519: the peer public key (u) must be 32 octets, not %1")
                        .arg(uCoordinate.size()));
    }
    auto own = x25519Private(scalar);
    if (!own) {
        return fail(own.error());
    }
    PkeyPtr peer(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, detail::uc(uCoordinate), 32));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own->get(), nullptr));
    SecureBytes z(32);
    std::size_t written = 32;
    if (!peer || !ctx || EVP_PKEY_derive_init(ctx.get()) != 1 ||
        EVP_PKEY_derive_set_peer_ex(ctx.get(), peer.get(), 0) != 1) {
        return detail::opensslFailure(QStringLiteral("x25519"));
    }
    if (EVP_PKEY_derive(ctx.get(), z.data(), &written) != 1 || written != 32) {
        // OpenSSL refuses an all-zero result, which only a small-order u produces.
        detail::drainOpenSslErrors();
        return fail(Error::Kind::Crypto,
                    QStringLiteral("x25519: the shared secret is all zero (the peer public key "
                                   "is a small-order point)"));
    }
    return z;
}

} // namespace m2mbench::crypto
