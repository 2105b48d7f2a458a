// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QMap>
#include <QString>
#include <QVariant>

namespace m2mbench::runner {

/// One PIXIT item of a proforma: what the lab states about how to test its implementation.
struct PixitItem {
    QString id;
    QString description;
    QString type; ///< "string", "integer", "boolean"
    QVariant defaultValue;
};

/// PIXIT values for a run: proforma defaults, then the lab's file, then command-line overrides.
class Pixit {
public:
    /// Loads a proforma: {"role": "...", "items": [{"id", "description", "type", "default"}]}.
    Result<void> loadProforma(const QString &path);
    /// Loads the lab's values: {"PX_ITEM": value, ...}; unknown items and wrong types are errors.
    Result<void> loadValues(const QString &path);
    /// Sets one value from text ("PX_STEP_TIMEOUT_MS=2000"), converting to the item's type.
    Result<void> set(const QString &id, const QString &text);

    /// Sets one value as an earlier run applied it (already typed).
    Result<void> setValue(const QString &id, const QVariant &value);

    [[nodiscard]] bool contains(const QString &id) const { return m_items.contains(id); }
    [[nodiscard]] QVariant value(const QString &id) const;
    [[nodiscard]] int intValue(const QString &id, int fallback) const;
    [[nodiscard]] QString stringValue(const QString &id, const QString &fallback = {}) const;
    /// Every item with the value that applies, for the run record.
    [[nodiscard]] QVariantMap applied() const;
    [[nodiscard]] const QMap<QString, PixitItem> &items() const { return m_items; }

private:
    Result<QVariant> convert(const PixitItem &item, const QVariant &raw) const;

    QMap<QString, PixitItem> m_items;
    QMap<QString, QVariant> m_values;
};

} // namespace m2mbench::runner
