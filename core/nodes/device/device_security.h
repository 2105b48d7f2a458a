// SPDX-License-Identifier: Apache-2.0
#pragma once

// What a D/G node holds for the service connection and the secured mId bindings: its root key
// Kmr (bootstrapped or pre-provisioned), the Kmc of its current service connection, and which
// binding its requests use.

#include "core/common/secure_bytes.h"
#include "core/protocol/tls/psk_identity.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace m2mbench::nodes {

/// The bindings of mId the emulated node speaks.
enum class MidBinding {
    Http,     ///< plain HTTP
    HttpsPsk, ///< HTTP over TLS-PSK, PSK = Kmc
    Coap,     ///< plain CoAP
    Coaps,    ///< CoAP over DTLS-PSK, PSK = Kmc
};

/// "http", "https-psk", "coap", "coaps" (the values of PIXIT PX_MID_BINDING).
QString bindingName(MidBinding binding);
std::optional<MidBinding> bindingFromName(const QString &name);
inline bool isSecured(MidBinding b) {
    return b == MidBinding::HttpsPsk || b == MidBinding::Coaps;
}

/// The Kmc of one service connection, as the node recorded it.
struct ConnectionState {
    QByteArray nodeId;
    quint64 connectionId = 0;
    quint32 kmcIndex = 0;
    QDateTime expiry; ///< invalid: no lifetime (a Kmc given by hand)
    SecureBytes kmc;
    QString kmcRecordId; ///< its derivation record (Kmr -> Kmc)
    QString sclId;
    quint16 midFlags = 0;
    QString cipher; ///< of the service connection's TLS session

    /// hex(M2M-Node-ID) ":" Kmc-index.
    [[nodiscard]] QByteArray identity() const {
        return tls::PskIdentity{nodeId, kmcIndex}.toText();
    }
    /// Expired, or expiring within `marginMs` (the node reconnects before using it).
    [[nodiscard]] bool expiredAt(const QDateTime &now, qint64 marginMs = 0) const {
        return expiry.isValid() && now.addMSecs(marginMs) >= expiry;
    }
};

/// The node's keys.
struct DeviceKeys {
    QByteArray nodeId; ///< 16 octets
    quint32 kmrIndex = 0;
    SecureBytes kmr;
    QString kmrOrigin = QStringLiteral("pre-provisioned");
    QString sclId;
    /// A Kmc given by hand (`connect --kmc`): used until it expires, no service connection.
    std::optional<ConnectionState> givenKmc;

    [[nodiscard]] bool hasKmr() const { return !kmr.isEmpty() && nodeId.size() == 16; }
    [[nodiscard]] QByteArray kmrIdentity() const {
        return tls::PskIdentity{nodeId, kmrIndex}.toText();
    }
};

} // namespace m2mbench::nodes
