// SPDX-License-Identifier: Apache-2.0
#pragma once

// The bootstrap parameters the MSBF hands to the device ([profile]): a bootstrapParamSet
// document (TS 102 921 bootstrapParamSet.xsd) carried in a vendor-specific AVP of the final PAR.
// The key itself (securityM2MKey) is never sent: both sides derive Kmr.

#include "core/common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

namespace m2mbench::nodes {

struct BootstrapParams {
    QByteArray nodeId; ///< securityM2MNodeId, 16 octets
    quint32 kmrIndex = 0;
    QDateTime lifetime; ///< securityLifetime, absolute
    QString masFqdn;
    QString sclId;
    QStringList nsclList; ///< sclIdList/reference
};

/// The document, elements in schema order, m2m namespace bound to the prefix "m2m".
QByteArray bootstrapParamSetXml(const BootstrapParams &params);
/// Reads a bootstrapParamSet; errors name what is missing or malformed. A securityM2MKey in
/// the document is refused: a key must never travel this way.
Result<BootstrapParams> parseBootstrapParamSet(const QByteArray &xml);

} // namespace m2mbench::nodes
