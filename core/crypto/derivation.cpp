// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/derivation.h"

#include "core/crypto/kdf.h"
#include "core/crypto/profile_parser.h"

#include <QtEndian>

namespace m2mbench::crypto {

trace::DerivationInput secretInput(const QString &name, const SecureBytes &value) {
    return trace::DerivationInput{name, value, true, false};
}

trace::DerivationInput textInput(const QString &name, const QString &text) {
    return trace::DerivationInput{name, SecureBytes::fromByteArray(text.toUtf8()), false, true};
}

trace::DerivationInput octetsInput(const QString &name, const QByteArray &value) {
    return trace::DerivationInput{name, SecureBytes::fromByteArray(value), false, false};
}

trace::DerivationInput uint32Input(const QString &name, quint32 value) {
    std::uint8_t be[4];
    qToBigEndian(value, be);
    return trace::DerivationInput{name, SecureBytes(be, sizeof be), false, false};
}

Result<QByteArray> encodeTokens(const QStringList &tokens,
                                const QList<trace::DerivationInput> &inputs, const QString &what) {
    QByteArray out;
    out.reserve(128); // every default context fits: no growth on the way
    for (const QString &token : tokens) {
        if (const auto literal = detail::contextLiteral(token)) {
            out.append(*literal);
            continue;
        }
        const auto it = std::find_if(inputs.begin(), inputs.end(),
                                     [&](const auto &input) { return input.name == token; });
        if (it == inputs.end()) {
            return fail(Error::Kind::Crypto,
                        QStringLiteral("%1: the profile's context uses '%2', which was not given")
                            .arg(what, token));
        }
        out.append(reinterpret_cast<const char *>(it->value.data()),
                   static_cast<qsizetype>(it->value.size()));
    }
    return out;
}

Result<trace::KeyDerivation> profileDerive(const Profile &profile, DerivationId id,
                                           const NamedKey &key,
                                           QList<trace::DerivationInput> inputs) {
    const DerivationInfo &info = derivationInfo(id);
    const DerivationSpec &spec = profile.spec(id);
    auto context = encodeTokens(spec.context, inputs, info.outputName);
    if (!context) {
        return fail(context.error());
    }
    auto output = m2mKdf(key.value, spec.label, *context, spec.length);
    if (!output) {
        return fail(output.error().wrap(info.outputName));
    }
    trace::KeyDerivation record;
    record.name = info.outputName;
    record.formulaId = QStringLiteral("m2m_kdf");
    record.formula = profile.formula(id, key.name);
    record.label = spec.label;
    record.inputs.reserve(inputs.size() + 1);
    record.inputs.append(secretInput(key.name, key.value));
    for (trace::DerivationInput &input : inputs) {
        record.inputs.append(std::move(input));
    }
    record.output = std::move(*output);
    record.outputSecret = true;
    if (!key.recordId.isEmpty()) {
        record.parents << key.recordId;
    }
    return record;
}

NamedKey outputKey(const trace::KeyDerivation &record) {
    return NamedKey{record.name, record.output, record.id};
}

} // namespace m2mbench::crypto
