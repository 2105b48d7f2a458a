// SPDX-License-Identifier: Apache-2.0
#pragma once

// The "bootstrap" section of the profile: every [profile] value of the M2M Service Bootstrap
// (identities, the PANA vendor AVPs that carry the bootstrap parameters, the algorithms the PAA
// offers, PANA timers, EAP-TLS framing, and the Diameter application between MSBF, MAS and NSCL).
// Plain data: the protocol code reads it, docs/bootstrap.md documents it.

#include "core/common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace m2mbench::crypto {

/// One retransmission schedule of RFC 5191 section 9 (RFC 3315 algorithm).
struct RetransmissionProfile {
    qint64 irtMs = 1000;
    qint64 mrtMs = 30000;
    int mrc = 10;
    qint64 mrdMs = 0;
};

struct BootstrapProfile {
    // identities
    QString spId = QStringLiteral("sp.m2mbench.example");
    QString realm = QStringLiteral("m2mbench.example");
    QString msbfFqdn = QStringLiteral("msbf.m2mbench.example");
    QString masFqdn = QStringLiteral("mas.m2mbench.example");
    /// subjectAltName URI prefix before hex(M2M-Node-ID) in device certificates.
    QString nodeIdUriPrefix = QStringLiteral("urn:m2mbench:node-id:");
    /// A device's EAP identity; {node-id} is hex(M2M-Node-ID), {realm} the realm above.
    QString identityPattern = QStringLiteral("{node-id}@{realm}");
    /// The SCL-ID the MSBF assigns; {node-id} as above.
    QString sclIdPattern = QStringLiteral("gscl-{node-id}");
    /// NSCL identifiers sent as the next point of contact (sclIdList).
    QStringList nsclList{QStringLiteral("nscl.m2mbench.example")};

    // PANA
    quint32 vendorId = 13019; ///< ETSI's IANA enterprise number
    quint32 bootstrapParamAvp = 1001;
    quint32 kmrSourceAvp = 1002;
    QList<quint32> prfAlgorithms{2, 5};
    QList<quint32> integrityAlgorithms{7, 12};
    int nonceLength = 20;
    quint32 sessionLifetimeSeconds = 3600;
    RetransmissionProfile pciTimer{1000, 120000, 0, 0};
    RetransmissionProfile requestTimer{1000, 30000, 10, 0};
    int maxMessage = 8192;
    int eapTlsFragmentSize = 1024;
    int eapTlsMaxMessage = 65536;

    // MAS (Diameter)
    quint32 masApplicationId = 0x4d324d00; ///< "M2M\0"
    quint32 masVendorId = 13019;
    quint32 keyProvisionCommand = 8388900;
    quint32 keyRetrievalCommand = 8388901;
    quint32 nodeIdAvp = 6001;
    quint32 keyIndexAvp = 6002;
    quint32 keyAvp = 6003;
    quint32 keyLifetimeAvp = 6004;
    quint32 sclIdAvp = 6005;
    int watchdogSeconds = 30;
};

/// Lays the JSON object of the "bootstrap" section over `profile`; unknown keys, wrong types and
/// values out of range are errors naming `source` and the JSON path.
Result<void> parseBootstrapSection(const QJsonObject &object, const QString &source,
                                   BootstrapProfile &profile);
/// The section in the file format (every value).
QJsonObject bootstrapToJson(const BootstrapProfile &profile);

/// The identity of a device with that M2M-Node-ID under `profile`.
QString deviceIdentity(const BootstrapProfile &profile, const QByteArray &nodeId);
/// The SCL-ID the MSBF assigns to that node.
QString sclIdFor(const BootstrapProfile &profile, const QByteArray &nodeId);

} // namespace m2mbench::crypto
