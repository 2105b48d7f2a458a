// SPDX-License-Identifier: Apache-2.0
#pragma once

// The PANA message (RFC 5191 section 6): a 16-octet header (Reserved, Message Length, Flags,
// Message Type, Session Identifier, Sequence Number) and AVPs (section 6.3: Code, Flags, Length of
// the value only, Reserved, an optional Vendor-Id, the value padded to four octets). A pure codec
// with hard bounds; the parser never asserts on what a peer sent.

#include "core/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace m2mbench::pana {

enum class MessageType : quint16 {
    ClientInitiation = 1, ///< PCI
    Auth = 2,             ///< PAR / PAN
    Termination = 3,      ///< PTR / PTA
    Notification = 4,     ///< PNR / PNA
};

namespace Flag {
inline constexpr quint16 Request = 0x8000;    ///< R
inline constexpr quint16 Start = 0x4000;      ///< S
inline constexpr quint16 Complete = 0x2000;   ///< C
inline constexpr quint16 ReAuth = 0x1000;     ///< A
inline constexpr quint16 Ping = 0x0800;       ///< P
inline constexpr quint16 IpReconfig = 0x0400; ///< I
inline constexpr quint16 Reserved = 0x03ff;
} // namespace Flag

/// AVP codes of RFC 5191 section 8.
namespace AvpCode {
inline constexpr quint16 Auth = 1;
inline constexpr quint16 EapPayload = 2;
inline constexpr quint16 IntegrityAlgorithm = 3;
inline constexpr quint16 KeyId = 4;
inline constexpr quint16 Nonce = 5;
inline constexpr quint16 PrfAlgorithm = 6;
inline constexpr quint16 ResultCode = 7;
inline constexpr quint16 SessionLifetime = 8;
inline constexpr quint16 TerminationCause = 9;
} // namespace AvpCode

inline constexpr quint16 kAvpFlagVendor = 0x8000;

/// Result-Code values (RFC 5191 section 8.7).
namespace ResultCode {
inline constexpr quint32 Success = 0;
inline constexpr quint32 AuthenticationRejected = 1;
inline constexpr quint32 AuthorizationRejected = 2;
} // namespace ResultCode

/// Termination-Cause values (RFC 5191 section 8.9, from Diameter).
namespace TerminationCause {
inline constexpr quint32 Logout = 1;
inline constexpr quint32 Administrative = 4;
inline constexpr quint32 SessionTimeout = 8;
} // namespace TerminationCause

inline constexpr int kHeaderLength = 16;
inline constexpr quint16 kDefaultPort = 716;

struct Avp {
    quint16 code = 0;
    quint16 flags = 0;
    quint32 vendorId = 0; ///< meaningful when flags has kAvpFlagVendor
    QByteArray value;
    qsizetype offset = -1; ///< where the AVP starts in the parsed message, -1 when built

    [[nodiscard]] bool isVendor() const { return (flags & kAvpFlagVendor) != 0; }
    /// The value as Unsigned32, when it is four octets.
    [[nodiscard]] std::optional<quint32> u32() const;

    static Avp make(quint16 code, QByteArray value);
    static Avp u32(quint16 code, quint32 value);
    static Avp vendor(quint32 vendorId, quint16 code, QByteArray value);
};

struct Message {
    quint16 flags = 0;
    MessageType type = MessageType::Auth;
    quint32 sessionId = 0;
    quint32 seq = 0;
    QList<Avp> avps;

    [[nodiscard]] bool isRequest() const { return (flags & Flag::Request) != 0; }
    [[nodiscard]] bool has(quint16 flag) const { return (flags & flag) != 0; }
    /// The first AVP with this code (and vendor), or nullptr.
    [[nodiscard]] const Avp *find(quint16 code, quint32 vendorId = 0) const;
    [[nodiscard]] int count(quint16 code) const;
    [[nodiscard]] std::optional<quint32> u32(quint16 code) const;

    /// The message on the wire. When `authLength` > 0 an AUTH AVP of that many zero octets is
    /// appended last, ready for signing (pana_keys.h).
    [[nodiscard]] QByteArray encode(int authLength = 0) const;
};

/// Bounds on what a peer may make the parser hold.
struct Limits {
    qsizetype maxMessage = 8192; ///< a PANA datagram; EAP fragments keep real ones near the MTU
    int maxAvps = 64;
};

/// Parses one UDP payload as a PANA message. Errors name the field and the offset.
Result<Message> parseMessage(const QByteArray &bytes, const Limits &limits = {});

/// "PCI", "PAR", "PAN", "PTR", "PTA", "PNR", "PNA" (or "Type 9-Request").
QString messageName(MessageType type, bool request);
QString messageName(const Message &m);
QString avpName(quint16 code);
/// One line for traces: "PAR[S] seq=1234 sid=0x1 PRF-Algorithm Integrity-Algorithm".
QString summarize(const Message &m);

/// A key that pairs a request with its answer in a trace: PANA answers carry the request's type
/// and sequence number, so an answer finds its request under the same key with the opposite
/// `sentByUs`.
inline quint64 exchangeKey(const Message &m, bool sentByUs) {
    return (quint64(static_cast<quint16>(m.type)) << 40) | (quint64(sentByUs ? 1 : 0) << 32) |
           m.seq;
}

} // namespace m2mbench::pana
