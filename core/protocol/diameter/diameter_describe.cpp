// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/diameter/diameter_describe.h"

#include "core/common/hex.h"
#include "core/protocol/diameter/diameter_message.h"

namespace m2mbench::diameter {

namespace {

bool isTextAvp(quint32 code) {
    return code == AvpCode::OriginHost || code == AvpCode::OriginRealm ||
           code == AvpCode::ProductName || code == AvpCode::SessionId ||
           code == AvpCode::ErrorMessage || code == AvpCode::DestinationRealm ||
           code == AvpCode::DestinationHost;
}

quint64 key(const Avp &a) {
    return (quint64(a.isVendor() ? a.vendorId : 0) << 32) | a.code;
}

trace::Field avpField(const Avp &a, const AvpNames &names, const QList<quint64> &secrets,
                      int depth) {
    const QString name = names.value(
        key(a), a.isVendor() ? QStringLiteral("AVP %1 (vendor %2)").arg(a.code).arg(a.vendorId)
                             : avpName(a.code));
    QString value;
    if (secrets.contains(key(a))) {
        value = QStringLiteral("<secret, %1 octets>").arg(a.data.size());
    } else if (isTextAvp(a.code) && !a.isVendor()) {
        value = a.text().left(256);
    } else if (a.code == AvpCode::HostIpAddress && a.address()) {
        value = a.address()->toString();
    } else if (a.code == AvpCode::ResultCode && a.u32()) {
        value = resultCodeName(*a.u32());
    } else if (a.data.size() == 4) {
        value = QString::number(*a.u32());
    } else {
        value = QStringLiteral("%1 octets: %2").arg(a.data.size()).arg(toHex(a.data.left(48)));
    }
    trace::Field f(name, value);
    const bool grouped =
        !a.isVendor() && (a.code == AvpCode::VendorSpecificApplicationId ||
                          a.code == AvpCode::FailedAvp || a.code == AvpCode::ExperimentalResult);
    if (grouped && depth < 4) {
        if (auto inner = a.grouped(depth + 1)) {
            f.value.clear();
            for (const Avp &c : *inner) {
                f.children.append(avpField(c, names, secrets, depth + 1));
            }
        }
    }
    return f;
}

} // namespace

QList<trace::Field> decodeDiameter(const QByteArray &raw, const AvpNames &names,
                                   const QList<quint64> &secretAvps) {
    auto parsed = parseMessage(raw);
    if (!parsed) {
        return {trace::Field(QStringLiteral("Diameter"), parsed.error().message, 0,
                             static_cast<qint32>(raw.size()))};
    }
    const Message &m = *parsed;
    trace::Field root(QStringLiteral("Diameter"), summarize(m), 0, static_cast<qint32>(raw.size()));
    root.children.append(
        trace::Field(QStringLiteral("Flags"),
                     QStringLiteral("0x%1%2%3")
                         .arg(m.flags, 2, 16, QLatin1Char('0'))
                         .arg(m.isRequest() ? QStringLiteral(" R") : QString())
                         .arg((m.flags & CommandFlag::Error) ? QStringLiteral(" E") : QString()),
                     4, 1));
    root.children.append(trace::Field(
        QStringLiteral("Command Code"),
        QStringLiteral("%1 (%2)").arg(m.command).arg(commandName(m.command, m.isRequest())), 5, 3));
    root.children.append(
        trace::Field(QStringLiteral("Application-Id"), QString::number(m.applicationId), 8, 4));
    root.children.append(
        trace::Field(QStringLiteral("Hop-by-Hop"),
                     QStringLiteral("0x%1").arg(m.hopByHop, 8, 16, QLatin1Char('0')), 12, 4));
    root.children.append(
        trace::Field(QStringLiteral("End-to-End"),
                     QStringLiteral("0x%1").arg(m.endToEnd, 8, 16, QLatin1Char('0')), 16, 4));
    for (const Avp &a : m.avps) {
        root.children.append(avpField(a, names, secretAvps, 0));
    }
    return {root};
}

} // namespace m2mbench::diameter
