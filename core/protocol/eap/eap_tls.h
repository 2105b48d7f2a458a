// SPDX-License-Identifier: Apache-2.0
#pragma once

// EAP-TLS (RFC 5216) peer and server methods over TlsConnection, TLS 1.2 and TLS 1.3 (RFC 9190:
// the key-material exporter label and the one-octet 0x00 commitment message that tells the peer
// the server will send no more handshake messages).

#include "core/protocol/eap/eap_method.h"
#include "core/protocol/eap/eap_tls_frag.h"
#include "core/protocol/eap/tls_session.h"

#include <memory>

namespace m2mbench::eap {

/// Framing choices of one EAP-TLS endpoint.
struct EapTlsOptions {
    /// Octets of TLS data per EAP packet (hostapd uses 1398; PANA rides on UDP, so stay below
    /// the path MTU).
    int fragmentSize = 1024;
    /// Largest TLS message a peer may announce or send before reassembly gives up.
    qsizetype maxMessage = 64 * 1024;
    /// Send the L flag and TLS Message Length on unfragmented messages too.
    bool alwaysLength = false;
};

/// What a finished EAP-TLS run learnt, for traces, checks and key records.
struct EapTlsSummary {
    QString version;
    QString cipher;
    std::optional<crypto::CertificateInfo> peerCertificate;
    QString failure;
};

/// The peer (client) side: answers the server's Start with a ClientHello and follows the
/// handshake through fragments, alerts and, for TLS 1.3, the commitment message.
class EapTlsPeer final : public PeerMethod {
public:
    EapTlsPeer(std::shared_ptr<TlsContext> context, EapTlsOptions options = {});

    [[nodiscard]] quint8 type() const override;
    [[nodiscard]] QString name() const override { return QStringLiteral("EAP-TLS"); }
    PeerStep process(const QByteArray &typeData) override;
    [[nodiscard]] bool isDone() const override { return m_phase == Phase::Done || failed(); }
    [[nodiscard]] bool allowsSuccess() const override { return m_phase == Phase::Done; }
    [[nodiscard]] bool failed() const override { return m_phase == Phase::Failed; }
    [[nodiscard]] QString failureReason() const override { return m_failure; }
    [[nodiscard]] bool isKeyAvailable() const override { return m_keys.has_value(); }
    [[nodiscard]] SecureBytes getKey() const override;
    [[nodiscard]] SecureBytes getEmsk() const override;

    [[nodiscard]] const TlsConnection &connection() const { return m_tls; }
    [[nodiscard]] EapTlsSummary summary() const;

private:
    enum class Phase { Idle, Handshake, AwaitCommitment, Done, Failed };

    PeerStep handleMessage(const QByteArray &message);
    PeerStep sendOutput(const QString &note);
    PeerStep failWith(const QString &reason, bool sendAlert);
    void finish();

    TlsConnection m_tls;
    EapTlsOptions m_options;
    Phase m_phase = Phase::Idle;
    TlsReassembler m_reassembler;
    TlsFragmenter m_outgoing;
    std::optional<crypto::EapTlsKeys> m_keys;
    QString m_failure;
};

/// The server side: Start, the handshake, TLS 1.3's commitment message, then done on the peer's
/// final acknowledgement. A TLS failure sends the alert and ends in failure after the peer's ACK.
class EapTlsServer final : public ServerMethod {
public:
    EapTlsServer(std::shared_ptr<TlsContext> context, EapTlsOptions options = {});

    [[nodiscard]] quint8 type() const override;
    [[nodiscard]] QString name() const override { return QStringLiteral("EAP-TLS"); }
    QByteArray buildRequest() override;
    void process(const QByteArray &typeData) override;
    [[nodiscard]] bool isDone() const override;
    [[nodiscard]] bool isSuccess() const override { return m_phase == Phase::Success; }
    [[nodiscard]] QString failureReason() const override { return m_failure; }
    [[nodiscard]] QString lastNote() const override { return m_note; }
    [[nodiscard]] SecureBytes getKey() const override;
    [[nodiscard]] SecureBytes getEmsk() const override;

    [[nodiscard]] const TlsConnection &connection() const { return m_tls; }
    [[nodiscard]] EapTlsSummary summary() const;

private:
    enum class Phase { Start, Handshake, AwaitFinalAck, AwaitAlertAck, Success, Failure };

    void handleMessage(const QByteArray &message);
    void queueOutput();
    void failWith(const QString &reason);

    TlsConnection m_tls;
    EapTlsOptions m_options;
    Phase m_phase = Phase::Start;
    TlsReassembler m_reassembler;
    TlsFragmenter m_outgoing;
    bool m_ackPending = false; ///< the next Request acknowledges a fragment of the peer
    std::optional<crypto::EapTlsKeys> m_keys;
    QString m_failure;
    QString m_note;
};

} // namespace m2mbench::eap
