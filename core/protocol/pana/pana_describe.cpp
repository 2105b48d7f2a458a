// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/pana/pana_describe.h"

#include "core/common/hex.h"
#include "core/protocol/eap/eap_describe.h"
#include "core/protocol/pana/pana_keys.h"
#include "core/protocol/pana/pana_message.h"

#include <QStringList>

namespace m2mbench::pana {

namespace {

QString flagText(quint16 flags) {
    QStringList names;
    for (const auto &[bit, name] :
         {std::pair{Flag::Request, "R (request)"}, std::pair{Flag::Start, "S (start)"},
          std::pair{Flag::Complete, "C (complete)"}, std::pair{Flag::ReAuth, "A (re-auth)"},
          std::pair{Flag::Ping, "P (ping)"}, std::pair{Flag::IpReconfig, "I (IP reconfig)"}}) {
        if ((flags & bit) != 0) {
            names << QLatin1String(name);
        }
    }
    return QStringLiteral("0x%1 %2")
        .arg(flags, 4, 16, QLatin1Char('0'))
        .arg(names.join(QStringLiteral(", ")));
}

QString valueText(const Avp &a) {
    if (a.isVendor()) {
        const bool text = !a.value.isEmpty() && a.value.trimmed().startsWith('<');
        return text ? QString::fromUtf8(a.value.left(4096))
                    : QStringLiteral("%1 octets: %2")
                          .arg(a.value.size())
                          .arg(toHex(a.value.left(64)));
    }
    const auto number = a.u32();
    switch (a.code) {
    case AvpCode::PrfAlgorithm: return number ? prfName(*number) : QStringLiteral("(not 4 octets)");
    case AvpCode::IntegrityAlgorithm:
        return number ? integrityName(*number) : QStringLiteral("(not 4 octets)");
    case AvpCode::ResultCode:
    case AvpCode::KeyId:
    case AvpCode::TerminationCause:
    case AvpCode::SessionLifetime:
        return number ? QString::number(*number) : QStringLiteral("(not 4 octets)");
    default: break;
    }
    return QStringLiteral("%1 octets: %2").arg(a.value.size()).arg(toHex(a.value.left(64)));
}

trace::Field avpField(const Avp &a, const QHash<quint64, QString> &vendorNames) {
    const qint32 header = a.isVendor() ? 12 : 8;
    const auto at = static_cast<qint32>(a.offset);
    const QString vendorName = vendorNames.value((quint64(a.vendorId) << 16) | a.code);
    const QString name =
        !a.isVendor() ? avpName(a.code)
        : vendorName.isEmpty()
            ? QStringLiteral("Vendor AVP %1 (vendor %2)").arg(a.code).arg(a.vendorId)
            : QStringLiteral("%1 (vendor %2, AVP %3)").arg(vendorName).arg(a.vendorId).arg(a.code);
    trace::Field f(name, a.code == AvpCode::EapPayload && !a.isVendor() ? QString() : valueText(a),
                   at, header + static_cast<qint32>(a.value.size()));
    f.children.append(trace::Field(QStringLiteral("Code"), QString::number(a.code), at, 2));
    f.children.append(
        trace::Field(QStringLiteral("Flags"),
                     a.isVendor() ? QStringLiteral("V (vendor)") : QStringLiteral("0"), at + 2, 2));
    f.children.append(
        trace::Field(QStringLiteral("Length"), QString::number(a.value.size()), at + 4, 2));
    if (a.isVendor()) {
        f.children.append(
            trace::Field(QStringLiteral("Vendor-Id"), QString::number(a.vendorId), at + 8, 4));
    }
    if (a.code == AvpCode::EapPayload && !a.isVendor()) {
        const trace::Field eap = eap::describeEap(a.value, at + header);
        f.value = eap.value;
        f.children.append(eap);
    }
    return f;
}

} // namespace

QList<trace::Field> decodePana(const QByteArray &raw, const QHash<quint64, QString> &vendorNames) {
    auto parsed = parseMessage(raw);
    if (!parsed) {
        return {trace::Field(QStringLiteral("PANA"), parsed.error().message, 0,
                             static_cast<qint32>(raw.size()))};
    }
    const Message &m = *parsed;
    trace::Field root(QStringLiteral("PANA"), summarize(m), 0, static_cast<qint32>(raw.size()));
    root.children.append(
        trace::Field(QStringLiteral("Message Length"), QString::number(raw.size()), 2, 2));
    root.children.append(trace::Field(QStringLiteral("Flags"), flagText(m.flags), 4, 2));
    root.children.append(trace::Field(
        QStringLiteral("Message Type"),
        QStringLiteral("%1 (%2)").arg(static_cast<int>(m.type)).arg(messageName(m)), 6, 2));
    root.children.append(
        trace::Field(QStringLiteral("Session Identifier"),
                     QStringLiteral("0x%1").arg(m.sessionId, 8, 16, QLatin1Char('0')), 8, 4));
    root.children.append(
        trace::Field(QStringLiteral("Sequence Number"), QString::number(m.seq), 12, 4));
    for (const Avp &a : m.avps) {
        root.children.append(avpField(a, vendorNames));
    }
    return {root};
}

} // namespace m2mbench::pana
