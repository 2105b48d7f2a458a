// SPDX-License-Identifier: Apache-2.0
#pragma once

// Building blocks the reference NSCL's resource stores share: reading a request's
// representation and writing responses (access rights, groups).

#include "core/common/result.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/xml.h"
#include "core/protocol/mid/xsd_validator.h"

#include <QDateTime>
#include <QStringList>

#include <functional>
#include <optional>
#include <type_traits>

namespace m2mbench::nodes {

/// What discovery (nscl_discovery.cpp) needs to know of a resource.
struct DiscoverableResource {
    QString path;
    QStringList searchStrings;
    QDateTime creationTime;
};

} // namespace m2mbench::nodes

namespace m2mbench::nodes::repr {

/// A response carrying the XML representation of `root`.
mid::Response xml(mid::StatusCode status, const mid::XmlNode &root);
/// STATUS_OK with no body.
mid::Response okEmpty();
/// STATUS_METHOD_NOT_ALLOWED naming the method and the resource (`what`, e.g. "<group>").
mid::Response notAllowed(const mid::Request &request, const QString &what);
/// STATUS_UNSUPPORTED_MEDIA_TYPE for a body that is not XML.
mid::Response unsupportedType(const mid::Request &request);

/// Adds <m2m:NAME>time</m2m:NAME> when the time is valid.
void addTime(mid::XmlNode &parent, const QString &name, const QDateTime &t);
/// <m2m:ELEMENT><m2m:ITEM>v</m2m:ITEM>...</m2m:ELEMENT>
mid::XmlNode listOf(const QString &element, const QString &item, const QStringList &values);
/// A collection's <m2m:namedReference id="ID">PATH/ID</m2m:namedReference> entries.
mid::XmlNode namedReferences(const QString &collection, const QString &path,
                             const QStringList &ids);
/// The m2m:id attribute; empty when absent.
QString m2mId(const mid::XmlNode &n);

/// The request's body parsed as `root` in the m2m namespace, valid against the schemas when a
/// validator is given; the error says what is wrong.
Result<mid::XmlNode> readRepresentation(const mid::Request &request, const QString &root,
                                        const mid::XsdValidator *validator);
/// Whether the request's content type is an XML one (see isXmlContentType).
bool isXmlBody(const mid::Request &request);
/// STATUS_BAD_REQUEST with the reason.
mid::Response badRequest(const QString &why);
/// A representation as the answer to the CREATE that made the resource at `location`.
mid::Response created(mid::Response representation, const QString &location);

/// What follows a collection's path in a target: "/ID" or "/ID/SUB...".
struct ItemPath {
    QString id;
    QString sub; ///< empty when the target is the item itself
};
ItemPath itemPath(const QString &rest);

/// The request's representation of `root`, decoded by `decode` (a function of the root element
/// returning a Result); on failure the response to answer: STATUS_UNSUPPORTED_MEDIA_TYPE for a
/// body that is not XML, STATUS_BAD_REQUEST naming what is wrong otherwise.
template<typename Decode>
auto decodeRequest(const mid::Request &request, const QString &root,
                   const mid::XsdValidator *validator, Decode decode)
    -> tl::expected<typename std::invoke_result_t<Decode, const mid::XmlNode &>::value_type,
                    mid::Response> {
    if (!isXmlBody(request)) {
        return tl::unexpected(unsupportedType(request));
    }
    auto doc = readRepresentation(request, root, validator);
    if (!doc) {
        return tl::unexpected(badRequest(doc.error().message));
    }
    auto fields = decode(*doc);
    if (!fields) {
        return tl::unexpected(badRequest(fields.error().message));
    }
    return *fields;
}

/// What every CREATE of a named resource checks: picks a free name when none was given
/// (`prefix`-1, -2, ...), refuses an unusable name, a name in use (STATUS_CONFLICT) and an
/// expirationTime in the past. `taken` says whether a name is in use. Nullopt: go on.
std::optional<mid::Response> checkNewResource(QString &id, const QString &prefix, quint64 &nextName,
                                              const std::function<bool(const QString &)> &taken,
                                              const std::optional<QDateTime> &expirationTime,
                                              const QDateTime &now, const QString &where);
/// What every UPDATE checks: the id given (if any) is the stored one, and an expirationTime
/// given is not in the past. `what` names the resource type ("a group").
std::optional<mid::Response> checkUpdate(const QString &givenId, const QString &storedId,
                                         const std::optional<QDateTime> &expirationTime,
                                         const QDateTime &now, const QString &what);

/// Fails unless the element and its children (with `deep`, all its descendants) are in the
/// m2m namespace. Not deep where the schema has local elements (AnyURIList's <reference>).
Result<void> allInM2mNamespace(const mid::XmlNode &n, bool deep = true);
/// Fails on any attribute of `n` but m2m:id and xsi:*.
Result<void> onlyIdAttribute(const mid::XmlNode &n);
/// What every resource decoder checks first: the root and its children are in the m2m
/// namespace (not deeper) and the root has no attribute but m2m:id. Returns the m2m:id.
Result<QString> checkedRoot(const mid::XmlNode &root);
/// The xs:dateTime an element holds, or an error naming the element.
Result<QDateTime> dateTimeOf(const mid::XmlNode &element);
/// The non-negative xs:long an element holds, or an error naming the element.
Result<qint64> nonNegativeLongOf(const mid::XmlNode &element);

} // namespace m2mbench::nodes::repr
