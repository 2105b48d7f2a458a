// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QMap>
#include <QString>
#include <QVariant>

namespace m2mbench::runner {

/// One PICS item: a statement about what the implementation supports.
struct PicsItem {
    QString id;
    QString question;
    QString reference; ///< spec clause the item comes from
    QVariant value;    ///< as the proforma's default or the lab's file sets it
};

/// Whether a test case is selected and the values that decided it.
struct Selection {
    bool selected = true;
    QString reason; ///< "PICS_A && !PICS_B: PICS_A=true, PICS_B=false"
};

/// The PICS of a run: proforma defaults overridden by the lab's answers.
class Pics {
public:
    /// Loads a proforma: {"role": "...", "items": [{"id", "question", "reference", "default"}]}.
    Result<void> loadProforma(const QString &path);
    /// Loads the lab's answers: {"PICS_ITEM": value, ...}; unknown items are errors.
    Result<void> loadValues(const QString &path);

    /// Sets one answer as an earlier run applied it; unknown ids are errors.
    Result<void> setValue(const QString &id, const QVariant &value);

    /// Evaluates a predicate (a JavaScript boolean expression over PICS ids: &&, ||, !, ==).
    /// An empty predicate selects. Unknown ids and non-boolean results are errors.
    [[nodiscard]] Result<Selection> evaluate(const QString &predicate) const;
    [[nodiscard]] QVariantMap applied() const;
    [[nodiscard]] const QMap<QString, PicsItem> &items() const { return m_items; }

private:
    QMap<QString, PicsItem> m_items;
};

} // namespace m2mbench::runner
