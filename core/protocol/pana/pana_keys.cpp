// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/pana/pana_keys.h"

#include "core/common/secure_bytes.h"
#include "core/crypto/mac.h"
#include "core/protocol/eap/wire.h"

#include <optional>

namespace m2mbench::pana {

namespace {

std::optional<crypto::Digest> prfDigest(quint32 prf) {
    switch (prf) {
    case Prf::HmacSha1: return crypto::Digest::Sha1;
    case Prf::HmacSha2_256: return crypto::Digest::Sha256;
    default: break;
    }
    return std::nullopt;
}

std::optional<crypto::Digest> integrityDigest(quint32 integrity) {
    switch (integrity) {
    case Integrity::HmacSha1_160: return crypto::Digest::Sha1;
    case Integrity::HmacSha2_256_128: return crypto::Digest::Sha256;
    default: break;
    }
    return std::nullopt;
}

} // namespace

bool isSupportedPrf(quint32 prf) {
    return prfDigest(prf).has_value();
}

bool isSupportedIntegrity(quint32 integrity) {
    return integrityDigest(integrity).has_value();
}

QString prfName(quint32 prf) {
    switch (prf) {
    case Prf::HmacSha1: return QStringLiteral("PRF_HMAC_SHA1");
    case Prf::HmacSha2_256: return QStringLiteral("PRF_HMAC_SHA2_256");
    default: break;
    }
    return QStringLiteral("PRF %1").arg(prf);
}

QString integrityName(quint32 integrity) {
    switch (integrity) {
    case Integrity::HmacSha1_160: return QStringLiteral("AUTH_HMAC_SHA1_160");
    case Integrity::HmacSha2_256_128: return QStringLiteral("AUTH_HMAC_SHA2_256_128");
    default: break;
    }
    return QStringLiteral("integrity %1").arg(integrity);
}

int authKeyLength(quint32 integrity) {
    switch (integrity) {
    case Integrity::HmacSha1_160: return 20;
    case Integrity::HmacSha2_256_128: return 32;
    default: break;
    }
    return 0;
}

int authValueLength(quint32 integrity) {
    switch (integrity) {
    case Integrity::HmacSha1_160: return 20;
    case Integrity::HmacSha2_256_128: return 16;
    default: break;
    }
    return 0;
}

Result<SecureBytes> prfPlus(quint32 prf, const SecureBytes &key, const QByteArray &seed,
                            int length) {
    const auto digest = prfDigest(prf);
    if (!digest) {
        return fail(Error::Kind::Crypto, QStringLiteral("unsupported %1").arg(prfName(prf)));
    }
    if (length < 1 || key.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("prf+ needs a key and a positive length"));
    }
    SecureBytes out;
    QByteArray previous;
    for (int i = 1; out.size() < static_cast<std::size_t>(length); ++i) {
        if (i > 255) {
            return fail(Error::Kind::Crypto, QStringLiteral("prf+ output longer than 255 blocks"));
        }
        QByteArray input = previous + seed;
        input.append(static_cast<char>(i));
        auto block = crypto::hmac(*digest, key, input);
        if (!block) {
            return fail(block.error());
        }
        out.append(block->span());
        previous = block->exposeBytes();
    }
    return out.left(static_cast<std::size_t>(length));
}

Result<trace::KeyDerivation> derivePanaAuthKey(quint32 prf, quint32 integrity,
                                               const crypto::NamedKey &msk,
                                               const AuthKeyInputs &inputs) {
    const int length = authKeyLength(integrity);
    if (length == 0) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("PANA_AUTH_KEY: unsupported %1").arg(integrityName(integrity)));
    }
    const QByteArray seed = QByteArray("IETF PANA") + inputs.initialPar + inputs.initialPan +
                            inputs.pacNonce + inputs.paaNonce + wire::be32(inputs.keyId);
    auto key = prfPlus(prf, msk.value, seed, length);
    if (!key) {
        return fail(key.error().wrap(QStringLiteral("PANA_AUTH_KEY")));
    }
    trace::KeyDerivation record;
    record.name = QStringLiteral("PANA_AUTH_KEY");
    record.formulaId = QStringLiteral("pana_prf_plus");
    record.formula = QStringLiteral("prf+(MSK, \"IETF PANA\" | I_PAR | I_PAN | PaC_nonce | "
                                    "PAA_nonce | Key_ID), %1, %2 octets  [RFC 5191 5.3]")
                         .arg(prfName(prf))
                         .arg(length);
    record.label = QStringLiteral("IETF PANA");
    record.inputs = {crypto::secretInput(msk.name, msk.value),
                     crypto::octetsInput(QStringLiteral("I_PAR"), inputs.initialPar),
                     crypto::octetsInput(QStringLiteral("I_PAN"), inputs.initialPan),
                     crypto::octetsInput(QStringLiteral("PaC_nonce"), inputs.pacNonce),
                     crypto::octetsInput(QStringLiteral("PAA_nonce"), inputs.paaNonce),
                     crypto::uint32Input(QStringLiteral("Key_ID"), inputs.keyId)};
    record.output = std::move(*key);
    if (!msk.recordId.isEmpty()) {
        record.parents << msk.recordId;
    }
    return record;
}

Result<QByteArray> authValue(quint32 integrity, const SecureBytes &key, const QByteArray &pdu) {
    const auto digest = integrityDigest(integrity);
    if (!digest) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("unsupported %1").arg(integrityName(integrity)));
    }
    auto mac = crypto::hmac(*digest, key, pdu);
    if (!mac) {
        return fail(mac.error());
    }
    return mac->left(static_cast<std::size_t>(authValueLength(integrity))).exposeBytes();
}

Result<QByteArray> encodeSigned(const Message &message, quint32 integrity, const SecureBytes &key) {
    const int length = authValueLength(integrity);
    if (length == 0) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("unsupported %1").arg(integrityName(integrity)));
    }
    QByteArray pdu = message.encode(length);
    auto value = authValue(integrity, key, pdu);
    if (!value) {
        return fail(value.error());
    }
    pdu.replace(pdu.size() - length, length, *value);
    return pdu;
}

QString authCheckName(AuthCheck check) {
    switch (check) {
    case AuthCheck::Valid: return QStringLiteral("valid");
    case AuthCheck::Missing: return QStringLiteral("missing");
    case AuthCheck::Invalid: return QStringLiteral("invalid");
    case AuthCheck::WrongLength: return QStringLiteral("of the wrong length");
    case AuthCheck::Duplicate: return QStringLiteral("present more than once");
    }
    return {};
}

AuthCheck verifyAuth(const QByteArray &raw, const Message &message, quint32 integrity,
                     const SecureBytes &key) {
    if (message.count(AvpCode::Auth) > 1) {
        return AuthCheck::Duplicate;
    }
    const Avp *auth = message.find(AvpCode::Auth);
    if (auth == nullptr) {
        return AuthCheck::Missing;
    }
    const int length = authValueLength(integrity);
    if (length == 0 || auth->value.size() != length || auth->offset < 0) {
        return AuthCheck::WrongLength;
    }
    QByteArray pdu = raw;
    pdu.replace(auth->offset + 8, length, QByteArray(length, '\0'));
    auto expected = authValue(integrity, key, pdu);
    if (!expected || !constantTimeEquals(*expected, auth->value)) {
        return AuthCheck::Invalid;
    }
    return AuthCheck::Valid;
}

} // namespace m2mbench::pana
