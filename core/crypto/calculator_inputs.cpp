// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/calculator_internal.h"

#include "core/common/hex.h"

#include <QStringDecoder>

namespace m2mbench::crypto::calc {

namespace {

tl::unexpected<Error> inputError(const QString &name, const QString &problem) {
    return fail(Error::Kind::Config, QStringLiteral("input %1: %2").arg(name, problem));
}

Result<quint32> decodeNumber(const QString &name, const QString &raw) {
    bool ok = false;
    const qulonglong value = raw.startsWith(QLatin1String("0x")) ? raw.mid(2).toULongLong(&ok, 16)
                                                                 : raw.toULongLong(&ok, 10);
    if (!ok || value > 0xffffffffULL) {
        return inputError(name, QStringLiteral("'%1' is not a number from 0 to 4294967295 "
                                               "(decimal, or hex written 0x..)")
                                    .arg(raw));
    }
    return static_cast<quint32>(value);
}

Result<QByteArray> decodeHex(const QString &name, QStringView hex) {
    auto bytes = fromHex(hex);
    if (!bytes) {
        return inputError(name, bytes.error().message);
    }
    return *bytes;
}

/// Text inputs: bare or text: is the text itself, hex: gives its UTF-8 octets in hex.
Result<QByteArray> decodeText(const QString &name, const QString &raw) {
    if (!raw.startsWith(QLatin1String("hex:"))) {
        const QString text = raw.startsWith(QLatin1String("text:")) ? raw.mid(5) : raw;
        return text.toUtf8();
    }
    auto bytes = decodeHex(name, QStringView(raw).mid(4));
    if (!bytes) {
        return bytes;
    }
    auto decoder = QStringDecoder(QStringDecoder::Utf8);
    [[maybe_unused]] const QString text = decoder(*bytes); // decoding sets hasError()
    if (decoder.hasError()) {
        return inputError(name, QStringLiteral("the hex: value is not valid UTF-8"));
    }
    return *bytes;
}

/// Octet inputs: bare or hex: is hex, text: gives the UTF-8 octets of the text.
Result<QByteArray> decodeOctets(const QString &name, const QString &raw) {
    if (raw.startsWith(QLatin1String("text:"))) {
        return raw.mid(5).toUtf8();
    }
    return decodeHex(name, raw.startsWith(QLatin1String("hex:")) ? QStringView(raw).mid(4)
                                                                 : QStringView(raw));
}

Result<void> checkLength(const InputSpec &spec, const Profile &profile, qsizetype size) {
    const int exact =
        spec.profileLength != nullptr ? spec.profileLength(profile) : spec.exactLength;
    if (size == 0) {
        return inputError(spec.name, QStringLiteral("the value is empty"));
    }
    if (exact > 0 && size != exact) {
        return inputError(spec.name,
                          QStringLiteral("expected %1 octets, got %2").arg(exact).arg(size));
    }
    if (size < spec.minLength) {
        return inputError(
            spec.name,
            QStringLiteral("expected at least %1 octets, got %2").arg(spec.minLength).arg(size));
    }
    return {};
}

} // namespace

Result<Inputs> Inputs::parse(const QStringList &assignments, const QList<InputSpec> &specs,
                             const Profile &profile, const QString &kind) {
    Inputs inputs;
    QStringList known;
    for (const auto &spec : specs) {
        known << spec.name;
    }
    for (qsizetype position = 0; position < assignments.size(); ++position) {
        const QString &assignment = assignments.at(position);
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            // Not echoed: a value typed without its name may well be a key.
            return fail(Error::Kind::Config,
                        QStringLiteral("input number %1: expected NAME=VALUE (the text is not "
                                       "shown, it may be a key)")
                            .arg(position + 1));
        }
        const QString name = assignment.left(eq);
        const QString raw = assignment.mid(eq + 1);
        const auto spec = std::find_if(specs.begin(), specs.end(),
                                       [&](const InputSpec &s) { return s.name == name; });
        if (spec == specs.end()) {
            return inputError(name, QStringLiteral("%1 has no such input (its inputs: %2)")
                                        .arg(kind, known.join(u", ")));
        }
        if (inputs.m_values.contains(name)) {
            return inputError(name, QStringLiteral("given twice"));
        }
        if (spec->type == ValueType::Uint32) {
            auto number = decodeNumber(name, raw);
            if (!number) {
                return fail(number.error());
            }
            inputs.m_numbers.insert(name, *number);
            inputs.m_values.insert(name, SecureBytes());
            continue;
        }
        auto bytes =
            spec->type == ValueType::Text ? decodeText(name, raw) : decodeOctets(name, raw);
        if (!bytes) {
            return fail(bytes.error());
        }
        if (auto ok = checkLength(*spec, profile, bytes->size()); !ok) {
            return fail(ok.error());
        }
        inputs.m_values.insert(name, SecureBytes::fromByteArray(*bytes));
    }
    for (const auto &spec : specs) {
        if (!spec.optional && !inputs.has(spec.name)) {
            return fail(Error::Kind::Config,
                        QStringLiteral("missing input %1 (%2): add --input %1=VALUE")
                            .arg(spec.name, describeInput(spec, profile)));
        }
    }
    return inputs;
}

SecureBytes Inputs::secret(const QString &name) const {
    return m_values.value(name);
}

QByteArray Inputs::octets(const QString &name) const {
    return m_values.value(name).exposeBytes();
}

QString Inputs::text(const QString &name) const {
    return QString::fromUtf8(m_values.value(name).exposeBytes());
}

quint32 Inputs::number(const QString &name) const {
    return m_numbers.value(name);
}

NamedKey Inputs::key(const QString &name) const {
    return NamedKey{name, m_values.value(name), QString()};
}

QString describeInput(const InputSpec &spec, const Profile &profile) {
    if (spec.type == ValueType::Uint32) {
        return QStringLiteral("number 0..4294967295");
    }
    if (spec.type == ValueType::Text) {
        return QStringLiteral("text");
    }
    QString kind =
        spec.type == ValueType::Secret ? QStringLiteral("secret hex") : QStringLiteral("hex");
    const int exact =
        spec.profileLength != nullptr ? spec.profileLength(profile) : spec.exactLength;
    if (exact > 0) {
        return QStringLiteral("%1, %2 octets").arg(kind).arg(exact);
    }
    if (spec.minLength > 1) {
        return QStringLiteral("%1, at least %2 octets").arg(kind).arg(spec.minLength);
    }
    return kind;
}

} // namespace m2mbench::crypto::calc
