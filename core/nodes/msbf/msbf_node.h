// SPDX-License-Identifier: Apache-2.0
#pragma once

// The reference MSBF (TS 102 690 clause 8.3): a PANA Authentication Agent on UDP with a local
// EAP-TLS server or a RADIUS pass-through to an external AAA server. After EAP succeeds it binds
// the certificate to the subscriber, derives Kmr (from the EMSK, or the MSK when only that came
// back over RADIUS), provisions it to the MAS over Diameter, and sends the bootstrapParamSet in a
// vendor AVP of the final PAR, under AUTH. Optionally a RADIUS front end lets an external EAP
// peer authenticate against the same EAP-TLS server. Create on a network thread.

#include "core/crypto/key_recorder.h"
#include "core/crypto/pki.h"
#include "core/nodes/mas/mas_client.h"
#include "core/nodes/msbf/bootstrap_common.h"
#include "core/nodes/msbf/eap_backend.h"
#include "core/nodes/msbf/msbf_policy.h"
#include "core/protocol/pana/pana_paa.h"
#include "core/trace/trace.h"

#include <QHostAddress>
#include <QMap>
#include <QObject>

#include <map>
#include <memory>

class QUdpSocket;
class QTimer;

namespace m2mbench::nodes {

class RadiusFrontEnd;

struct MsbfConfig {
    crypto::Profile profile;
    QString name = QStringLiteral("MSBF");         ///< lifeline in the trace
    QString peerName = QStringLiteral("D/G node"); ///< the devices' lifeline
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 716;
    crypto::Credential credential;
    QByteArray caPem;
    int tlsMinVersion = 0x0303;
    int tlsMaxVersion = 0x0304;
    QList<DeviceRecord> devices;
    bool acceptAnyDevice = false;
    bool laxCertificateBinding = false;
    /// Pass-through: the AAA server that runs EAP.
    std::optional<radius::ClientConfig> aaa;
    struct Mas {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 3868;
        int timeoutMs = 5000;
        /// Without the MAS's confirmation the bootstrap ends PANA_AUTHORIZATION_REJECTED.
        bool required = true;
    };
    std::optional<Mas> mas;
    int maxSessions = 1024;
    std::optional<pana::SessionConfig> pana;
    std::function<void(const QByteArray &line)> keyLog;
};

/// Deliberate misbehaviour of the MSBF, for testing devices (CFG_DG).
struct MsbfFaults {
    bool corruptFinalAuth = false; ///< the PAR[C]'s AUTH does not verify
    bool withholdFinal = false;    ///< never send the PAR[C]
    bool rejectAll = false;        ///< end every EAP run with PANA_AUTHENTICATION_REJECTED
    QList<int> dropRequests;       ///< the PaC's requests to ignore, by number (PANA Faults)
};

/// One bootstrap as the MSBF saw it.
struct MsbfSessionInfo {
    enum class Outcome { Pending, Bootstrapped, Rejected, Failed, Terminated };
    quint32 sessionId = 0;
    QString peer;
    QString identity;
    QByteArray nodeId;
    Outcome outcome = Outcome::Pending;
    QString reason;
    quint32 resultCode = 0;
    quint32 kmrIndex = 0;
    QString kmrSource;
    crypto::NamedKey kmr;
    QString tlsVersion;
    crypto::CertificateInfo deviceCertificate;
    QByteArray bootstrapParamSet;
    bool masProvisioned = false;
    QString masResult;
    quint32 keyId = 0;
    int authentications = 0;
    int pingsAnswered = 0;
    int retransmissions = 0;
    int duplicates = 0;
    int discarded = 0;
    QString lastDiscard;
    QMap<QString, int> received; ///< messages of the device by kind: "PAN[C]", "PNA", "PTA", ...
    quint64 lastSentSeq = 0;     ///< trace event of the MSBF's last message in this session
    quint64 lastReceivedSeq = 0; ///< trace event of the device's last message
};

QString outcomeName(MsbfSessionInfo::Outcome outcome);

class MsbfNode : public QObject {
    Q_OBJECT
public:
    MsbfNode(MsbfConfig config, trace::Trace *trace = nullptr, QObject *parent = nullptr);
    ~MsbfNode() override;

