// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace m2mbench::runner {

/// One item of a PICS or PIXIT proforma (docs/pics-pixit.md).
struct ProformaItem {
    QString id;
    QString text;        ///< the question (PICS) or description (PIXIT)
    QString type;        ///< boolean, integer, string, enum
    QStringList allowed; ///< for enum: the values a lab may give
    QVariant defaultValue;
    bool mandatory = false; ///< a lab's file must answer it
    QString reference;      ///< spec clause the item comes from
    QString role;           ///< NSCL, D/G, MSBF/MAS, CPS
    bool secret = false;    ///< a key: reports mask its value unless the user asks for keys
};

/// A proforma and the values that apply: defaults, then the lab's file, then overrides. Shared
/// by PICS (what the product supports) and PIXIT (how to reach and address it).
class Proforma {
public:
    /// `kind` names it in messages ("PICS", "PIXIT"); ids must start with `idPrefix`.
    Proforma(QString kind, QString idPrefix);

    /// Loads {"role": "...", "items": [{"id", "question"|"description", "type", "allowed",
    /// "default", "mandatory", "reference"}]}; several proformas add up.
    Result<void> loadProforma(const QString &path);
    /// Loads the lab's answers {"ID": value, ...}. Every problem is reported, one a line:
    /// unknown items, wrong types, values not allowed, mandatory items left out.
    Result<void> loadValues(const QString &path);
    /// Sets one value from text, converting to the item's type ("PX_X=2000" on a command line).
    Result<void> setText(const QString &id, const QString &text);
    /// Sets one already-typed value (as an earlier run applied it).
    Result<void> setValue(const QString &id, const QVariant &value);

    [[nodiscard]] bool contains(const QString &id) const { return m_items.contains(id); }
    [[nodiscard]] QVariant value(const QString &id) const;
    [[nodiscard]] QVariantMap applied() const;
    /// The ids of the items marked "secret" (keys), sorted.
    [[nodiscard]] QStringList secretIds() const;
    [[nodiscard]] const QMap<QString, ProformaItem> &items() const { return m_items; }
    [[nodiscard]] const QString &kind() const { return m_kind; }

private:
    Result<QVariant> convert(const ProformaItem &item, const QVariant &raw) const;

    QString m_kind;
    QString m_prefix;
    QMap<QString, ProformaItem> m_items;
    QMap<QString, QVariant> m_values;
};

} // namespace m2mbench::runner
