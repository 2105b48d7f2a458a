// SPDX-License-Identifier: Apache-2.0
#pragma once

// The D/G node's side of the M2M Service Bootstrap (TS 102 690 clause 8.3.3.3.2 with the bench
// profile): a PANA Client with an EAP-TLS peer over UDP. After a successful EAP run it derives
// Key_Material -> MSK, EMSK -> Kmr (KeyRecorder: every record in the trace), reads the
// bootstrapParamSet of the final PAR and keeps the result. Every PANA datagram goes into the
// trace with its raw bytes; EAP and PANA notes go in as log lines. Create on a network thread.

#include "core/crypto/key_recorder.h"
#include "core/crypto/pki.h"
#include "core/crypto/profile.h"
#include "core/nodes/msbf/bootstrap_common.h"
#include "core/protocol/eap/tls_session.h"
#include "core/protocol/pana/pana_pac.h"
#include "core/trace/trace.h"

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>

class QUdpSocket;
class QTimer;

namespace m2mbench::nodes {

struct DeviceBootstrapConfig {
    crypto::Profile profile;
    QString name = QStringLiteral("D/G node"); ///< lifeline in the trace
    QString peerName = QStringLiteral("MSBF");
    QString msbfHost = QStringLiteral("127.0.0.1");
    quint16 msbfPort = 716;
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 bindPort = 0;
    /// Own M2M-Node-ID when known (the bootstrapParamSet must then name the same).
    QByteArray nodeId;
    /// EAP identity; empty = the profile's identity pattern with nodeId.
    QString identity;
    crypto::Credential credential;
    QByteArray caPem;
    /// The MSBF's name expected in its certificate; empty = the profile's msbfFqdn; "-" = none.
    QString expectedServerName;
    int tlsMinVersion = 0x0303;
    int tlsMaxVersion = 0x0304;
    /// Where Kmr comes from: what the MSBF's Kmr-Source AVP says, or forced.
    enum class KmrSource { Auto, Emsk, Msk } kmrSource = KmrSource::Auto;
    /// false: wait for a PAA-initiated PAR[S] instead of sending PCI.
    bool sendPci = true;
    /// NSS key log lines of the EAP-TLS sessions (for Wireshark).
    std::function<void(const QByteArray &line)> keyLog;
    /// Overrides of the PANA session settings the profile gives (tests shorten timers).
    std::optional<pana::SessionConfig> pana;
};

/// What the device holds after a bootstrap.
struct BootstrapResult {
    enum class Outcome { Pending, Bootstrapped, Rejected, Failed, Terminated };
    Outcome outcome = Outcome::Pending;
    QString reason;
    std::optional<quint32> resultCode;
    QByteArray bootstrapParamSet; ///< the XML as received
    QByteArray nodeId;
    QString sclId;
    QStringList nsclList;
    QString masFqdn;
    quint32 kmrIndex = 0;
    QDateTime kmrExpiry;
    QString kmrSource; ///< "EMSK" or "MSK"
    crypto::NamedKey kmr;
    crypto::NamedKey msk;
    QString tlsVersion;
    QString tlsCipher;
    crypto::CertificateInfo serverCertificate;
    quint32 keyId = 0;
    quint32 sessionLifetime = 0;
    pana::AuthCheck finalAuth = pana::AuthCheck::Missing;
    int rejectedFinalPars = 0;
    int authentications = 0;
    quint64 finalParSeq = 0; ///< trace event of the accepted PAR[C]
    qint64 elapsedMs = 0;
    int datagramsFromMsbf = 0;      ///< 0 after a timeout: the MSBF never answered (unreachable)
    int repeatedDatagrams = 0;      ///< datagrams identical to an earlier one (retransmissions)
    qint64 firstRepeatAfterMs = -1; ///< time from a datagram to its first repetition
    QString lastNote;               ///< the last thing the session or EAP said (for verdicts)
};

QString outcomeName(BootstrapResult::Outcome outcome);

class DeviceBootstrap : public QObject {
    Q_OBJECT
public:
    DeviceBootstrap(DeviceBootstrapConfig config, trace::Trace *trace = nullptr,
                    QObject *parent = nullptr);
    ~DeviceBootstrap() override;

    /// Opens the UDP socket and starts (PCI, or waits for the PAA). A second call restarts from
    /// scratch with a new session.
    Result<void> start();
    /// Stops everything in flight; the result keeps what was learnt.
    void cancel(const QString &reason);

    [[nodiscard]] const BootstrapResult &result() const { return m_result; }
    [[nodiscard]] pana::PacSession *session() const { return m_session.get(); }
    [[nodiscard]] const DeviceBootstrapConfig &config() const { return m_config; }
    [[nodiscard]] quint16 localPort() const;
    [[nodiscard]] const crypto::KeyRecorder &keys() const { return m_keys; }
    /// Deliberate misbehaviour for the next messages (tests of the MSBF).
    pana::Faults &faults();

    /// Calls `done(true)` once `condition` holds, or `done(false)` after `timeoutMs`; checked
    /// after every datagram and session change. Runs on the node's thread.
    void waitFor(std::function<bool()> condition, int timeoutMs, std::function<void(bool)> done);
    /// Messages received by name ("PNA", "PTA", ...) since start(), and the last of each.
    [[nodiscard]] int receivedCount(const QString &name) const {
        return m_receivedCounts.value(name);
    }
    [[nodiscard]] QByteArray lastReceived(const QString &name) const {
        return m_lastReceived.value(name);
    }
    [[nodiscard]] quint64 lastReceivedSeq() const { return m_lastReceivedSeq; }

signals:
    /// The result changed (a bootstrap ended, a re-authentication completed, ...).
    void resultChanged();

private:
    Result<void> makeTls();
    std::unique_ptr<pana::PacSession> makeSession();
    void onReadyRead();
    void noteReceived(const QByteArray &bytes);
    void send(const QByteArray &bytes, const pana::Message &message);
    void recordDatagram(bool sent, const QByteArray &bytes);
    void log(const QString &text);
    crypto::NamedKey recordMsk(eap::EapPeer &peer);
    void onSessionChanged();
    void completeBootstrap();
    Result<void> readParameters(const QByteArray &xml);
    void armTimer();

    DeviceBootstrapConfig m_config;
    trace::Trace *m_trace;
    crypto::KeyRecorder m_keys;
    QUdpSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    QHostAddress m_msbfAddress;
    std::shared_ptr<eap::TlsContext> m_tls;
    std::unique_ptr<pana::PacSession> m_session;
    BootstrapResult m_result;
    crypto::NamedKey m_emsk;
    qint64 m_startedMs = 0;
    quint64 m_lastCompleteParSeq = 0;
    int m_seenAuthentications = 0;
    QHash<quint64, quint64> m_requestEvents; ///< (type, seq, direction) -> trace seq
    QHash<QString, int> m_receivedCounts;
    QHash<QString, QByteArray> m_lastReceived;
    QHash<QByteArray, qint64> m_seenDatagrams; ///< datagram -> when first received (ms)
    quint64 m_lastReceivedSeq = 0;
    WaitList m_waiters{this};
};

} // namespace m2mbench::nodes