    /// Serves PANA on the configured address and port (0 picks one); returns the port.
    Result<quint16> listen();
    /// Serves the RADIUS front end (EAP-TLS for external EAP peers); returns the port.
    Result<quint16> listenRadius(const QHostAddress &address, quint16 port,
                                 const QByteArray &secret);
    /// A PAA-initiated bootstrap towards a PaC that waits at address:port.
    Result<quint32> initiate(const QHostAddress &address, quint16 port);

    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QList<quint32> sessionIds() const;
    [[nodiscard]] quint32 latestSessionId() const { return m_latest; }
    [[nodiscard]] std::optional<MsbfSessionInfo> info(quint32 sessionId) const;
    [[nodiscard]] pana::PaaSession *session(quint32 sessionId) const;
    [[nodiscard]] int bootstraps() const { return m_bootstraps; }
    bool ping(quint32 sessionId);
    bool reauthenticate(quint32 sessionId);
    bool terminate(quint32 sessionId, quint32 cause = pana::TerminationCause::Administrative);

    MsbfFaults &faults() { return m_faults; }
    /// The certificate presented to devices from the next EAP run on (a rogue one, in tests).
    Result<void> setServerCredential(const crypto::Credential &credential);
    void waitFor(std::function<bool()> condition, int timeoutMs, std::function<void(bool)> done);

    [[nodiscard]] const crypto::KeyRecorder &keys() const { return m_keys; }
    crypto::KeyRecorder &keys() { return m_keys; }
    [[nodiscard]] MsbfPolicy &policy() { return m_policy; }
    [[nodiscard]] const MsbfConfig &config() const { return m_config; }
    [[nodiscard]] MasClient *masClient() const { return m_mas; }

    /// After a successful EAP run with the bench's server outside PANA (the RADIUS front end):
    /// Kmr from the EMSK, provisioned to the MAS. `done` gets the outcome in words.
    void bootstrapOutsidePana(const DeviceRecord &device, const crypto::NamedKey &emsk,
                              std::function<void(bool ok, const QString &what)> done);

signals:
    void logLine(const QString &line);
    void sessionChanged(quint32 sessionId);

private:
    struct Session;
    Result<void> makeTls(const crypto::Credential &credential);
    bool roomForSession();
    Session *createSession(const QHostAddress &peer, quint16 port);
    void startEap(Session &s);
    QString sessionText(const Session &s, const QString &text) const;
    void onReadyRead();
    void onDatagram(const QByteArray &data, const QHostAddress &from, quint16 port);
    void onEapFinished(Session &s, const EapVerdict &verdict);
    void authorize(Session &s, const EapVerdict &verdict);
    void provisionThenFinish(Session &s, const diameter::KeyRecord &record,
                             const QByteArray &eapSuccess, const crypto::NamedKey &msk,
                             const QList<pana::Avp> &extra);
    void sendFinal(Session &s, quint32 resultCode, const QByteArray &eapFinal,
                   const std::optional<crypto::NamedKey> &msk, const QList<pana::Avp> &extra);
    void record(Session &s, bool sent, const QByteArray &bytes);
    void log(const QString &text);
    void armTimer();
    void onTimer();
    void refresh(Session &s);
    void releaseClosedEap();

    MsbfConfig m_config;
    trace::Trace *m_trace;
    crypto::KeyRecorder m_keys;
    MsbfPolicy m_policy;
    MsbfFaults m_faults;
    std::shared_ptr<eap::TlsContext> m_tls;
    QUdpSocket *m_socket = nullptr;
    QTimer *m_timer = nullptr;
    radius::Client *m_aaa = nullptr;
    MasClient *m_mas = nullptr;
    RadiusFrontEnd *m_radius = nullptr;
    std::map<quint32, std::unique_ptr<Session>> m_sessions;
    /// Closed sessions whose EAP state (a TLS connection) is freed once no callback is running.
    QList<quint32> m_closedWithEap;
    quint32 m_latest = 0;
    int m_bootstraps = 0;
    WaitList m_waiters{this};
};

} // namespace m2mbench::nodes
