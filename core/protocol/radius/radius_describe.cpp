// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/radius/radius_describe.h"

#include "core/common/hex.h"
#include "core/protocol/eap/eap_describe.h"
#include "core/protocol/radius/radius_packet.h"

namespace m2mbench::radius {

namespace {

bool isText(quint8 type) {
    return type == Attr::UserName || type == Attr::ReplyMessage || type == Attr::CalledStationId ||
           type == Attr::CallingStationId || type == Attr::NasIdentifier ||
           type == Attr::ConnectInfo;
}

QString attributeValue(const Attribute &a) {
    if (isText(a.type)) {
        return QString::fromUtf8(a.value.left(253));
    }
    if (a.type == Attr::VendorSpecific) {
        const auto vendor = a.vendorId();
        const auto type = a.vendorType();
        if (vendor == kMicrosoftVendorId && (type == kMsMppeRecvKey || type == kMsMppeSendKey)) {
            return QStringLiteral("Microsoft %1 (encrypted, %2 octets)")
                .arg(type == kMsMppeRecvKey ? QStringLiteral("MS-MPPE-Recv-Key")
                                            : QStringLiteral("MS-MPPE-Send-Key"))
                .arg(a.vendorValue().size());
        }
        return QStringLiteral("vendor %1 type %2").arg(vendor.value_or(0)).arg(type.value_or(0));
    }
    if (a.value.size() == 4 && a.type != Attr::State && a.type != Attr::Class) {
        return QString::number((quint32(quint8(a.value[0])) << 24) |
                               (quint32(quint8(a.value[1])) << 16) |
                               (quint32(quint8(a.value[2])) << 8) | quint8(a.value[3]));
    }
    return toHex(a.value.left(64));
}

} // namespace

QList<trace::Field> decodeRadius(const QByteArray &raw) {
    auto parsed = parsePacket(raw);
    if (!parsed) {
        return {trace::Field(QStringLiteral("RADIUS"), parsed.error().message, 0,
                             static_cast<qint32>(raw.size()))};
    }
    const Packet &p = *parsed;
    trace::Field root(QStringLiteral("RADIUS"), summarize(p), 0, static_cast<qint32>(raw.size()));
    root.children.append(trace::Field(
        QStringLiteral("Code"),
        QStringLiteral("%1 (%2)").arg(static_cast<int>(p.code)).arg(codeName(p.code)), 0, 1));
    root.children.append(
        trace::Field(QStringLiteral("Identifier"), QString::number(p.identifier), 1, 1));
    root.children.append(
        trace::Field(QStringLiteral("Authenticator"), toHex(p.authenticator), 4, 16));
    for (const Attribute &a : p.attributes) {
        root.children.append(trace::Field(attributeName(a.type), attributeValue(a),
                                          static_cast<qint32>(a.offset),
                                          static_cast<qint32>(a.value.size() + 2)));
    }
    const QByteArray eap = p.eapMessage();
    if (!eap.isEmpty()) {
        root.children.append(eap::describeEap(eap, -1)); // spread over attributes: no single offset
    }
    return {root};
}

} // namespace m2mbench::radius
