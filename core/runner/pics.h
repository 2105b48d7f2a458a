// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/proforma.h"

#include <QMap>
#include <QString>
#include <QVariant>

namespace m2mbench::runner {

/// Whether a test case is selected and the values that decided it.
struct Selection {
    bool selected = true;
    QString reason; ///< "PICS_A && !PICS_B: PICS_A=true, PICS_B=false"
};

/// The PICS of a run: what the product supports, from the proforma defaults (the answers of the
/// bench's own reference node) overridden by the lab's answers.
class Pics : public Proforma {
public:
    Pics()
        : Proforma(QStringLiteral("PICS"), QStringLiteral("PICS_")) {}

    /// Evaluates a predicate (a JavaScript boolean expression over PICS ids: &&, ||, !, ==).
    /// An empty predicate selects. Unknown ids and non-boolean results are errors.
    [[nodiscard]] Result<Selection> evaluate(const QString &predicate) const;
};

} // namespace m2mbench::runner
