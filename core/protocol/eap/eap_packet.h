// SPDX-License-Identifier: Apache-2.0
#pragma once

// The EAP packet (RFC 3748 section 4): Code, Identifier, Length, and for Requests and Responses a
// Type with its data. A pure codec: no state, every malformed input an error naming the problem.

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace m2mbench::eap {

enum class Code : quint8 { Request = 1, Response = 2, Success = 3, Failure = 4 };

/// EAP method types the bench knows by name (RFC 3748 section 5, IANA "EAP Method Types").
namespace Type {
inline constexpr quint8 Identity = 1;
inline constexpr quint8 Notification = 2;
inline constexpr quint8 Nak = 3;
inline constexpr quint8 Md5Challenge = 4;
inline constexpr quint8 Tls = 13;
inline constexpr quint8 Expanded = 254;
} // namespace Type

inline constexpr int kHeaderLength = 4;
/// The Length field is 16 bits, so no EAP packet can be longer.
inline constexpr int kMaxPacketLength = 65535;

/// One EAP packet. `type` is present exactly for Requests and Responses.
struct Packet {
    Code code = Code::Request;
    quint8 identifier = 0;
    std::optional<quint8> type;
    QByteArray typeData;

    [[nodiscard]] bool isRequest() const { return code == Code::Request; }
    [[nodiscard]] bool isResponse() const { return code == Code::Response; }

    /// The packet on the wire; the caller keeps typeData small enough (at most 65530 octets).
    [[nodiscard]] QByteArray encode() const;

    static Packet request(quint8 identifier, quint8 type, QByteArray data = {});
    static Packet response(quint8 identifier, quint8 type, QByteArray data = {});
    static Packet success(quint8 identifier);
    static Packet failure(quint8 identifier);
};

/// Parses one EAP packet. Octets after Length are lower-layer padding and ignored (RFC 3748
/// section 4.1); a Length beyond the buffer, below the header, an unknown Code, or a Request or
/// Response without a Type is an error.
Result<Packet> parsePacket(const QByteArray &bytes);

QString codeName(Code code);
/// "Identity", "TLS", ... or "Type 42".
QString typeName(quint8 type);

/// One line for traces: "Request/Identity id=1", "Response/TLS id=4 [L,M] 1024 octets",
/// "Success id=9". Cheap: looks only at the header and, for TLS, the flags octet.
QString summarize(const Packet &packet);
/// The same from raw bytes; malformed bytes give "malformed EAP: <why>".
QString summarize(const QByteArray &bytes);

} // namespace m2mbench::eap
