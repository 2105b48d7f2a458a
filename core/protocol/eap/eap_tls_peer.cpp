// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/eap/eap_packet.h"
#include "core/protocol/eap/eap_tls.h"

namespace m2mbench::eap {

namespace {

constexpr int kTls13 = 0x0304;
/// RFC 9190 section 2.5: the commitment message is one octet of application data, 0x00.
const char kCommitment = '\0';

} // namespace

EapTlsPeer::EapTlsPeer(std::shared_ptr<TlsContext> context, EapTlsOptions options)
    : m_tls(std::move(context))
    , m_options(options)
    , m_reassembler(options.maxMessage) {}

quint8 EapTlsPeer::type() const {
    return Type::Tls;
}

SecureBytes EapTlsPeer::getKey() const {
    return m_keys ? m_keys->msk : SecureBytes();
}

SecureBytes EapTlsPeer::getEmsk() const {
    return m_keys ? m_keys->emsk : SecureBytes();
}

EapTlsSummary EapTlsPeer::summary() const {
    return {m_tls.versionName(), m_tls.cipherName(), m_tls.peerCertificate(), m_failure};
}

PeerStep EapTlsPeer::process(const QByteArray &typeData) {
    if (!m_tls.isValid()) {
        return failWith(QStringLiteral("TLS could not be initialised"), false);
    }
    auto frame = parseTlsFrame(typeData);
    if (!frame) {
        return {std::nullopt, QStringLiteral("ignored: %1").arg(frame.error().message)};
    }
    if (m_phase == Phase::Failed || m_phase == Phase::Done) {
        return {std::nullopt, QStringLiteral("ignored: EAP-TLS already finished")};
    }
    if (frame->start()) {
        if (m_phase != Phase::Idle) {
            return {std::nullopt, QStringLiteral("ignored: a second EAP-TLS Start")};
        }
        m_phase = Phase::Handshake;
        m_tls.advance({});
        return sendOutput(QStringLiteral("EAP-TLS start: sending ClientHello"));
    }
    if (m_phase == Phase::Idle) {
        return {std::nullopt, QStringLiteral("ignored: EAP-TLS data before Start")};
    }
    if (m_outgoing.hasMore()) {
        if (!frame->isAck()) {
            return failWith(QStringLiteral("the server sent data while a fragmented message of "
                                           "the peer was in flight (expected an ACK)"),
                            false);
        }
        return {m_outgoing.next().encode(), QStringLiteral("next fragment")};
    }
    auto state = m_reassembler.add(*frame);
    if (!state) {
        return failWith(state.error().message, false);
    }
    if (*state == TlsReassembler::State::Partial) {
        return {TlsFrame::ack().encode(),
                QStringLiteral("ACK of fragment (%1 octets so far)").arg(m_reassembler.received())};
    }
    return handleMessage(m_reassembler.take());
}

PeerStep EapTlsPeer::handleMessage(const QByteArray &message) {
    if (!m_tls.advance(message)) {
        return failWith(m_tls.failureReason(), true);
    }
    if (!m_tls.handshakeComplete()) {
        return sendOutput(QStringLiteral("TLS handshake"));
    }
    if (m_tls.version() == kTls13) {
        const QByteArray appData = m_tls.takeApplicationData();
        if (m_phase == Phase::Handshake) {
            m_phase = Phase::AwaitCommitment;
            if (appData.isEmpty()) {
                return sendOutput(QStringLiteral("TLS 1.3 handshake complete on the peer side; "
                                                 "awaiting the server's commitment message"));
            }
        }
        if (appData.isEmpty()) {
            return {TlsFrame::ack().encode(), QStringLiteral("TLS 1.3 post-handshake message")};
        }
        if (appData != QByteArray(1, kCommitment)) {
            return failWith(QStringLiteral("the TLS 1.3 commitment message must be one octet 0x00 "
                                           "(RFC 9190 section 2.5), got %1 octet(s)")
                                .arg(appData.size()),
                            false);
        }
        finish();
        return {TlsFrame::ack().encode(),
                QStringLiteral("TLS 1.3 commitment message received: EAP-TLS done")};
    }
    finish();
    QByteArray out = m_tls.takeOutput();
    if (!out.isEmpty()) {
        m_outgoing = TlsFragmenter(out, m_options.fragmentSize, m_options.alwaysLength);
        return {m_outgoing.next().encode(), QStringLiteral("TLS handshake complete")};
    }
    return {TlsFrame::ack().encode(),
            QStringLiteral("%1 handshake complete: EAP-TLS done").arg(m_tls.versionName())};
}

PeerStep EapTlsPeer::sendOutput(const QString &note) {
    const QByteArray out = m_tls.takeOutput();
    if (out.isEmpty()) {
        return {TlsFrame::ack().encode(), note};
    }
    m_outgoing = TlsFragmenter(out, m_options.fragmentSize, m_options.alwaysLength);
    return {m_outgoing.next().encode(), note};
}

PeerStep EapTlsPeer::failWith(const QString &reason, bool sendAlert) {
    m_phase = Phase::Failed;
    m_failure = reason;
    const QByteArray alert = sendAlert ? m_tls.takeOutput() : QByteArray();
    if (alert.isEmpty()) {
        return {TlsFrame::ack().encode(), QStringLiteral("EAP-TLS failed: ") + reason};
    }
    m_outgoing = TlsFragmenter(alert, m_options.fragmentSize, m_options.alwaysLength);
    return {m_outgoing.next().encode(),
            QStringLiteral("EAP-TLS failed, sending TLS alert: ") + reason};
}

void EapTlsPeer::finish() {
    auto keys = m_tls.eapKeys();
    if (!keys) {
        m_phase = Phase::Failed;
        m_failure = keys.error().message;
        return;
    }
    m_keys = std::move(*keys);
    m_phase = Phase::Done;
}

} // namespace m2mbench::eap
