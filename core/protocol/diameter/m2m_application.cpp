// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/diameter/m2m_application.h"

#include "core/common/hex.h"

namespace m2mbench::diameter {

namespace {

constexpr quint32 kNoStateMaintained = 1; // Auth-Session-State (RFC 6733 section 8.11)

Message request(const crypto::BootstrapProfile &profile, quint32 command, const Addressing &from,
                const QString &sessionId) {
    Message m;
    m.flags = CommandFlag::Request | CommandFlag::Proxiable;
    m.command = command;
    m.applicationId = profile.masApplicationId;
    m.avps = {Avp::text(AvpCode::SessionId, sessionId),
              Avp::grouped(AvpCode::VendorSpecificApplicationId,
                           {Avp::u32(AvpCode::VendorId, profile.masVendorId),
                            Avp::u32(AvpCode::AuthApplicationId, profile.masApplicationId)}),
              Avp::u32(AvpCode::AuthSessionState, kNoStateMaintained),
              Avp::text(AvpCode::OriginHost, from.originHost),
              Avp::text(AvpCode::OriginRealm, from.originRealm),
              Avp::text(AvpCode::DestinationRealm, from.destinationRealm)};
    return m;
}

quint64 key(quint32 vendor, quint32 code) {
    return (quint64(vendor) << 32) | code;
}

} // namespace

QList<Avp> keyRecordAvps(const crypto::BootstrapProfile &p, const KeyRecord &r, bool withKey) {
    QList<Avp> avps{Avp::octets(p.nodeIdAvp, r.nodeId, p.masVendorId),
                    Avp::u32(p.keyIndexAvp, r.keyIndex, p.masVendorId)};
    if (withKey) {
        avps << Avp::octets(p.keyAvp, r.key.exposeBytes(), p.masVendorId);
        avps << Avp::time(p.keyLifetimeAvp, r.expiry, p.masVendorId);
        if (!r.sclId.isEmpty()) {
            avps << Avp::text(p.sclIdAvp, r.sclId, p.masVendorId);
        }
    }
    return avps;
}

Message keyProvisionRequest(const crypto::BootstrapProfile &profile, const Addressing &from,
                            const QString &sessionId, const KeyRecord &record) {
    Message m = request(profile, profile.keyProvisionCommand, from, sessionId);
    m.avps.append(keyRecordAvps(profile, record, true));
    return m;
}

Message keyRetrievalRequest(const crypto::BootstrapProfile &profile, const Addressing &from,
                            const QString &sessionId, const QByteArray &nodeId, quint32 keyIndex) {
    Message m = request(profile, profile.keyRetrievalCommand, from, sessionId);
    m.avps.append(Avp::octets(profile.nodeIdAvp, nodeId, profile.masVendorId));
    if (keyIndex != 0) {
        m.avps.append(Avp::u32(profile.keyIndexAvp, keyIndex, profile.masVendorId));
    }
    return m;
}

Result<KeyRecord> keyRecordFrom(const crypto::BootstrapProfile &p, const Message &m, bool needKey) {
    auto missing = [&](quint32 code, const QString &name, const QString &rule) {
        return fail(Error::Kind::Parse, QStringLiteral("%1 (vendor %2 AVP %3) %4")
                                            .arg(name)
                                            .arg(p.masVendorId)
                                            .arg(code)
                                            .arg(rule));
    };
    KeyRecord r;
    const Avp *nodeId = m.find(p.nodeIdAvp, p.masVendorId);
    if (nodeId == nullptr || nodeId->data.size() != 16) {
        return missing(p.nodeIdAvp, QStringLiteral("M2M-Node-ID"),
                       QStringLiteral("must be present with 16 octets"));
    }
    r.nodeId = nodeId->data;
    if (const Avp *index = m.find(p.keyIndexAvp, p.masVendorId)) {
        if (!index->u32()) {
            return missing(p.keyIndexAvp, QStringLiteral("M2M-Key-Index"),
                           QStringLiteral("must be Unsigned32"));
        }
        r.keyIndex = *index->u32();
    } else if (needKey) {
        return missing(p.keyIndexAvp, QStringLiteral("M2M-Key-Index"),
                       QStringLiteral("is missing"));
    }
    r.sclId = m.text(p.sclIdAvp, p.masVendorId);
    if (!needKey) {
        return r;
    }
    const Avp *keyAvp = m.find(p.keyAvp, p.masVendorId);
    if (keyAvp == nullptr || keyAvp->data.size() != 32) {
        return missing(p.keyAvp, QStringLiteral("M2M-Key"),
                       QStringLiteral("must be present with 32 octets"));
    }
    r.key = SecureBytes::fromByteArray(keyAvp->data);
    const Avp *lifetime = m.find(p.keyLifetimeAvp, p.masVendorId);
    if (lifetime == nullptr || !lifetime->time()) {
        return missing(p.keyLifetimeAvp, QStringLiteral("M2M-Key-Lifetime"),
                       QStringLiteral("must be a Time"));
    }
    r.expiry = *lifetime->time();
    return r;
}

AvpNames m2mAvpNames(const crypto::BootstrapProfile &p) {
    return {{key(p.masVendorId, p.nodeIdAvp), QStringLiteral("M2M-Node-ID")},
            {key(p.masVendorId, p.keyIndexAvp), QStringLiteral("M2M-Key-Index")},
            {key(p.masVendorId, p.keyAvp), QStringLiteral("M2M-Key")},
            {key(p.masVendorId, p.keyLifetimeAvp), QStringLiteral("M2M-Key-Lifetime")},
            {key(p.masVendorId, p.sclIdAvp), QStringLiteral("M2M-SCL-ID")}};
}

QList<quint64> m2mSecretAvps(const crypto::BootstrapProfile &p) {
    return {key(p.masVendorId, p.keyAvp)};
}

QString m2mCommandName(const crypto::BootstrapProfile &p, const Message &m) {
    const QString kind = m.isRequest() ? QStringLiteral("Request") : QStringLiteral("Answer");
    if (m.command == p.keyProvisionCommand) {
        return QStringLiteral("Key-Provision-") + kind;
    }
    if (m.command == p.keyRetrievalCommand) {
        return QStringLiteral("Key-Retrieval-") + kind;
    }
    return commandName(m.command, m.isRequest());
}

QString m2mSummary(const crypto::BootstrapProfile &p, const Message &m) {
    if (m.command != p.keyProvisionCommand && m.command != p.keyRetrievalCommand) {
        return summarize(m);
    }
    QString line = m2mCommandName(p, m);
    if (const auto rc = m.u32(AvpCode::ResultCode)) {
        line += QLatin1Char(' ') + resultCodeName(*rc);
    }
    if (const Avp *node = m.find(p.nodeIdAvp, p.masVendorId)) {
        line += QStringLiteral(" node=") + toHex(node->data.left(16));
    }
    if (const auto index = m.u32(p.keyIndexAvp, p.masVendorId)) {
        line += QStringLiteral(" index=%1").arg(*index);
    }
    return line;
}

} // namespace m2mbench::diameter
