// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to core/crypto: the calculator's kind table and its typed input reader.

#include "core/crypto/key_recorder.h"
#include "core/crypto/profile.h"

#include <QHash>
#include <QList>
#include <QString>

namespace m2mbench::crypto::calc {

enum class ValueType { Secret, Octets, Text, Uint32 };

/// One input a kind takes: its name, type, length rule and help.
struct InputSpec {
    QString name;
    ValueType type = ValueType::Octets;
    int exactLength = 0;                             ///< 0: not fixed
    int minLength = 1;                               ///< for octet types
    int (*profileLength)(const Profile &) = nullptr; ///< exact length taken from the profile
    bool optional = false;
    QString help;
};

/// The typed values of one calculator call, decoded and length-checked.
class Inputs {
public:
    /// Decodes NAME=VALUE assignments against the kind's inputs. Errors name the input.
    static Result<Inputs> parse(const QStringList &assignments, const QList<InputSpec> &specs,
                                const Profile &profile, const QString &kind);

    [[nodiscard]] bool has(const QString &name) const { return m_values.contains(name); }
    [[nodiscard]] SecureBytes secret(const QString &name) const;
    [[nodiscard]] QByteArray octets(const QString &name) const;
    [[nodiscard]] QString text(const QString &name) const;
    [[nodiscard]] quint32 number(const QString &name) const;
    /// A secret input as a key for the library (no record id: it was given).
    [[nodiscard]] NamedKey key(const QString &name) const;

private:
    QHash<QString, SecureBytes> m_values;
    QHash<QString, quint32> m_numbers;
};

/// Computes a kind's records into `keys` and returns the principal output.
using KindHandler = Result<NamedKey> (*)(const Profile &, const Inputs &, KeyRecorder &);

/// One kind of `derive`: its name, one-line summary, inputs and handler.
struct KindSpec {
    QString name;
    QString summary;
    QList<InputSpec> inputs;
    KindHandler handler = nullptr;
};

/// Every kind, in display order.
const QList<KindSpec> &kinds();
const KindSpec *findKind(const QString &name);

/// "32 octets", "at least 64 octets", "text", "number 0..4294967295".
QString describeInput(const InputSpec &spec, const Profile &profile);

} // namespace m2mbench::crypto::calc
