// SPDX-License-Identifier: Apache-2.0
// The MSBF after EAP: binding the certificate to the subscriber, Kmr, the MAS, the final PAR.
#include "core/common/hex.h"
#include "core/crypto/key_hierarchy.h"
#include "core/nodes/msbf/msbf_node.h"
#include "core/nodes/msbf/msbf_session.h"
#include "core/protocol/eap/wire.h"
#include "core/protocol/pana/pana_profile.h"

namespace m2mbench::nodes {

namespace {

/// The identifier of a final EAP packet, so that a replacement keeps it.
quint8 eapIdentifier(const QByteArray &eapPacket) {
    return eapPacket.size() >= 2 ? static_cast<quint8>(eapPacket[1]) : 0;
}

} // namespace

void MsbfNode::onEapFinished(Session &s, const EapVerdict &verdict) {
    s.info.identity = verdict.identity;
    s.info.tlsVersion = verdict.tlsVersion;
    if (verdict.peerCertificate) {
        s.info.deviceCertificate = *verdict.peerCertificate;
    }
    if (!verdict.success || m_faults.rejectAll) {
        // The outcome becomes "rejected" when the PAN[C] acknowledges the PAR[C] (refresh()).
        s.info.reason =
            verdict.success ? QStringLiteral("fault: every device rejected") : verdict.reason;
        log(QStringLiteral("session 0x%1: \"%2\" rejected: %3")
                .arg(s.id, 8, 16, QLatin1Char('0'))
                .arg(verdict.identity, s.info.reason));
        sendFinal(s, pana::ResultCode::AuthenticationRejected,
                  verdict.success
                      ? eap::Packet::failure(eapIdentifier(verdict.finalPacket)).encode()
                      : verdict.finalPacket,
                  std::nullopt, {});
        return;
    }
    authorize(s, verdict);
}

void MsbfNode::authorize(Session &s, const EapVerdict &verdict) {
    auto reject = [&](const QString &why) {
        s.info.reason = why;
        log(sessionText(s, QStringLiteral("\"%1\" rejected: %2").arg(verdict.identity, why)));
        sendFinal(s, pana::ResultCode::AuthenticationRejected,
                  eap::Packet::failure(eapIdentifier(verdict.finalPacket)).encode(), std::nullopt,
                  {});
    };
    if (!s.device) {
        auto device = m_policy.lookup(verdict.identity);
        if (!device) {
            reject(device.error().message);
            return;
        }
        s.device = *device;
        s.info.nodeId = device->nodeId;
    }
    if (verdict.tls != nullptr) {
        if (auto bound = m_policy.checkCertificate(*s.device, verdict.peerCertificate); !bound) {
            reject(bound.error().message);
            return;
        }
    }
    // With a TLS connection the formula follows its version; without one the AAA gave the keys.
    const RecordedEapKeys keys = recordEapKeys(
        m_keys, verdict.tls, verdict.msk, verdict.emsk,
        QStringLiteral("MS-MPPE-Recv-Key || MS-MPPE-Send-Key from the AAA server  [RFC 2548, "
                       "RFC 3579]"));
    const crypto::BootstrapProfile &bp = m_config.profile.bootstrap;
    const bool fromEmsk = !keys.emsk.value.isEmpty();
    auto kmr = m_keys.record(
        fromEmsk ? crypto::deriveKmrFromEmsk(m_config.profile, keys.emsk, bp.spId, s.device->nodeId)
                 : crypto::deriveKmrFromMsk(m_config.profile, keys.msk, bp.spId, s.device->nodeId));
    if (!kmr) {
        reject(kmr.error().message);
        return;
    }
    const quint32 index = m_policy.nextKmrIndex(s.device->nodeId);
    const BootstrapParams params = m_policy.params(*s.device, index, SystemClock::instance().now());
    s.info.kmr = *kmr;
    s.info.kmrIndex = index;
    s.info.kmrSource = fromEmsk ? QStringLiteral("EMSK") : QStringLiteral("MSK");
    s.info.bootstrapParamSet = bootstrapParamSetXml(params);
    const QList<pana::Avp> extra{
        pana::Avp::vendor(bp.vendorId, static_cast<quint16>(bp.bootstrapParamAvp),
                          s.info.bootstrapParamSet),
        pana::Avp::vendor(bp.vendorId, static_cast<quint16>(bp.kmrSourceAvp),
                          wire::be32(fromEmsk ? pana::KmrSource::Emsk : pana::KmrSource::Msk))};
    if (!m_mas) {
        s.info.masResult = QStringLiteral("no MAS configured");
        sendFinal(s, pana::ResultCode::Success, verdict.finalPacket, keys.msk, extra);
        return;
    }
    provisionThenFinish(
        s,
        diameter::KeyRecord{s.device->nodeId, index, kmr->value, params.lifetime, s.device->sclId},
        verdict.finalPacket, keys.msk, extra);
}

void MsbfNode::provisionThenFinish(Session &s, const diameter::KeyRecord &record,
                                   const QByteArray &eapSuccess, const crypto::NamedKey &msk,
                                   const QList<pana::Avp> &extra) {
    std::weak_ptr<bool> alive = s.alive;
    Session *raw = &s;
    m_mas->provision(
        record, m_config.mas->timeoutMs,
        [this, alive, raw, eapSuccess, msk, extra](const MasAnswer &a) {
            if (alive.expired()) {
                return; // the session went away while the MAS thought
            }
            const bool ok = a.ok && a.resultCode == diameter::ResultCode::Success;
            raw->info.masProvisioned = ok;
            raw->info.masResult = ok ? QStringLiteral("DIAMETER_SUCCESS")
                                     : (a.ok ? diameter::resultCodeName(a.resultCode) +
                                                   QStringLiteral(": ") + a.errorMessage
                                             : a.errorMessage);
            if (!ok && m_config.mas->required) {
                raw->info.reason =
                    QStringLiteral("the MAS did not store Kmr: ") + raw->info.masResult;
                log(sessionText(*raw, raw->info.reason));
                sendFinal(*raw, pana::ResultCode::AuthorizationRejected, eapSuccess, msk, {});
                return;
            }
            sendFinal(*raw, pana::ResultCode::Success, eapSuccess, msk, extra);
        });
}

void MsbfNode::sendFinal(Session &s, quint32 resultCode, const QByteArray &eapFinal,
                         const std::optional<crypto::NamedKey> &msk,
                         const QList<pana::Avp> &extra) {
    s.info.resultCode = resultCode;
    if (m_faults.withholdFinal) {
        log(QStringLiteral("session 0x%1: fault: the final PAR is withheld")
                .arg(s.id, 8, 16, QLatin1Char('0')));
        return;
    }
    if (m_faults.corruptFinalAuth) {
        s.pana->faults().corruptNextAuth = true;
    }
    if (!s.pana->complete(resultCode, eapFinal, msk, extra)) {
        log(QStringLiteral("session 0x%1: cannot send the final PAR")
                .arg(s.id, 8, 16, QLatin1Char('0')));
    }
    armTimer();
    m_waiters.check();
}

void MsbfNode::bootstrapOutsidePana(const DeviceRecord &device, const crypto::NamedKey &emsk,
                                    std::function<void(bool ok, const QString &what)> done) {
    const crypto::BootstrapProfile &bp = m_config.profile.bootstrap;
    auto kmr =
        m_keys.record(crypto::deriveKmrFromEmsk(m_config.profile, emsk, bp.spId, device.nodeId));
    if (!kmr) {
        done(false, kmr.error().message);
        return;
    }
    const quint32 index = m_policy.nextKmrIndex(device.nodeId);
    const BootstrapParams params = m_policy.params(device, index, SystemClock::instance().now());
    const QString what =
        QStringLiteral("Kmr index %1 for M2M-Node-ID %2").arg(index).arg(toHex(device.nodeId));
    if (!m_mas) {
        done(true, what + QStringLiteral(" (no MAS configured)"));
        return;
    }
    diameter::KeyRecord record{device.nodeId, index, kmr->value, params.lifetime, device.sclId};
    m_mas->provision(record, m_config.mas->timeoutMs, [done, what](const MasAnswer &a) {
        const bool ok = a.ok && a.resultCode == diameter::ResultCode::Success;
        done(ok, what + (ok ? QStringLiteral(" stored by the MAS")
                            : QStringLiteral(" NOT stored by the MAS: ") + a.errorMessage));
    });
}

} // namespace m2mbench::nodes
