// SPDX-License-Identifier: Apache-2.0
#pragma once

// The PSK identities of the profile (PROFILE.md, service connection and mId security):
//     hex(M2M-Node-ID) ":" key-index        e.g. 00112233445566778899aabbccddeeff:1
// The same form names a Kmr (service connection) and a Kmc (mId session); the port a handshake
// arrives on says which (docs/service-connection.md).

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

namespace m2mbench::tls {

/// RFC 4279 section 5.3: identities of up to 128 octets must be supported. The bench refuses
/// longer ones from a peer rather than reading without bound.
inline constexpr int kMaxPskIdentityLength = 128;
/// RFC 4279 section 5.3: keys of up to 64 octets.
inline constexpr int kMaxPskLength = 64;
inline constexpr int kNodeIdLength = 16;

/// An M2M-Node-ID and a key index, as a PSK identity names them.
struct PskIdentity {
    QByteArray nodeId; ///< 16 octets
    quint32 index = 0;

    /// "00112233445566778899aabbccddeeff:1" (lower-case hex).
    [[nodiscard]] QByteArray toText() const;
    /// Strict: 32 hex digits, ':', a decimal unsignedInt; at most kMaxPskIdentityLength octets.
    /// The error says what is wrong, in words fit for a verdict reason.
    static Result<PskIdentity> parse(const QByteArray &text);

    friend bool operator==(const PskIdentity &, const PskIdentity &) = default;
};

/// The identity as printable text for traces: control and non-ASCII octets escaped, long ones cut.
QString printableIdentity(const QByteArray &identity, int max = 80);

} // namespace m2mbench::tls
