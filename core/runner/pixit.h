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

} // namespace m2mbench::runner
