// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/diameter/diameter_message.h"

#include "core/protocol/eap/wire.h"

namespace m2mbench::diameter {

namespace {

/// Seconds between 1900-01-01 (NTP era 0) and 1970-01-01.
constexpr qint64 kNtpOffset = 2208988800LL;

void appendAvp(QByteArray &out, const Avp &a) {
    const qsizetype header = a.isVendor() ? 12 : 8;
    wire::putU32(out, a.code);
    wire::putU8(out, a.flags);
    wire::putU24(out, static_cast<quint32>(header + a.data.size()));
    if (a.isVendor()) {
        wire::putU32(out, a.vendorId);
    }
    out.append(a.data);
    out.append(QByteArray(wire::pad4(a.data.size()), '\0'));
}

} // namespace

std::optional<quint32> Avp::u32() const {
    return data.size() == 4 ? std::optional<quint32>(wire::u32(data, 0)) : std::nullopt;
}

std::optional<quint64> Avp::u64() const {
    if (data.size() != 8) {
        return std::nullopt;
    }
    return (quint64(wire::u32(data, 0)) << 32) | wire::u32(data, 4);
}

QString Avp::text() const {
    return QString::fromUtf8(data);
}

std::optional<QDateTime> Avp::time() const {
    const auto seconds = u32();
    if (!seconds) {
        return std::nullopt;
    }
    return QDateTime::fromSecsSinceEpoch(qint64(*seconds) - kNtpOffset, Qt::UTC);
}

std::optional<QHostAddress> Avp::address() const {
    if (data.size() == 6 && wire::u16(data, 0) == 1) {
        return QHostAddress(wire::u32(data, 2));
    }
    if (data.size() == 18 && wire::u16(data, 0) == 2) {
        return QHostAddress(reinterpret_cast<const quint8 *>(data.constData() + 2));
    }
    return std::nullopt;
}

Result<QList<Avp>> Avp::grouped(int depth) const {
    return parseAvps(data, depth);
}

Avp Avp::octets(quint32 code, QByteArray data, quint32 vendorId) {
    Avp a;
    a.code = code;
    a.data = std::move(data);
    if (vendorId != 0) {
        a.flags |= AvpFlag::Vendor;
        a.vendorId = vendorId;
    }
    return a;
}

Avp Avp::u32(quint32 code, quint32 value, quint32 vendorId) {
    return octets(code, wire::be32(value), vendorId);
}

Avp Avp::u64(quint32 code, quint64 value, quint32 vendorId) {
    return octets(code, wire::be32(quint32(value >> 32)) + wire::be32(quint32(value)), vendorId);
}

Avp Avp::text(quint32 code, const QString &value, quint32 vendorId) {
    return octets(code, value.toUtf8(), vendorId);
}

Avp Avp::time(quint32 code, const QDateTime &value, quint32 vendorId) {
    return u32(code, static_cast<quint32>(value.toSecsSinceEpoch() + kNtpOffset), vendorId);
}

Avp Avp::address(quint32 code, const QHostAddress &value) {
    QByteArray data;
    if (value.protocol() == QAbstractSocket::IPv6Protocol) {
        wire::putU16(data, 2);
        const Q_IPV6ADDR v6 = value.toIPv6Address();
        data.append(reinterpret_cast<const char *>(v6.c), 16);
    } else {
        wire::putU16(data, 1);
        wire::putU32(data, value.toIPv4Address());
    }
    return octets(code, data);
}

Avp Avp::grouped(quint32 code, const QList<Avp> &avps, quint32 vendorId) {
    QByteArray data;
    for (const Avp &a : avps) {
        appendAvp(data, a);
    }
    return octets(code, data, vendorId);
}

const Avp *Message::find(quint32 code, quint32 vendorId) const {
    for (const Avp &a : avps) {
        if (a.code == code && (a.isVendor() ? a.vendorId : 0) == vendorId) {
            return &a;
        }
    }
    return nullptr;
}

std::optional<quint32> Message::u32(quint32 code, quint32 vendorId) const {
    const Avp *a = find(code, vendorId);
    return a ? a->u32() : std::nullopt;
}

QString Message::text(quint32 code, quint32 vendorId) const {
    const Avp *a = find(code, vendorId);
    return a ? a->text() : QString();
}

QByteArray Message::encode() const {
    QByteArray out;
    out.reserve(256);
    wire::putU8(out, 1);
    wire::putU24(out, 0);
    wire::putU8(out, flags);
    wire::putU24(out, command);
    wire::putU32(out, applicationId);
    wire::putU32(out, hopByHop);
    wire::putU32(out, endToEnd);
    for (const Avp &a : avps) {
        appendAvp(out, a);
    }
    wire::setU24(out, 1, static_cast<quint32>(out.size()));
    return out;
}

Message Message::answer() const {
    Message m;
    m.flags = flags & CommandFlag::Proxiable;
    m.command = command;
    m.applicationId = applicationId;
    m.hopByHop = hopByHop;
    m.endToEnd = endToEnd;
    return m;
}

Result<quint32> messageLength(const QByteArray &head, const Limits &limits) {
    if (head.size() < 4) {
        return fail(Error::Kind::Parse, QStringLiteral("Diameter: fewer than 4 octets"));
    }
    if (wire::u8(head, 0) != 1) {
        return fail(
            Error::Kind::Parse,
            QStringLiteral("Diameter: version %1, only version 1 exists").arg(wire::u8(head, 0)));
    }
    const quint32 length = wire::u24(head, 1);
    if (length < kHeaderLength || length % 4 != 0) {
        return fail(
            Error::Kind::Parse,
            QStringLiteral("Diameter: Message Length %1 is not a multiple of 4 of at least 20")
                .arg(length));
    }
    if (length > static_cast<quint64>(limits.maxMessage)) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("Diameter: Message Length %1 exceeds the limit of %2")
                        .arg(length)
                        .arg(limits.maxMessage));
    }
    return length;
}

