// SPDX-License-Identifier: Apache-2.0
#pragma once

// The bench's Diameter application between MSBF, MAS and NSCL ([profile], docs/bootstrap.md):
//   Key-Provision-Request/Answer  (MSBF -> MAS): store Kmr for an M2M-Node-ID and key index
//   Key-Retrieval-Request/Answer  (NSCL -> MAS): fetch it back
// Application id, vendor id, command codes and AVP codes come from the profile.

#include "core/common/secure_bytes.h"
#include "core/crypto/profile_bootstrap.h"
#include "core/protocol/diameter/diameter_describe.h"
#include "core/protocol/diameter/diameter_message.h"

#include <QDateTime>

namespace m2mbench::diameter {

/// One key the MAS holds.
struct KeyRecord {
    QByteArray nodeId; ///< 16 octets
    quint32 keyIndex = 0;
    SecureBytes key;  ///< Kmr, 32 octets
    QDateTime expiry; ///< absolute, UTC
    QString sclId;
};

/// Who sends: Origin-Host and Origin-Realm, and the Destination-Realm of requests.
struct Addressing {
    QString originHost;
    QString originRealm;
    QString destinationRealm;
};

/// Key-Provision-Request carrying `record` (M2M-Key included).
Message keyProvisionRequest(const crypto::BootstrapProfile &profile, const Addressing &from,
                            const QString &sessionId, const KeyRecord &record);
/// Key-Retrieval-Request for a node's key `keyIndex` (0: the newest).
Message keyRetrievalRequest(const crypto::BootstrapProfile &profile, const Addressing &from,
                            const QString &sessionId, const QByteArray &nodeId, quint32 keyIndex);

/// The key record in a request or answer; the error names the missing or malformed AVP.
/// `needKey` false for a retrieval request, which carries no key.
Result<KeyRecord> keyRecordFrom(const crypto::BootstrapProfile &profile, const Message &message,
                                bool needKey);
/// The M2M AVPs of a record for an answer or request.
QList<Avp> keyRecordAvps(const crypto::BootstrapProfile &profile, const KeyRecord &record,
                         bool withKey);

/// Names of the application's AVPs and which of them are secret, for decoded trees.
AvpNames m2mAvpNames(const crypto::BootstrapProfile &profile);
QList<quint64> m2mSecretAvps(const crypto::BootstrapProfile &profile);
/// "Key-Provision-Request", ... or the base protocol's names.
QString m2mCommandName(const crypto::BootstrapProfile &profile, const Message &message);
/// One line for traces: "Key-Retrieval-Answer DIAMETER_SUCCESS node=0011.. index=1".
QString m2mSummary(const crypto::BootstrapProfile &profile, const Message &message);

} // namespace m2mbench::diameter
