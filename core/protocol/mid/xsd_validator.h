// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <memory>

namespace m2mbench::mid {

/// Validates mId documents against the ETSI TS 102 921 schemas with libxml2. The schemas are the
/// user's copy (never shipped with the bench): a folder holding `<root>.xsd` files and, when the
/// schemas reference W3C files, a `catalog.xml` that maps them to local copies.
///
/// Thread-safe: schemas are compiled once per root element and shared; each validation uses its
/// own context.
class XsdValidator {
public:
    ~XsdValidator();
    XsdValidator(const XsdValidator &) = delete;
    XsdValidator &operator=(const XsdValidator &) = delete;

    /// Opens a schema folder; fails when it holds no common.xsd.
    static Result<std::shared_ptr<XsdValidator>> open(const QString &dir);
    /// The folder named by the environment variable M2M_XSD_DIR, or empty.
    static QString dirFromEnvironment();

    /// Validates the document against the schema of its root element (`<scl>` -> scl.xsd).
    /// The error lists every problem libxml2 reported, with line numbers.
    [[nodiscard]] Result<void> validate(const QByteArray &document) const;
    /// Validates against the named root's schema and checks that the root element matches it.
    [[nodiscard]] Result<void> validate(const QByteArray &document,
                                        const QString &expectedRoot) const;

    [[nodiscard]] const QString &dir() const { return m_dir; }

private:
    explicit XsdValidator(QString dir);
    struct Schema;
    Result<std::shared_ptr<Schema>> schemaFor(const QString &root) const;

    QString m_dir;
    mutable QMutex m_mutex;
    mutable QHash<QString, std::shared_ptr<Schema>> m_schemas;
};

} // namespace m2mbench::mid