Result<QList<Avp>> parseAvps(const QByteArray &data, int depth, const Limits &limits) {
    if (depth > limits.maxDepth) {
        return fail(
            Error::Kind::Parse,
            QStringLiteral("Diameter: Grouped AVPs nested deeper than %1").arg(limits.maxDepth));
    }
    QList<Avp> out;
    qsizetype at = 0;
    while (at < data.size()) {
        if (out.size() >= limits.maxAvps) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("Diameter: more than %1 AVPs").arg(limits.maxAvps));
        }
        if (data.size() - at < 8) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("Diameter: AVP header at offset %1 is cut off").arg(at));
        }
        Avp a;
        a.code = wire::u32(data, at);
        a.flags = wire::u8(data, at + 4);
        const quint32 length = wire::u24(data, at + 5);
        const qsizetype header = a.isVendor() ? 12 : 8;
        if (length < header || at + static_cast<qsizetype>(length) > data.size()) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("Diameter: %1 at offset %2 has AVP Length %3")
                            .arg(avpName(a.code))
                            .arg(at)
                            .arg(length));
        }
        if (a.isVendor()) {
            a.vendorId = wire::u32(data, at + 8);
        }
        a.data = data.mid(at + header, length - header);
        out.append(a);
        at += length + wire::pad4(length);
    }
    return out;
}

Result<Message> parseMessage(const QByteArray &bytes, const Limits &limits) {
    auto length = messageLength(bytes, limits);
    if (!length) {
        return fail(length.error());
    }
    if (*length != static_cast<quint64>(bytes.size())) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("Diameter: Message Length %1 but %2 octets given")
                        .arg(*length)
                        .arg(bytes.size()));
    }
    Message m;
    m.flags = wire::u8(bytes, 4);
    m.command = wire::u24(bytes, 5);
    m.applicationId = wire::u32(bytes, 8);
    m.hopByHop = wire::u32(bytes, 12);
    m.endToEnd = wire::u32(bytes, 16);
    auto avps = parseAvps(bytes.mid(kHeaderLength), 0, limits);
    if (!avps) {
        return fail(avps.error());
    }
    m.avps = std::move(*avps);
    return m;
}

QString commandName(quint32 command, bool request) {
    const QChar kind = request ? QLatin1Char('R') : QLatin1Char('A');
    switch (command) {
    case Command::CapabilitiesExchange: return QStringLiteral("CE") + kind;
    case Command::DeviceWatchdog: return QStringLiteral("DW") + kind;
    case Command::DisconnectPeer: return QStringLiteral("DP") + kind;
    default: break;
    }
    return QStringLiteral("Command %1-%2")
        .arg(command)
        .arg(request ? QStringLiteral("Request") : QStringLiteral("Answer"));
}

