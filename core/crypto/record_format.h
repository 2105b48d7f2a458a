// SPDX-License-Identifier: Apache-2.0
#pragma once

// Showing derivation records to people (an indented text tree) and to programs (JSON), with
// secret values masked unless the user asked to see them.

#include "core/crypto/key_recorder.h"

#include <QJsonObject>
#include <QString>

namespace m2mbench::crypto {

enum class SecretDisplay { Masked, Shown };

/// "<secret, 32 octets>" or the hex, for a value marked secret; hex (or "text") otherwise.
QString displayValue(const SecureBytes &value, bool secret, bool text, SecretDisplay display);

/// The records as an indented tree: each record under its first parent in `records`, with
/// formula, label, inputs and output.
QString formatRecordTree(const QList<DerivationPtr> &records, SecretDisplay display);

/// One record as JSON: id, name, formulaId, formula, label, inputs[], output, parents[]. A masked
/// secret carries "masked": true and no "hex".
QJsonObject recordToJson(const trace::KeyDerivation &record, SecretDisplay display);

} // namespace m2mbench::crypto
