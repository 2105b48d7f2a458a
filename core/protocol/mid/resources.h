// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/protocol/mid/primitive.h"
#include "core/protocol/mid/xml.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

namespace m2mbench::mid {

/// <scl>: an SCL registered with another SCL (scl.xsd). Subresource references are written
/// only for the collections the serving node implements.
struct Scl {
    QString sclId;
    QStringList pocs;
    QString remTriggerAddr;
    QString onlineStatus; ///< ONLINE, OFFLINE, NOT_REACHABLE; empty when absent
    std::optional<bool> serverCapability;
    QString link;
    QStringList schedule;
    QDateTime expirationTime;
    QString accessRightID;
    std::optional<QStringList> searchStrings;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    QString mgmtProtocolType;
    QList<QPair<QString, QString>> references; ///< (element name, URI), in schema order
};

/// <sclBase>: the root of an SCL's resource tree.
struct SclBase {
    QString accessRightID;
    QStringList searchStrings;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    QList<QPair<QString, QString>> references;
};

/// A named reference inside a collection: <namedReference id="x">uri</namedReference>.
struct NamedReference {
    QString id;
    QString uri;
};

/// <scls>: the collection of registered SCLs.
struct Scls {
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    QList<NamedReference> scls;
    QList<QPair<QString, QString>> references;
};

/// <errorInfo>.
struct ErrorInfo {
    std::optional<StatusCode> statusCode;
    QString additionalInfo;
};

/// xs:dateTime text in UTC with milliseconds, as the reference nodes write it.
QString formatDateTime(const QDateTime &t);
/// Parses xs:dateTime (with zone designator or without, then taken as UTC).
std::optional<QDateTime> parseDateTime(const QString &text);

QByteArray encodeScl(const Scl &scl);
QByteArray encodeSclBase(const SclBase &base);
QByteArray encodeScls(const Scls &scls);
QByteArray encodeErrorInfo(const ErrorInfo &info);

/// Decoding is strict: the root must be the expected element in the m2m namespace, children must
/// be known elements of the type, and values must have the schema's types. The error says which
/// element or attribute is wrong; a node answers it with STATUS_BAD_REQUEST.
Result<Scl> decodeScl(const XmlNode &root);
Result<ErrorInfo> decodeErrorInfo(const XmlNode &root);

} // namespace m2mbench::mid
