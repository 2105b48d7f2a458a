// SPDX-License-Identifier: Apache-2.0
#pragma once

// Diameter base protocol messages (RFC 6733 sections 3 and 4): the 20-octet header, AVPs with
// their V/M/P flags, 24-bit lengths and 4-octet padding, grouped AVPs and the basic data types.
// A pure codec with bounds on size, count and nesting.

#include "core/common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>

namespace m2mbench::diameter {

namespace CommandFlag {
inline constexpr quint8 Request = 0x80;
inline constexpr quint8 Proxiable = 0x40;
inline constexpr quint8 Error = 0x20;
inline constexpr quint8 Retransmit = 0x10;
} // namespace CommandFlag

namespace AvpFlag {
inline constexpr quint8 Vendor = 0x80;
inline constexpr quint8 Mandatory = 0x40;
inline constexpr quint8 Protected = 0x20;
} // namespace AvpFlag

namespace Command {
inline constexpr quint32 CapabilitiesExchange = 257;
inline constexpr quint32 DeviceWatchdog = 280;
inline constexpr quint32 DisconnectPeer = 282;
} // namespace Command

namespace AvpCode {
inline constexpr quint32 HostIpAddress = 257;
inline constexpr quint32 AuthApplicationId = 258;
inline constexpr quint32 AcctApplicationId = 259;
inline constexpr quint32 VendorSpecificApplicationId = 260;
inline constexpr quint32 SessionId = 263;
inline constexpr quint32 OriginHost = 264;
inline constexpr quint32 SupportedVendorId = 265;
inline constexpr quint32 VendorId = 266;
inline constexpr quint32 FirmwareRevision = 267;
inline constexpr quint32 ResultCode = 268;
inline constexpr quint32 ProductName = 269;
inline constexpr quint32 DisconnectCause = 273;
inline constexpr quint32 AuthSessionState = 277;
inline constexpr quint32 OriginStateId = 278;
inline constexpr quint32 FailedAvp = 279;
inline constexpr quint32 ErrorMessage = 281;
inline constexpr quint32 DestinationRealm = 283;
inline constexpr quint32 DestinationHost = 293;
inline constexpr quint32 OriginRealm = 296;
inline constexpr quint32 ExperimentalResult = 297;
inline constexpr quint32 ExperimentalResultCode = 298;
inline constexpr quint32 InbandSecurityId = 299;
} // namespace AvpCode

namespace ResultCode {
inline constexpr quint32 Success = 2001;
inline constexpr quint32 CommandUnsupported = 3001;
inline constexpr quint32 ApplicationUnsupported = 3007;
inline constexpr quint32 InvalidHdrBits = 3008;
inline constexpr quint32 UnknownPeer = 3010;
inline constexpr quint32 AvpUnsupported = 5001;
inline constexpr quint32 InvalidAvpValue = 5004;
inline constexpr quint32 MissingAvp = 5005;
inline constexpr quint32 NoCommonApplication = 5010;
inline constexpr quint32 UnableToComply = 5012;
inline constexpr quint32 InvalidMessageLength = 5015;
/// Unknown user (here: unknown M2M-Node-ID or key index), as RFC 4006 numbers it.
inline constexpr quint32 UserUnknown = 5030;
} // namespace ResultCode

inline constexpr quint32 kRelayApplicationId = 0xffffffff;
inline constexpr int kHeaderLength = 20;
inline constexpr quint16 kDefaultPort = 3868;

struct Avp {
    quint32 code = 0;
    quint8 flags = AvpFlag::Mandatory;
    quint32 vendorId = 0;
    QByteArray data;

    [[nodiscard]] bool isVendor() const { return (flags & AvpFlag::Vendor) != 0; }
    [[nodiscard]] std::optional<quint32> u32() const;
    [[nodiscard]] std::optional<quint64> u64() const;
    [[nodiscard]] QString text() const;
    /// Time (RFC 6733 section 4.3.1: seconds since 1900-01-01 UTC, 32 bits).
    [[nodiscard]] std::optional<QDateTime> time() const;
    [[nodiscard]] std::optional<QHostAddress> address() const;
    /// The AVPs inside a Grouped AVP.
    [[nodiscard]] Result<QList<Avp>> grouped(int depth = 1) const;

    static Avp octets(quint32 code, QByteArray data, quint32 vendorId = 0);
    static Avp u32(quint32 code, quint32 value, quint32 vendorId = 0);
    static Avp u64(quint32 code, quint64 value, quint32 vendorId = 0);
    static Avp text(quint32 code, const QString &value, quint32 vendorId = 0);
    static Avp time(quint32 code, const QDateTime &value, quint32 vendorId = 0);
    static Avp address(quint32 code, const QHostAddress &value);
    static Avp grouped(quint32 code, const QList<Avp> &avps, quint32 vendorId = 0);
};

struct Message {
    quint8 flags = CommandFlag::Request;
    quint32 command = 0;
    quint32 applicationId = 0;
    quint32 hopByHop = 0;
    quint32 endToEnd = 0;
    QList<Avp> avps;

    [[nodiscard]] bool isRequest() const { return (flags & CommandFlag::Request) != 0; }
    [[nodiscard]] const Avp *find(quint32 code, quint32 vendorId = 0) const;
    [[nodiscard]] std::optional<quint32> u32(quint32 code, quint32 vendorId = 0) const;
    [[nodiscard]] QString text(quint32 code, quint32 vendorId = 0) const;

    [[nodiscard]] QByteArray encode() const;
    /// An answer skeleton: same command, application, hop-by-hop and end-to-end ids, R cleared.
    [[nodiscard]] Message answer() const;
};

struct Limits {
    qsizetype maxMessage = 64 * 1024;
    int maxAvps = 256;
    int maxDepth = 4;
};

/// The Message Length from the first four octets (version 1 required), for stream framing.
Result<quint32> messageLength(const QByteArray &head, const Limits &limits = {});
Result<Message> parseMessage(const QByteArray &bytes, const Limits &limits = {});
/// The AVPs in `data` (a message body or a Grouped AVP's data).
Result<QList<Avp>> parseAvps(const QByteArray &data, int depth, const Limits &limits = {});

QString commandName(quint32 command, bool request);
QString avpName(quint32 code);
QString resultCodeName(quint32 code);
/// "CER hbh=1 Origin-Host=mas.example" style line for traces.
QString summarize(const Message &m);

} // namespace m2mbench::diameter
