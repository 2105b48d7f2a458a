// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/envelope.h"

#include "core/crypto/aead.h"
#include "core/crypto/cps_keys.h"

#include <QtEndian>

namespace m2mbench::crypto {

namespace {

void appendUint32(QByteArray &out, quint32 value) {
    char be[4];
    qToBigEndian(value, be);
    out.append(be, 4);
}

quint32 readUint32(const QByteArray &bytes, qsizetype offset) {
    return qFromBigEndian<quint32>(bytes.constData() + offset);
}

} // namespace

QByteArray encodeEnvelope(const Envelope &envelope) {
    QByteArray out;
    out.reserve(kEnvelopeHeaderLength + envelope.ciphertextAndTag.size());
    out.append(static_cast<char>(envelope.version));
    appendUint32(out, envelope.n);
    appendUint32(out, envelope.i);
    out.append(envelope.nonce);
    out.append(envelope.ciphertextAndTag);
    return out;
}

Result<Envelope> parseEnvelope(const QByteArray &bytes) {
    if (bytes.size() < kEnvelopeMinLength) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("envelope: %1 octets, shorter than the minimum %2")
                        .arg(bytes.size())
                        .arg(kEnvelopeMinLength));
    }
    Envelope envelope;
    envelope.version = static_cast<quint8>(bytes.at(0));
    if (envelope.version != kEnvelopeVersion) {
        return fail(Error::Kind::Parse, QStringLiteral("envelope: unknown version %1 (expected %2)")
                                            .arg(envelope.version)
                                            .arg(kEnvelopeVersion));
    }
    envelope.n = readUint32(bytes, 1);
    envelope.i = readUint32(bytes, 5);
    envelope.nonce = bytes.mid(9, kGcmNonceLength);
    envelope.ciphertextAndTag = bytes.mid(kEnvelopeHeaderLength);
    return envelope;
}

Result<QByteArray> envelopeAad(const Profile &profile, const QString &entityId, quint32 n,
                               quint32 i) {
    if (entityId.isEmpty()) {
        return fail(Error::Kind::Crypto, QStringLiteral("envelope: the entity-ID is empty"));
    }
    return encodeTokens(profile.envelopeAad,
                        {textInput(QStringLiteral("entity-ID"), entityId),
                         uint32Input(QStringLiteral("n"), n), uint32Input(QStringLiteral("i"), i)},
                        QStringLiteral("envelope AAD"));
}

Result<QByteArray> sealEnvelope(const Profile &profile, const SecureBytes &kAs,
                                const QString &entityId, quint32 n, quint32 i,
                                const QByteArray &nonce, const SecureBytes &plaintext) {
    auto aad = envelopeAad(profile, entityId, n, i);
    if (!aad) {
        return fail(aad.error());
    }
    auto sealed = aes256GcmSeal(kAs, nonce, *aad, plaintext);
    if (!sealed) {
        return fail(sealed.error().wrap(QStringLiteral("envelope")));
    }
    return encodeEnvelope(Envelope{kEnvelopeVersion, n, i, nonce, *sealed});
}

Result<QByteArray> sealEnvelope(const Profile &profile, const SecureBytes &kAs,
                                const QString &entityId, quint32 n, quint32 i, RandomSource &random,
                                const SecureBytes &plaintext) {
    return sealEnvelope(profile, kAs, entityId, n, i, random.bytes(kGcmNonceLength), plaintext);
}

Result<SecureBytes> openEnvelope(const Profile &profile, const SecureBytes &kAs,
                                 const QString &entityId, const QByteArray &envelope) {
    auto parsed = parseEnvelope(envelope);
    if (!parsed) {
        return fail(parsed.error());
    }
    auto aad = envelopeAad(profile, entityId, parsed->n, parsed->i);
    if (!aad) {
        return fail(aad.error());
    }
    auto plain = aes256GcmOpen(kAs, parsed->nonce, *aad, parsed->ciphertextAndTag);
    if (!plain) {
        return fail(
            plain.error().wrap(QStringLiteral("envelope n=%1 i=%2").arg(parsed->n).arg(parsed->i)));
    }
    return plain;
}

Result<SecureBytes> openEnvelopeWithKas(const Profile &profile, const NamedKey &kas,
                                        const QString &entityId, const QByteArray &envelope,
                                        std::optional<quint32> expectedN) {
    auto parsed = parseEnvelope(envelope);
    if (!parsed) {
        return fail(parsed.error());
    }
    if (expectedN && parsed->n != *expectedN) {
        return fail(Error::Kind::Crypto,
                    QStringLiteral("envelope is for Kas epoch %1, the key given is for epoch %2")
                        .arg(parsed->n)
                        .arg(*expectedN));
    }
    auto kAs = deriveKasApp(profile, kas, parsed->i);
    if (!kAs) {
        return fail(kAs.error());
    }
    return openEnvelope(profile, kAs->output, entityId, envelope);
}

} // namespace m2mbench::crypto
