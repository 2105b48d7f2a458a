// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/msbf/msbf_policy.h"

#include "core/common/hex.h"
#include "core/crypto/pki.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace m2mbench::nodes {

MsbfPolicy::MsbfPolicy(crypto::Profile profile, QList<DeviceRecord> devices, bool acceptAnyDevice,
                       bool laxCertificateBinding)
    : m_profile(std::move(profile))
    , m_devices(std::move(devices))
    , m_acceptAny(acceptAnyDevice)
    , m_lax(laxCertificateBinding) {}

Result<DeviceRecord> MsbfPolicy::lookup(const QString &identity) const {
    for (const DeviceRecord &d : m_devices) {
        if (d.identity == identity) {
            return d;
        }
    }
    const crypto::BootstrapProfile &bp = m_profile.bootstrap;
    if (m_acceptAny) {
        QString pattern = QRegularExpression::escape(bp.identityPattern);
        pattern.replace(QLatin1String("\\{node\\-id\\}"), QLatin1String("([0-9a-fA-F]{32})"));
        pattern.replace(QLatin1String("\\{realm\\}"), QRegularExpression::escape(bp.realm));
        const QRegularExpressionMatch match =
            QRegularExpression(QRegularExpression::anchoredPattern(pattern)).match(identity);
        if (match.hasMatch()) {
            DeviceRecord d;
            d.identity = identity;
            d.nodeId = *fromHex(match.captured(1));
            d.sclId = crypto::sclIdFor(bp, d.nodeId);
            d.nsclList = bp.nsclList;
            return d;
        }
        return fail(
            Error::Kind::Config,
            QStringLiteral("unknown identity \"%1\": not a subscriber, and not of the form %2")
                .arg(identity.left(100), bp.identityPattern));
    }
    return fail(Error::Kind::Config,
                QStringLiteral("unknown identity \"%1\": not a subscriber of this MSBF")
                    .arg(identity.left(100)));
}

Result<void>
MsbfPolicy::checkCertificate(const DeviceRecord &device,
                             const std::optional<crypto::CertificateInfo> &info) const {
    if (m_lax) {
        return {};
    }
    if (!info) {
        return fail(Error::Kind::Parse,
                    QStringLiteral("the device presented no certificate to bind to \"%1\"")
                        .arg(device.identity));
    }
    const QString prefix = m_profile.bootstrap.nodeIdUriPrefix;
    const bool hasUri = std::any_of(info->uris.begin(), info->uris.end(), [&](const QString &u) {
        return u.startsWith(prefix, Qt::CaseInsensitive);
    });
    if (hasUri) {
        const auto nodeId = crypto::nodeIdFromUris(info->uris, prefix);
        if (!nodeId) {
            return fail(Error::Kind::Config,
                        QStringLiteral("the device certificate's %1 URI is malformed or repeated")
                            .arg(prefix));
        }
        if (*nodeId != device.nodeId) {
            return fail(Error::Kind::Config,
                        QStringLiteral(
                            "the certificate is for M2M-Node-ID %1 but identity \"%2\" is node %3")
                            .arg(toHex(*nodeId), device.identity, toHex(device.nodeId)));
        }
        return {};
    }
    if (info->commonName != device.identity) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("the certificate (CN \"%1\") carries no %2 URI and its CN is not the "
                           "identity \"%3\"")
                .arg(info->commonName, prefix, device.identity));
    }
    return {};
}

quint32 MsbfPolicy::nextKmrIndex(const QByteArray &nodeId) {
    return ++m_kmrIndex[nodeId];
}

BootstrapParams MsbfPolicy::params(const DeviceRecord &device, quint32 kmrIndex,
                                   const QDateTime &now) const {
    BootstrapParams p;
    p.nodeId = device.nodeId;
    p.kmrIndex = kmrIndex;
    p.lifetime = now.addSecs(m_profile.kmrLifetimeSeconds).toUTC();
    p.masFqdn = m_profile.bootstrap.masFqdn;
    p.sclId = device.sclId;
    p.nsclList = device.nsclList;
    return p;
}

Result<QList<DeviceRecord>> MsbfPolicy::loadDevices(const QString &file,
                                                    const crypto::Profile &profile) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(16 * 1024 * 1024), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("%1: expected a JSON array of devices").arg(file));
    }
    QList<DeviceRecord> out;
    int i = 0;
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        auto nodeId = fromHex(o.value(QLatin1String("nodeId")).toString());
        if (!nodeId || nodeId->size() != 16) {
            return fail(
                Error::Kind::Config,
                QStringLiteral("%1: [%2].nodeId must be 16 octets in hex").arg(file).arg(i));
        }
        DeviceRecord d;
        d.nodeId = *nodeId;
        d.identity = o.value(QLatin1String("identity"))
                         .toString(crypto::deviceIdentity(profile.bootstrap, d.nodeId));
        d.sclId =
            o.value(QLatin1String("sclId")).toString(crypto::sclIdFor(profile.bootstrap, d.nodeId));
        d.nsclList = profile.bootstrap.nsclList;
        if (o.contains(QLatin1String("nsclList"))) {
            d.nsclList.clear();
            for (const QJsonValue &n : o.value(QLatin1String("nsclList")).toArray()) {
                d.nsclList << n.toString();
            }
        }
        out << d;
        ++i;
    }
    return out;
}

} // namespace m2mbench::nodes
