// SPDX-License-Identifier: Apache-2.0
#pragma once

// The service connection's parameter set (connectionParamSet.xsd) and the application resource
// (application.xsd, applications.xsd), which the service connection and Kma derivation need.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"
#include "core/protocol/mid/resources.h"

namespace m2mbench::mid {

/// <connectionParamSet>: what one service connection agreed. The key is Kmc in each side's own
/// record; on the wire the bench's profile puts a key confirmation there, never the key
/// (docs/service-connection.md).
struct ConnectionParamSet {
    quint64 connectionId = 0;
    quint32 kmcIndex = 0;
    QDateTime lifetime; ///< absolute expiry of Kmc
    SecureBytes key;    ///< 32 octets
    QString sclId;
    quint16 midFlags = 0; ///< securitymIdFlags, 2 octets
};

/// The mId bindings a Kmc may protect, as securitymIdFlags bits ([profile]).
inline constexpr quint16 kMidFlagHttpTlsPsk = 0x0001;
inline constexpr quint16 kMidFlagCoapDtlsPsk = 0x0002;

/// Writes the document; the key as hex when `exposeKey`, else as 32 zero octets (a record that
/// still validates and shows no key).
QByteArray encodeConnectionParamSet(const ConnectionParamSet &set, bool exposeKey);
/// Strict decoding; the error names the element.
Result<ConnectionParamSet> decodeConnectionParamSet(const XmlNode &root);

/// <application>: an application registered with an SCL.
struct Application {
    QString appId;
    QDateTime expirationTime;
    QString accessRightID;
    std::optional<QStringList> searchStrings;
    QDateTime creationTime;
    QDateTime lastModifiedTime;
    QString aPoC;
    QList<QPair<QString, QString>> references;
};

QByteArray encodeApplication(const Application &application);
Result<Application> decodeApplication(const XmlNode &root);
/// <applications> with its applicationCollection.
QByteArray encodeApplications(const QDateTime &created, const QDateTime &modified,
                              const QList<NamedReference> &applications);

} // namespace m2mbench::mid
