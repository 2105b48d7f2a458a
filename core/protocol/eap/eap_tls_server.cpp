// SPDX-License-Identifier: Apache-2.0
#include "core/protocol/eap/eap_packet.h"
#include "core/protocol/eap/eap_tls.h"

namespace m2mbench::eap {

namespace {

constexpr int kTls13 = 0x0304;

} // namespace

EapTlsServer::EapTlsServer(std::shared_ptr<TlsContext> context, EapTlsOptions options)
    : m_tls(std::move(context))
    , m_options(options)
    , m_reassembler(options.maxMessage) {}

quint8 EapTlsServer::type() const {
    return Type::Tls;
}

bool EapTlsServer::isDone() const {
    return m_phase == Phase::Success || m_phase == Phase::Failure;
}

SecureBytes EapTlsServer::getKey() const {
    return m_keys && isSuccess() ? m_keys->msk : SecureBytes();
}

SecureBytes EapTlsServer::getEmsk() const {
    return m_keys && isSuccess() ? m_keys->emsk : SecureBytes();
}

EapTlsSummary EapTlsServer::summary() const {
    return {m_tls.versionName(), m_tls.cipherName(), m_tls.peerCertificate(), m_failure};
}

QByteArray EapTlsServer::buildRequest() {
    if (m_phase == Phase::Start) {
        TlsFrame start;
        start.flags = TlsFlag::Start;
        m_note = QStringLiteral("EAP-TLS start");
        return start.encode();
    }
    if (m_ackPending) {
        m_ackPending = false;
        return TlsFrame::ack().encode();
    }
    if (m_outgoing.hasMore()) {
        return m_outgoing.next().encode();
    }
    return TlsFrame::ack().encode();
}

void EapTlsServer::process(const QByteArray &typeData) {
    m_note.clear();
    if (!m_tls.isValid()) {
        failWith(QStringLiteral("TLS could not be initialised"));
        return;
    }
    auto frame = parseTlsFrame(typeData);
    if (!frame) {
        failWith(frame.error().message);
        return;
    }
    if (m_phase == Phase::AwaitAlertAck) {
        m_phase = Phase::Failure;
        m_note = QStringLiteral("peer acknowledged the TLS alert");
        return;
    }
    if (m_outgoing.hasMore()) {
        if (!frame->isAck()) {
            failWith(QStringLiteral("the peer sent data while a fragmented message of the "
                                    "server was in flight (expected an ACK)"));
            return;
        }
        m_note = QStringLiteral("peer acknowledged a fragment");
        return;
    }
    if (m_phase == Phase::AwaitFinalAck && frame->isAck()) {
        m_phase = Phase::Success;
        m_note = QStringLiteral("peer acknowledged the final server flight: EAP-TLS done");
        return;
    }
    if (m_phase == Phase::Start) {
        m_phase = Phase::Handshake;
    }
    auto state = m_reassembler.add(*frame);
    if (!state) {
        failWith(state.error().message);
        return;
    }
    if (*state == TlsReassembler::State::Partial) {
        m_ackPending = true;
        m_note =
            QStringLiteral("fragment received (%1 octets so far)").arg(m_reassembler.received());
        return;
    }
    handleMessage(m_reassembler.take());
}

void EapTlsServer::handleMessage(const QByteArray &message) {
    if (!m_tls.advance(message)) {
        m_failure = m_tls.failureReason();
        const QByteArray alert = m_tls.takeOutput();
        if (alert.isEmpty()) {
            m_phase = Phase::Failure;
            m_note = QStringLiteral("EAP-TLS failed: ") + m_failure;
            return;
        }
        m_outgoing = TlsFragmenter(alert, m_options.fragmentSize, m_options.alwaysLength);
        m_phase = Phase::AwaitAlertAck;
        m_note = QStringLiteral("EAP-TLS failed, sending TLS alert: ") + m_failure;
        return;
    }
    if (m_phase == Phase::AwaitFinalAck) {
        // Data instead of the final ACK that did not break TLS: nothing RFC 5216 allows.
        failWith(QStringLiteral("the peer sent TLS data instead of acknowledging the final "
                                "server flight"));
        return;
    }
    if (m_tls.handshakeComplete()) {
        auto keys = m_tls.eapKeys();
        if (!keys) {
            failWith(keys.error().message);
            return;
        }
        m_keys = std::move(*keys);
        if (m_tls.version() == kTls13 && !m_tls.write(QByteArray(1, '\0'))) {
            failWith(QStringLiteral("cannot write the TLS 1.3 commitment message: ") +
                     m_tls.failureReason());
            return;
        }
        m_phase = Phase::AwaitFinalAck;
        m_note = QStringLiteral("%1 handshake complete (%2)")
                     .arg(m_tls.versionName(), m_tls.cipherName());
    }
    queueOutput();
}

void EapTlsServer::queueOutput() {
    const QByteArray out = m_tls.takeOutput();
    if (out.isEmpty()) {
        m_ackPending = true;
        return;
    }
    m_outgoing = TlsFragmenter(out, m_options.fragmentSize, m_options.alwaysLength);
}

void EapTlsServer::failWith(const QString &reason) {
    m_phase = Phase::Failure;
    m_failure = reason;
    m_note = QStringLiteral("EAP-TLS failed: ") + reason;
}

} // namespace m2mbench::eap
