// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the reference MSBF decides about devices: who may bootstrap (its subscriber list, or any
// device whose identity follows the profile's pattern), that the certificate belongs to the
// identity, the Kmr index, and the bootstrap parameters it hands out.

#include "core/crypto/pki.h"
#include "core/crypto/profile.h"
#include "core/nodes/msbf/bootstrap_params.h"

#include <QHash>

namespace m2mbench::nodes {

/// A subscriber the MSBF knows.
struct DeviceRecord {
    QString identity;
    QByteArray nodeId;
    QString sclId;
    QStringList nsclList;
};

class MsbfPolicy {
public:
    MsbfPolicy(crypto::Profile profile, QList<DeviceRecord> devices, bool acceptAnyDevice,
               bool laxCertificateBinding);

    /// The subscriber behind an EAP identity, or why it is refused.
    [[nodiscard]] Result<DeviceRecord> lookup(const QString &identity) const;
    /// The client certificate must belong to the device: a subjectAltName URI with the profile's
    /// prefix naming the same M2M-Node-ID, or (without such a URI) a CN equal to the identity.
    [[nodiscard]] Result<void>
    checkCertificate(const DeviceRecord &device,
                     const std::optional<crypto::CertificateInfo> &certificate) const;
    /// Kmr indices count up per node from 1.
    quint32 nextKmrIndex(const QByteArray &nodeId);
    [[nodiscard]] BootstrapParams params(const DeviceRecord &device, quint32 kmrIndex,
                                         const QDateTime &now) const;

    [[nodiscard]] const crypto::Profile &profile() const { return m_profile; }
    [[nodiscard]] const QList<DeviceRecord> &devices() const { return m_devices; }

    /// Reads a subscriber list: [{"identity": ..., "nodeId": "<32 hex>", "sclId": ...,
    /// "nsclList": [...]}]; sclId and nsclList default from the profile.
    static Result<QList<DeviceRecord>> loadDevices(const QString &file,
                                                   const crypto::Profile &profile);

private:
    crypto::Profile m_profile;
    QList<DeviceRecord> m_devices;
    bool m_acceptAny;
    bool m_lax;
    QHash<QByteArray, quint32> m_kmrIndex;
};

} // namespace m2mbench::nodes
