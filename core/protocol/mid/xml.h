// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace m2mbench::mid {

/// The namespace of every mId resource.
inline constexpr char kM2mNamespace[] = "http://uri.etsi.org/m2m";

/// A namespace-aware XML element tree: small, copyable, enough for mId representations.
struct XmlNode {
    struct Attribute {
        QString ns; ///< namespace URI, empty for unqualified attributes
        QString name;
        QString value;
    };

    QString ns;   ///< namespace URI of the element
    QString name; ///< local name
    QList<Attribute> attributes;
    QString text; ///< character data directly inside the element, trimmed
    QList<XmlNode> children;
    int line = 0; ///< where the element started in the parsed document

    /// First child with that local name (any namespace), or nullptr.
    [[nodiscard]] const XmlNode *child(QStringView localName) const;
    [[nodiscard]] QList<const XmlNode *> childrenNamed(QStringView localName) const;
    /// Text of the first child with that local name, or a null QString.
    [[nodiscard]] QString childText(QStringView localName) const;
    /// Value of the attribute with that local name (any namespace), or a null QString.
    [[nodiscard]] QString attribute(QStringView localName) const;
    [[nodiscard]] bool hasAttribute(QStringView localName) const;

    /// Values found at a slash-separated path of local names below this node; a last step
    /// "@name" selects an attribute. "pocs/reference", "@sclId", "sclCollection/namedReference".
    [[nodiscard]] QStringList select(QStringView path) const;
};

/// Bounds for parsing documents from a peer.
struct XmlLimits {
    qsizetype maxBytes = 8 * 1024 * 1024;
    int maxDepth = 64;
    int maxElements = 200000;
};

/// Parses a document; rejects DTDs (no entity expansion from a peer), enforces the limits, and
/// reports errors with line and column.
Result<XmlNode> parseXml(const QByteArray &document, const XmlLimits &limits = {});

/// The local name of the first element of a document, found by a cheap scan without parsing
/// (for summaries and schema selection); empty when there is none. Full checks come later.
QString rootElementName(const QByteArray &document);

/// Writes the tree with the m2m namespace bound to the prefix "m2m" on the root element.
/// Elements in the m2m namespace are prefixed; elements with an empty namespace are written
/// unqualified (the schemas' local elements such as <reference>).
QByteArray writeXml(const XmlNode &root);

/// Helpers to build trees tersely.
XmlNode m2mElement(const QString &localName, const QString &text = QString());
XmlNode localElement(const QString &localName, const QString &text = QString());

} // namespace m2mbench::mid