QString avpName(quint32 code) {
    switch (code) {
    case AvpCode::HostIpAddress: return QStringLiteral("Host-IP-Address");
    case AvpCode::AuthApplicationId: return QStringLiteral("Auth-Application-Id");
    case AvpCode::AcctApplicationId: return QStringLiteral("Acct-Application-Id");
    case AvpCode::VendorSpecificApplicationId:
        return QStringLiteral("Vendor-Specific-Application-Id");
    case AvpCode::SessionId: return QStringLiteral("Session-Id");
    case AvpCode::OriginHost: return QStringLiteral("Origin-Host");
    case AvpCode::SupportedVendorId: return QStringLiteral("Supported-Vendor-Id");
    case AvpCode::VendorId: return QStringLiteral("Vendor-Id");
    case AvpCode::FirmwareRevision: return QStringLiteral("Firmware-Revision");
    case AvpCode::ResultCode: return QStringLiteral("Result-Code");
    case AvpCode::ProductName: return QStringLiteral("Product-Name");
    case AvpCode::DisconnectCause: return QStringLiteral("Disconnect-Cause");
    case AvpCode::AuthSessionState: return QStringLiteral("Auth-Session-State");
    case AvpCode::OriginStateId: return QStringLiteral("Origin-State-Id");
    case AvpCode::FailedAvp: return QStringLiteral("Failed-AVP");
    case AvpCode::ErrorMessage: return QStringLiteral("Error-Message");
    case AvpCode::DestinationRealm: return QStringLiteral("Destination-Realm");
    case AvpCode::DestinationHost: return QStringLiteral("Destination-Host");
    case AvpCode::OriginRealm: return QStringLiteral("Origin-Realm");
    case AvpCode::ExperimentalResult: return QStringLiteral("Experimental-Result");
    case AvpCode::ExperimentalResultCode: return QStringLiteral("Experimental-Result-Code");
    case AvpCode::InbandSecurityId: return QStringLiteral("Inband-Security-Id");
    default: break;
    }
    return QStringLiteral("AVP %1").arg(code);
}

QString resultCodeName(quint32 code) {
    switch (code) {
    case ResultCode::Success: return QStringLiteral("DIAMETER_SUCCESS");
    case ResultCode::CommandUnsupported: return QStringLiteral("DIAMETER_COMMAND_UNSUPPORTED");
    case ResultCode::ApplicationUnsupported:
        return QStringLiteral("DIAMETER_APPLICATION_UNSUPPORTED");
    case ResultCode::InvalidHdrBits: return QStringLiteral("DIAMETER_INVALID_HDR_BITS");
    case ResultCode::UnknownPeer: return QStringLiteral("DIAMETER_UNKNOWN_PEER");
    case ResultCode::AvpUnsupported: return QStringLiteral("DIAMETER_AVP_UNSUPPORTED");
    case ResultCode::InvalidAvpValue: return QStringLiteral("DIAMETER_INVALID_AVP_VALUE");
    case ResultCode::MissingAvp: return QStringLiteral("DIAMETER_MISSING_AVP");
    case ResultCode::NoCommonApplication: return QStringLiteral("DIAMETER_NO_COMMON_APPLICATION");
    case ResultCode::UnableToComply: return QStringLiteral("DIAMETER_UNABLE_TO_COMPLY");
    case ResultCode::InvalidMessageLength: return QStringLiteral("DIAMETER_INVALID_MESSAGE_LENGTH");
    case ResultCode::UserUnknown: return QStringLiteral("DIAMETER_USER_UNKNOWN");
    default: break;
    }
    return QString::number(code);
}

QString summarize(const Message &m) {
    QString line = commandName(m.command, m.isRequest());
    if (m.applicationId != 0) {
        line += QStringLiteral(" app=%1").arg(m.applicationId);
    }
    line += QStringLiteral(" hbh=0x%1").arg(m.hopByHop, 8, 16, QLatin1Char('0'));
    if (const auto rc = m.u32(AvpCode::ResultCode)) {
        line += QLatin1Char(' ') + resultCodeName(*rc);
    }
    const QString origin = m.text(AvpCode::OriginHost);
    if (!origin.isEmpty()) {
        line += QStringLiteral(" from ") + origin.left(80);
    }
    return line;
}

} // namespace m2mbench::diameter
