// SPDX-License-Identifier: Apache-2.0
#pragma once

// The one engine behind every profile derivation: builds the KDF context from the profile's
// token list and returns a complete trace::KeyDerivation record (formula, label, every input by
// name, output, parent). The key hierarchy and CPS functions are thin, validating wrappers.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"
#include "core/crypto/profile.h"
#include "core/trace/event.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace m2mbench::crypto {

/// A key with its name and, when it came from a recorded derivation, that record's id (which
/// becomes the parent of whatever is derived from it). Keys given from outside have no id.
struct NamedKey {
    QString name;
    SecureBytes value;
    QString recordId;
};

/// Inputs of a derivation record, by kind.
trace::DerivationInput secretInput(const QString &name, const SecureBytes &value);
trace::DerivationInput textInput(const QString &name, const QString &text);
trace::DerivationInput octetsInput(const QString &name, const QByteArray &value);
trace::DerivationInput uint32Input(const QString &name, quint32 value);

/// The octets of `tokens` (input names or 0x literals) taken from `inputs`, in token order.
Result<QByteArray> encodeTokens(const QStringList &tokens,
                                const QList<trace::DerivationInput> &inputs, const QString &what);

/// m2m_kdf(key, label, context, length) with the profile's spec for `id`. The record's id is
/// left empty (KeyRecorder assigns it); its parent is key.recordId when set. The inputs move
/// into the record (callers build them for this call).
Result<trace::KeyDerivation> profileDerive(const Profile &profile, DerivationId id,
                                           const NamedKey &key,
                                           QList<trace::DerivationInput> inputs);

/// The output of a record as a key that can feed the next derivation.
NamedKey outputKey(const trace::KeyDerivation &record);

} // namespace m2mbench::crypto
