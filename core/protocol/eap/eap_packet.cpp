// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/eap/eap_packet.h"

#include "core/protocol/eap/eap_tls_frag.h"
#include "core/protocol/eap/wire.h"

namespace m2mbench::eap {

QByteArray Packet::encode() const {
    QByteArray out;
    const bool typed = code == Code::Request || code == Code::Response;
    out.reserve(kHeaderLength + 1 + typeData.size());
    wire::putU8(out, static_cast<quint8>(code));
    wire::putU8(out, identifier);
    wire::putU16(out, 0);
    if (typed) {
        wire::putU8(out, type.value_or(0));
        out.append(typeData);
    }
    wire::setU16(out, 2, static_cast<quint32>(out.size()));
    return out;
}

Packet Packet::request(quint8 identifier, quint8 type, QByteArray data) {
    return Packet{Code::Request, identifier, type, std::move(data)};
}

Packet Packet::response(quint8 identifier, quint8 type, QByteArray data) {
    return Packet{Code::Response, identifier, type, std::move(data)};
}

Packet Packet::success(quint8 identifier) {
    return Packet{Code::Success, identifier, std::nullopt, {}};
}

Packet Packet::failure(quint8 identifier) {
    return Packet{Code::Failure, identifier, std::nullopt, {}};
}

Result<Packet> parsePacket(const QByteArray &bytes) {
    auto bad = [](const QString &why) {
        return fail(Error::Kind::Parse, QStringLiteral("EAP: ") + why);
    };
    if (bytes.size() < kHeaderLength) {
        return bad(QStringLiteral("%1 octets, shorter than the 4-octet header").arg(bytes.size()));
    }
    const quint8 code = wire::u8(bytes, 0);
    const quint16 length = wire::u16(bytes, 2);
    if (code < 1 || code > 4) {
        return bad(QStringLiteral("unknown Code %1").arg(code));
    }
    if (length < kHeaderLength) {
        return bad(QStringLiteral("Length %1 is shorter than the header").arg(length));
    }
    if (length > bytes.size()) {
        return bad(QStringLiteral("Length %1 but only %2 octets received (truncated)")
                       .arg(length)
                       .arg(bytes.size()));
    }
    Packet p;
    p.code = static_cast<Code>(code);
    p.identifier = wire::u8(bytes, 1);
    if (p.code == Code::Request || p.code == Code::Response) {
        if (length < kHeaderLength + 1) {
            return bad(QStringLiteral("%1 without a Type").arg(codeName(p.code)));
        }
        p.type = wire::u8(bytes, 4);
        p.typeData = bytes.mid(kHeaderLength + 1, length - kHeaderLength - 1);
    }
    return p;
}

QString codeName(Code code) {
    switch (code) {
    case Code::Request: return QStringLiteral("Request");
    case Code::Response: return QStringLiteral("Response");
    case Code::Success: return QStringLiteral("Success");
    case Code::Failure: return QStringLiteral("Failure");
    }
    return QStringLiteral("Code %1").arg(static_cast<int>(code));
}

QString typeName(quint8 type) {
    switch (type) {
    case Type::Identity: return QStringLiteral("Identity");
    case Type::Notification: return QStringLiteral("Notification");
    case Type::Nak: return QStringLiteral("Nak");
    case Type::Md5Challenge: return QStringLiteral("MD5-Challenge");
    case Type::Tls: return QStringLiteral("TLS");
    case Type::Expanded: return QStringLiteral("Expanded");
    default: break;
    }
    return QStringLiteral("Type %1").arg(type);
}

QString summarize(const Packet &packet) {
    QString line = codeName(packet.code);
    if (packet.type) {
        line += QLatin1Char('/') + typeName(*packet.type);
    }
    line += QStringLiteral(" id=%1").arg(packet.identifier);
    if (packet.type == Type::Identity && packet.isResponse()) {
        line += QStringLiteral(" \"%1\"").arg(QString::fromUtf8(packet.typeData.left(64)));
    } else if (packet.type == Type::Tls) {
        line += QLatin1Char(' ') + summarizeTlsData(packet.typeData);
    }
    return line;
}

QString summarize(const QByteArray &bytes) {
    auto packet = parsePacket(bytes);
    if (!packet) {
        return QStringLiteral("malformed ") + packet.error().message;
    }
    return summarize(*packet);
}

} // namespace m2mbench::eap
