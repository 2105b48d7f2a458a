// SPDX-License-Identifier: Apache-2.0
#pragma once

// A client of the MAS's Diameter key application, used by the MSBF (key provisioning) and by an
// NSCL (key retrieval; the bench plays one in CFG_BOOT). It connects on first use, waits for
// CER/CEA, keeps the connection with the watchdog, reconnects after a loss, and records every
// Diameter message in the trace. Create on a network thread.

#include "core/nodes/mas/mas_node.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace m2mbench::nodes {

struct MasClientConfig {
    crypto::BootstrapProfile profile;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 3868;
    QString originHost = QStringLiteral("msbf.m2mbench.example");
    QString originRealm = QStringLiteral("m2mbench.example");
    QString destinationRealm = QStringLiteral("m2mbench.example");
    QString lifeline = QStringLiteral("MSBF");    ///< this side in the trace
    QString peerLifeline = QStringLiteral("MAS"); ///< the MAS in the trace
    int connectTimeoutMs = 5000;
};

/// What a key application request came to.
struct MasAnswer {
    bool ok = false; ///< an answer arrived
    quint32 resultCode = 0;
    QString errorMessage; ///< the answer's Error-Message, or why no answer came
    std::optional<diameter::KeyRecord> record;
    quint64 requestSeq = 0; ///< trace events
    quint64 answerSeq = 0;
};

class MasClient : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const MasAnswer &)>;

    MasClient(MasClientConfig config, trace::Trace *trace = nullptr, QObject *parent = nullptr);
    ~MasClient() override;

    void provision(const diameter::KeyRecord &record, int timeoutMs, Done done);
    /// keyIndex 0: the newest key of the node.
    void retrieve(const QByteArray &nodeId, quint32 keyIndex, int timeoutMs, Done done);
    /// DPR/DPA and close.
    void disconnect();

    [[nodiscard]] diameter::PeerConnection *connection() const { return m_connection; }
    [[nodiscard]] const MasClientConfig &config() const { return m_config; }

private:
    void send(diameter::Message request, bool expectKey, int timeoutMs, Done done);
    void whenOpen(std::function<void(QString error)> next);
    QString nextSessionId();

    MasClientConfig m_config;
    trace::Trace *m_trace;
    QPointer<diameter::PeerConnection> m_connection;
    QList<std::function<void(QString)>> m_waiting;
    quint64 m_sessions = 0;
    quint64 m_lastSentSeq = 0;
    quint64 m_lastReceivedSeq = 0;
};

} // namespace m2mbench::nodes
