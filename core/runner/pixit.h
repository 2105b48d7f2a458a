// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/proforma.h"

namespace m2mbench::runner {

/// PIXIT values for a run: what the lab states about how to reach and address its product.
class Pixit : public Proforma {
public:
    Pixit()
        : Proforma(QStringLiteral("PIXIT"), QStringLiteral("PX_")) {}

    /// Sets one value from text ("PX_STEP_TIMEOUT_MS=2000"), converting to the item's type.
    Result<void> set(const QString &id, const QString &text) { return setText(id, text); }

    [[nodiscard]] int intValue(const QString &id, int fallback) const;
    [[nodiscard]] QString stringValue(const QString &id, const QString &fallback = {}) const;
};

/// What a report writes for a secret PIXIT value (a key) that the user did not ask to see.
inline constexpr char kMaskedValue[] = "(masked)";

/// PIXIT values as a report shows them: the items in `secret` are masked unless `showKeys`; an
/// empty value stays empty, since there is nothing to hide and "not given" is worth seeing.
QVariantMap reportedPixit(const QVariantMap &applied, const QStringList &secret, bool showKeys);
/// "PX_NAME=value" assignments (--set) as a report shows them, masked the same way.
QStringList reportedAssignments(const QStringList &assignments, const QStringList &secret,
                                bool showKeys);

} // namespace m2mbench::runner
