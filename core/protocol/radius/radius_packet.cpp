// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/radius/radius_packet.h"

#include "core/protocol/eap/eap_packet.h"
#include "core/protocol/eap/wire.h"

#include <QStringList>

namespace m2mbench::radius {

namespace {

constexpr qsizetype kMaxAttributeValue = 253;

} // namespace

std::optional<quint32> Attribute::vendorId() const {
    if (type != Attr::VendorSpecific || value.size() < 4) {
        return std::nullopt;
    }
    return wire::u32(value, 0);
}

std::optional<quint8> Attribute::vendorType() const {
    if (type != Attr::VendorSpecific || value.size() < 6) {
        return std::nullopt;
    }
    return wire::u8(value, 4);
}

QByteArray Attribute::vendorValue() const {
    if (type != Attr::VendorSpecific || value.size() < 6) {
        return {};
    }
    const int length = wire::u8(value, 5);
    if (length < 2 || 4 + length > value.size()) {
        return {};
    }
    return value.mid(6, length - 2);
}

Attribute Attribute::vendor(quint32 vendorId, quint8 vendorType, const QByteArray &value) {
    Attribute a;
    a.type = Attr::VendorSpecific;
    wire::putU32(a.value, vendorId);
    wire::putU8(a.value, vendorType);
    wire::putU8(a.value, static_cast<quint32>(value.size() + 2));
    a.value.append(value);
    return a;
}

const Attribute *Packet::find(quint8 type) const {
    for (const Attribute &a : attributes) {
        if (a.type == type) {
            return &a;
        }
    }
    return nullptr;
}

const Attribute *Packet::findVendor(quint32 vendorId, quint8 vendorType) const {
    for (const Attribute &a : attributes) {
        if (a.vendorId() == vendorId && a.vendorType() == vendorType) {
            return &a;
        }
    }
    return nullptr;
}

QByteArray Packet::eapMessage() const {
    QByteArray out;
    for (const Attribute &a : attributes) {
        if (a.type == Attr::EapMessage) {
            out.append(a.value);
        }
    }
    return out;
}

void Packet::addEapMessage(const QByteArray &eap) {
    for (qsizetype at = 0; at < eap.size(); at += kMaxAttributeValue) {
        add(Attr::EapMessage, eap.mid(at, kMaxAttributeValue));
    }
}

void Packet::add(quint8 type, const QByteArray &value) {
    Attribute a;
    a.type = type;
    a.value = value.left(kMaxAttributeValue);
    attributes.append(a);
}

QByteArray Packet::encode() const {
    QByteArray out;
    out.reserve(kHeaderLength + 256);
    wire::putU8(out, static_cast<quint8>(code));
    wire::putU8(out, identifier);
    wire::putU16(out, 0);
    out.append(authenticator.leftJustified(kAuthenticatorLength, '\0', true));
    for (const Attribute &a : attributes) {
        wire::putU8(out, a.type);
        wire::putU8(out, static_cast<quint32>(a.value.size() + 2));
        out.append(a.value);
    }
    wire::setU16(out, 2, static_cast<quint32>(out.size()));
    return out;
}

Result<Packet> parsePacket(const QByteArray &bytes) {
    auto bad = [](const QString &why) {
        return fail(Error::Kind::Parse, QStringLiteral("RADIUS: ") + why);
    };
    if (bytes.size() < kHeaderLength) {
        return bad(QStringLiteral("%1 octets, shorter than the 20-octet header (truncated)")
                       .arg(bytes.size()));
    }
    const quint16 length = wire::u16(bytes, 2);
    if (length < kHeaderLength || length > kMaxPacketLength) {
        return bad(QStringLiteral("Length %1 outside 20..4096").arg(length));
    }
    if (length > bytes.size()) {
        return bad(QStringLiteral("Length %1 but only %2 octets received (truncated)")
                       .arg(length)
                       .arg(bytes.size()));
    }
    Packet p;
    p.code = static_cast<Code>(wire::u8(bytes, 0));
    p.identifier = wire::u8(bytes, 1);
    p.authenticator = bytes.mid(4, kAuthenticatorLength);
    qsizetype at = kHeaderLength;
    while (at < length) {
        if (length - at < 2) {
            return bad(QStringLiteral("attribute header at offset %1 is cut off").arg(at));
        }
        const int attrLength = wire::u8(bytes, at + 1);
        if (attrLength < 2 || at + attrLength > length) {
            return bad(QStringLiteral("%1 at offset %2 has Length %3")
                           .arg(attributeName(wire::u8(bytes, at)))
                           .arg(at)
                           .arg(attrLength));
        }
        Attribute a;
        a.type = wire::u8(bytes, at);
        a.value = bytes.mid(at + 2, attrLength - 2);
        a.offset = at;
        p.attributes.append(a);
        at += attrLength;
    }
    return p;
}

QString codeName(Code code) {
    switch (code) {
    case Code::AccessRequest: return QStringLiteral("Access-Request");
    case Code::AccessAccept: return QStringLiteral("Access-Accept");
    case Code::AccessReject: return QStringLiteral("Access-Reject");
    case Code::AccountingRequest: return QStringLiteral("Accounting-Request");
    case Code::AccountingResponse: return QStringLiteral("Accounting-Response");
    case Code::AccessChallenge: return QStringLiteral("Access-Challenge");
    case Code::StatusServer: return QStringLiteral("Status-Server");
    }
    return QStringLiteral("Code %1").arg(static_cast<int>(code));
}

QString attributeName(quint8 type) {
    switch (type) {
    case Attr::UserName: return QStringLiteral("User-Name");
    case Attr::NasIpAddress: return QStringLiteral("NAS-IP-Address");
    case Attr::NasPort: return QStringLiteral("NAS-Port");
    case Attr::ServiceType: return QStringLiteral("Service-Type");
    case Attr::FramedMtu: return QStringLiteral("Framed-MTU");
    case Attr::ReplyMessage: return QStringLiteral("Reply-Message");
    case Attr::State: return QStringLiteral("State");
    case Attr::Class: return QStringLiteral("Class");
    case Attr::VendorSpecific: return QStringLiteral("Vendor-Specific");
    case Attr::SessionTimeout: return QStringLiteral("Session-Timeout");
    case Attr::CalledStationId: return QStringLiteral("Called-Station-Id");
    case Attr::CallingStationId: return QStringLiteral("Calling-Station-Id");
    case Attr::NasIdentifier: return QStringLiteral("NAS-Identifier");
    case Attr::NasPortType: return QStringLiteral("NAS-Port-Type");
    case Attr::ConnectInfo: return QStringLiteral("Connect-Info");
    case Attr::EapMessage: return QStringLiteral("EAP-Message");
    case Attr::MessageAuthenticator: return QStringLiteral("Message-Authenticator");
    default: break;
    }
    return QStringLiteral("Attribute %1").arg(type);
}

QString summarize(const Packet &packet) {
    QString line = QStringLiteral("%1 id=%2").arg(codeName(packet.code)).arg(packet.identifier);
    const QByteArray eap = packet.eapMessage();
    if (!eap.isEmpty()) {
        line += QStringLiteral(" EAP ") + eap::summarize(eap);
    }
    if (packet.findVendor(kMicrosoftVendorId, kMsMppeRecvKey) != nullptr) {
        line += QStringLiteral(" +MS-MPPE keys");
    }
    return line;
}

} // namespace m2mbench::radius
