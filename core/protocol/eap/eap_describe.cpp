// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/eap/eap_describe.h"

#include "core/protocol/eap/eap_packet.h"
#include "core/protocol/eap/eap_tls_frag.h"
#include "core/protocol/eap/tls_records.h"
#include "core/protocol/eap/wire.h"

#include <QStringList>

namespace m2mbench::eap {

namespace {

trace::Field describeTls(const QByteArray &typeData, qint32 base) {
    trace::Field f(QStringLiteral("EAP-TLS"), summarizeTlsData(typeData), base,
                   static_cast<qint32>(typeData.size()));
    auto frame = parseTlsFrame(typeData);
    if (!frame) {
        return f;
    }
    QStringList flags;
    if (frame->messageLength) {
        flags << QStringLiteral("L (length included)");
    }
    if (frame->more()) {
        flags << QStringLiteral("M (more fragments)");
    }
    if (frame->start()) {
        flags << QStringLiteral("S (start)");
    }
    f.children.append(trace::Field(QStringLiteral("Flags"),
                                   QStringLiteral("0x%1 %2")
                                       .arg(frame->flags, 2, 16, QLatin1Char('0'))
                                       .arg(flags.join(QStringLiteral(", "))),
                                   base, 1));
    qint32 at = base + 1;
    if (frame->messageLength) {
        f.children.append(trace::Field(QStringLiteral("TLS Message Length"),
                                       QString::number(*frame->messageLength), at, 4));
        at += 4;
    }
    if (!frame->data.isEmpty()) {
        trace::Field data(QStringLiteral("TLS data"),
                          QStringLiteral("%1 octets").arg(frame->data.size()), at,
                          static_cast<qint32>(frame->data.size()));
        data.children = describeTlsRecords(frame->data, at);
        if (data.children.isEmpty()) {
            data.value += QStringLiteral(" (continuation of a fragmented message)");
        }
        f.children.append(data);
    }
    return f;
}

} // namespace

trace::Field describeEap(const QByteArray &bytes, qint32 base) {
    auto packet = parsePacket(bytes);
    if (!packet) {
        return trace::Field(QStringLiteral("EAP"), packet.error().message, base,
                            static_cast<qint32>(bytes.size()));
    }
    const int length = wire::u16(bytes, 2);
    trace::Field root(QStringLiteral("EAP"), summarize(*packet), base, length);
    root.children.append(trace::Field(
        QStringLiteral("Code"),
        QStringLiteral("%1 (%2)").arg(static_cast<int>(packet->code)).arg(codeName(packet->code)),
        base, 1));
    root.children.append(trace::Field(QStringLiteral("Identifier"),
                                      QString::number(packet->identifier), base + 1, 1));
    root.children.append(
        trace::Field(QStringLiteral("Length"), QString::number(length), base + 2, 2));
    if (!packet->type) {
        return root;
    }
    root.children.append(trace::Field(
        QStringLiteral("Type"),
        QStringLiteral("%1 (%2)").arg(*packet->type).arg(typeName(*packet->type)), base + 4, 1));
    const qint32 dataAt = base + 5;
    const auto dataLen = static_cast<qint32>(packet->typeData.size());
    if (*packet->type == Type::Tls) {
        root.children.append(describeTls(packet->typeData, dataAt));
    } else if (*packet->type == Type::Identity || *packet->type == Type::Notification) {
        root.children.append(trace::Field(typeName(*packet->type),
                                          QString::fromUtf8(packet->typeData.left(256)), dataAt,
                                          dataLen));
    } else if (*packet->type == Type::Nak) {
        QStringList desired;
        for (char t : packet->typeData) {
            desired << typeName(static_cast<quint8>(t));
        }
        root.children.append(trace::Field(QStringLiteral("Desired types"),
                                          desired.join(QStringLiteral(", ")), dataAt, dataLen));
    } else if (dataLen > 0) {
        root.children.append(trace::Field(QStringLiteral("Type-Data"),
                                          QStringLiteral("%1 octets").arg(dataLen), dataAt,
                                          dataLen));
    }
    return root;
}

} // namespace m2mbench::eap
