// SPDX-License-Identifier: Apache-2.0
#pragma once

// The wire profile of the M2M Service Connection ([profile], docs/service-connection.md):
//   1. the D/G node opens TLS 1.2 PSK on the NSCL's connection port, PSK = Kmr, identity
//      hex(M2M-Node-ID) ":" Kmr-index; the NSCL looks Kmr up (MAS) and accepts or refuses;
//   2. the NSCL picks the Kmc index, connection id and lifetime and derives Kmc from Kmr and the
//      handshake's randoms; inside the session the node asks
//          GET <sclBase>/connectionParamSet[?lifetime=SECONDS]
//      and gets a <connectionParamSet> whose securityM2MKey is a key confirmation, never the key;
//   3. the node derives Kmc the same way and checks the confirmation; mId then runs over
//      HTTP/TLS-PSK or CoAP/DTLS-PSK with PSK = Kmc, identity hex(M2M-Node-ID) ":" Kmc-index.

#include "core/common/result.h"
#include "core/common/secure_bytes.h"
#include "core/crypto/profile.h"

#include <QByteArray>
#include <QString>

namespace m2mbench::tls {

/// The resource the node reads inside the service connection, below <sclBase>.
inline constexpr char kConnectionParamSetPath[] = "/connectionParamSet";
/// Query parameter with which a node may ask for a shorter Kmc lifetime (seconds).
inline constexpr char kLifetimeQuery[] = "lifetime";

/// The key confirmation carried in securityM2MKey, with the profile's label
/// (serviceConnection.kmcConfirmLabel, by default "ETSI-M2M-Kmc-confirm"):
///   HMAC-SHA-256(Kmc, ASCII(label) || 0x00 || uint64_be(connection id))
/// proof that the NSCL holds the same Kmc, 32 octets like the key it stands for. Both ends must
/// pass their active profile, so that a lab's label reaches the NSCL and the node alike.
Result<SecureBytes> kmcConfirmation(const crypto::Profile &profile, const SecureBytes &kmc,
                                    quint64 connectionId);

/// The same with the built-in default profile's label. Only for callers that have no profile
/// at hand: a lab profile's kmcConfirmLabel does not apply here.
Result<SecureBytes> kmcConfirmation(const SecureBytes &kmc, quint64 connectionId);

} // namespace m2mbench::tls
