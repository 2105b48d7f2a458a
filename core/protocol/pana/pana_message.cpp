// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/pana/pana_message.h"

#include "core/protocol/eap/eap_packet.h"
#include "core/protocol/eap/wire.h"

#include <QStringList>

namespace m2mbench::pana {

std::optional<quint32> Avp::u32() const {
    if (value.size() != 4) {
        return std::nullopt;
    }
    return wire::u32(value, 0);
}

Avp Avp::make(quint16 code, QByteArray value) {
    Avp a;
    a.code = code;
    a.value = std::move(value);
    return a;
}

Avp Avp::u32(quint16 code, quint32 value) {
    return make(code, wire::be32(value));
}

Avp Avp::vendor(quint32 vendorId, quint16 code, QByteArray value) {
    Avp a = make(code, std::move(value));
    a.flags = kAvpFlagVendor;
    a.vendorId = vendorId;
    return a;
}

const Avp *Message::find(quint16 code, quint32 vendorId) const {
    for (const Avp &a : avps) {
        if (a.code == code && (a.isVendor() ? a.vendorId : 0) == vendorId) {
            return &a;
        }
    }
    return nullptr;
}

int Message::count(quint16 code) const {
    int n = 0;
    for (const Avp &a : avps) {
        n += (a.code == code && !a.isVendor()) ? 1 : 0;
    }
    return n;
}

std::optional<quint32> Message::u32(quint16 code) const {
    const Avp *a = find(code);
    return a ? a->u32() : std::nullopt;
}

namespace {

void appendAvp(QByteArray &out, quint16 code, quint16 flags, quint32 vendorId,
               const QByteArray &value) {
    wire::putU16(out, code);
    wire::putU16(out, flags);
    wire::putU16(out, static_cast<quint32>(value.size()));
    wire::putU16(out, 0);
    if ((flags & kAvpFlagVendor) != 0) {
        wire::putU32(out, vendorId);
    }
    out.append(value);
    out.append(QByteArray(wire::pad4(value.size()), '\0'));
}

} // namespace

QByteArray Message::encode(int authLength) const {
    QByteArray out;
    out.reserve(256);
    wire::putU16(out, 0);
    wire::putU16(out, 0); // Message Length, set below
    wire::putU16(out, flags);
    wire::putU16(out, static_cast<quint16>(type));
    wire::putU32(out, sessionId);
    wire::putU32(out, seq);
    for (const Avp &a : avps) {
        appendAvp(out, a.code, a.flags, a.vendorId, a.value);
    }
    if (authLength > 0) {
        appendAvp(out, AvpCode::Auth, 0, 0, QByteArray(authLength, '\0'));
    }
    wire::setU16(out, 2, static_cast<quint32>(out.size()));
    return out;
}

Result<Message> parseMessage(const QByteArray &bytes, const Limits &limits) {
    auto bad = [](const QString &why) {
        return fail(Error::Kind::Parse, QStringLiteral("PANA: ") + why);
    };
    if (bytes.size() > limits.maxMessage) {
        return bad(QStringLiteral("%1 octets exceed the limit of %2")
                       .arg(bytes.size())
                       .arg(limits.maxMessage));
    }
    if (bytes.size() < kHeaderLength) {
        return bad(QStringLiteral("%1 octets, shorter than the 16-octet header (truncated)")
                       .arg(bytes.size()));
    }
    const quint16 length = wire::u16(bytes, 2);
    if (wire::u16(bytes, 0) != 0) {
        return bad(QStringLiteral("the Reserved field is not zero"));
    }
    if (length != bytes.size()) {
        return bad(QStringLiteral("Message Length %1 but the datagram holds %2 octets%3")
                       .arg(length)
                       .arg(bytes.size())
                       .arg(length > bytes.size() ? QStringLiteral(" (truncated)") : QString()));
    }
    Message m;
    m.flags = wire::u16(bytes, 4);
    const quint16 type = wire::u16(bytes, 6);
    if (type < 1 || type > 4) {
        return bad(QStringLiteral("unknown Message Type %1").arg(type));
    }
    m.type = static_cast<MessageType>(type);
    m.sessionId = wire::u32(bytes, 8);
    m.seq = wire::u32(bytes, 12);
    qsizetype at = kHeaderLength;
    while (at < bytes.size()) {
        if (m.avps.size() >= limits.maxAvps) {
            return bad(QStringLiteral("more than %1 AVPs").arg(limits.maxAvps));
        }
        if (bytes.size() - at < 8) {
            return bad(QStringLiteral("AVP header at offset %1 is cut off").arg(at));
        }
        Avp a;
        a.offset = at;
        a.code = wire::u16(bytes, at);
        a.flags = wire::u16(bytes, at + 2);
        const quint16 valueLength = wire::u16(bytes, at + 4);
        qsizetype header = 8;
        if (a.isVendor()) {
            if (bytes.size() - at < 12) {
                return bad(QStringLiteral("vendor AVP header at offset %1 is cut off").arg(at));
            }
            a.vendorId = wire::u32(bytes, at + 8);
            header = 12;
        }
        // RFC 5191 section 6.3: the padding is not counted in AVP Length, but must be present,
        // except that the last AVP's padding may reach the end of the message exactly.
        const qsizetype end = at + header + valueLength;
        if (end > bytes.size()) {
            return bad(QStringLiteral("%1 AVP at offset %2 announces %3 octets beyond the message")
                           .arg(avpName(a.code))
                           .arg(at)
                           .arg(end - bytes.size()));
        }
        a.value = bytes.mid(at + header, valueLength);
        at = std::min(end + wire::pad4(valueLength), bytes.size());
        m.avps.append(a);
    }
    return m;
}

QString messageName(MessageType type, bool request) {
    switch (type) {
    case MessageType::ClientInitiation: return QStringLiteral("PCI");
    case MessageType::Auth: return request ? QStringLiteral("PAR") : QStringLiteral("PAN");
    case MessageType::Termination: return request ? QStringLiteral("PTR") : QStringLiteral("PTA");
    case MessageType::Notification: return request ? QStringLiteral("PNR") : QStringLiteral("PNA");
    }
    return QStringLiteral("Type %1").arg(static_cast<int>(type));
}

QString messageName(const Message &m) {
    return messageName(m.type, m.isRequest());
}

QString avpName(quint16 code) {
    switch (code) {
    case AvpCode::Auth: return QStringLiteral("AUTH");
    case AvpCode::EapPayload: return QStringLiteral("EAP-Payload");
    case AvpCode::IntegrityAlgorithm: return QStringLiteral("Integrity-Algorithm");
    case AvpCode::KeyId: return QStringLiteral("Key-Id");
    case AvpCode::Nonce: return QStringLiteral("Nonce");
    case AvpCode::PrfAlgorithm: return QStringLiteral("PRF-Algorithm");
    case AvpCode::ResultCode: return QStringLiteral("Result-Code");
    case AvpCode::SessionLifetime: return QStringLiteral("Session-Lifetime");
    case AvpCode::TerminationCause: return QStringLiteral("Termination-Cause");
    default: break;
    }
    return QStringLiteral("AVP %1").arg(code);
}

QString summarize(const Message &m) {
    QString flags;
    for (const auto &[bit, letter] :
         {std::pair{Flag::Start, 'S'}, std::pair{Flag::Complete, 'C'}, std::pair{Flag::ReAuth, 'A'},
          std::pair{Flag::Ping, 'P'}, std::pair{Flag::IpReconfig, 'I'}}) {
        if (m.has(bit)) {
            flags += QLatin1Char(letter);
        }
    }
    QString line = messageName(m);
    if (!flags.isEmpty()) {
        line += QStringLiteral("[%1]").arg(flags);
    }
    line += QStringLiteral(" seq=%1").arg(m.seq);
    QStringList parts;
    for (const Avp &a : m.avps) {
        if (a.code == AvpCode::EapPayload && !a.isVendor()) {
            parts << QStringLiteral("EAP ") + eap::summarize(a.value);
        } else if (a.code == AvpCode::ResultCode && !a.isVendor() && a.u32()) {
            parts << QStringLiteral("Result-Code=%1").arg(*a.u32());
        } else if (a.isVendor()) {
            parts << QStringLiteral("vendor %1/%2").arg(a.vendorId).arg(a.code);
        } else {
            parts << avpName(a.code);
        }
    }
    if (!parts.isEmpty()) {
        line += QLatin1Char(' ') + parts.join(QStringLiteral(", "));
    }
    return line;
}

} // namespace m2mbench::pana
