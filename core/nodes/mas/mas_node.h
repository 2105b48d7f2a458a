// SPDX-License-Identifier: Apache-2.0
#pragma once

// The reference MAS (M2M Authentication Server): MasService answers the bench's Diameter key
// application from a MasStore; MasNode is the Diameter server around it (and can also connect
// out, e.g. to a Diameter agent). Create on a network thread.

#include "core/common/clock.h"
#include "core/nodes/mas/mas_store.h"
#include "core/protocol/diameter/diameter_peer.h"
#include "core/trace/trace.h"

#include <QObject>

#include <memory>

class QTcpServer;

namespace m2mbench::nodes {

struct MasConfig {
    crypto::BootstrapProfile profile;
    QString originHost = QStringLiteral("mas.m2mbench.example");
    QString originRealm = QStringLiteral("m2mbench.example");
    /// SQLite file of the key store; ":memory:" keeps keys only while the node lives.
    QString databasePath = QStringLiteral(":memory:");
    /// Origin-Hosts allowed to retrieve keys; empty = any peer that completed CER/CEA.
    QStringList retrievers;
    QString lifeline = QStringLiteral("MAS"); ///< its name in the trace
    const Clock *clock = &SystemClock::instance();
};

/// The application logic, transport-free: one Diameter request in, its answer out.
class MasService {
public:
    MasService(const MasConfig &config, MasStore &store);

    diameter::Message handle(const diameter::Message &request);

    [[nodiscard]] int provisioned() const { return m_provisioned; }
    [[nodiscard]] int retrieved() const { return m_retrieved; }
    [[nodiscard]] int refused() const { return m_refused; }

private:
    diameter::Message provision(const diameter::Message &request);
    diameter::Message retrieve(const diameter::Message &request);
    diameter::Message answer(const diameter::Message &request, quint32 resultCode,
                             const QString &errorMessage = {}) const;

    const MasConfig &m_config;
    MasStore &m_store;
    int m_provisioned = 0;
    int m_retrieved = 0;
    int m_refused = 0;
};

class MasNode : public QObject {
    Q_OBJECT
public:
    explicit MasNode(MasConfig config, trace::Trace *trace = nullptr, QObject *parent = nullptr);
    ~MasNode() override;

    /// Opens the key store; call before listen().
    Result<void> open();
    /// Serves Diameter on the address; port 0 picks a free one. Returns the port.
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    [[nodiscard]] quint16 port() const;
    /// Connects out to a Diameter peer (initiator side of CER/CEA).
    diameter::PeerConnection *connectTo(const QString &host, quint16 port);

    [[nodiscard]] MasService &service() { return *m_service; }
    [[nodiscard]] MasStore &store() { return *m_store; }
    [[nodiscard]] QList<diameter::PeerConnection *> connections() const;
    [[nodiscard]] const MasConfig &config() const { return m_config; }
    /// The LocalPeer this MAS presents in CER/CEA.
    [[nodiscard]] diameter::LocalPeer localPeer() const;

signals:
    /// One line per event worth printing (peer up/down, provision, retrieval).
    void logLine(const QString &line);

private:
    void adopt(diameter::PeerConnection *connection);
    void record(bool sent, const QByteArray &raw, const diameter::Message &m,
                const diameter::PeerConnection *connection);

    MasConfig m_config;
    trace::Trace *m_trace;
    std::unique_ptr<MasStore> m_store;
    std::unique_ptr<MasService> m_service;
    QTcpServer *m_server = nullptr;
};

} // namespace m2mbench::nodes
