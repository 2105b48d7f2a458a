// SPDX-License-Identifier: Apache-2.0
#pragma once

// The MSBF's RADIUS front end (RFC 2865 server side with RFC 3579): an external EAP peer behind
// a NAS (eapol_test, a Wi-Fi access point) authenticates against the MSBF's own EAP-TLS server.
// Access-Challenge carries EAP and a State; Access-Accept carries EAP-Success and the MSK as
// MS-MPPE keys; Access-Reject carries EAP-Failure. Requests must carry a valid
// Message-Authenticator; duplicates get the cached response; conversations are bounded in
// number and idle time. A successful run also bootstraps the node (Kmr to the MAS).

#include "core/nodes/msbf/msbf_node.h"
#include "core/protocol/eap/eap_server.h"

#include <QElapsedTimer>
#include <QHash>

#include <map>
#include <memory>

namespace m2mbench::nodes {

class RadiusFrontEnd : public QObject {
    Q_OBJECT
public:
    RadiusFrontEnd(MsbfNode *msbf, std::shared_ptr<eap::TlsContext> tls, QByteArray secret,
                   trace::Trace *trace);
    ~RadiusFrontEnd() override;

    Result<quint16> listen(const QHostAddress &address, quint16 port);
    [[nodiscard]] int accepted() const { return m_accepted; }
    [[nodiscard]] int rejected() const { return m_rejected; }
    [[nodiscard]] int discarded() const { return m_discarded; }

private:
    struct Conversation {
        std::unique_ptr<eap::EapServer> server;
        std::optional<DeviceRecord> device;
        QElapsedTimer idle;
    };
    void onReadyRead();
    void handle(const QByteArray &raw, const QHostAddress &from, quint16 port);
    std::optional<radius::Packet> admit(const QByteArray &raw);
    Conversation *open(QByteArray &stateKey);
    QByteArray respond(const radius::Packet &request, const QByteArray &stateKey, Conversation &c,
                       const eap::EapServer::Output &out);
    void finishAccept(radius::Packet &response, const radius::Packet &request, Conversation &c);
    void record(bool sent, const QByteArray &raw, const QString &peer);
    void discard(const QString &why);
    void expire();

    MsbfNode *m_msbf;
    std::shared_ptr<eap::TlsContext> m_tls;
    QByteArray m_secret;
    trace::Trace *m_trace;
    class QUdpSocket *m_socket = nullptr;
    std::map<QByteArray, std::unique_ptr<Conversation>> m_conversations; ///< by State
    QHash<QByteArray, QByteArray> m_answered; ///< (peer, id, authenticator) -> response
    QList<QByteArray> m_answeredOrder;
    quint64 m_nextState = 1;
    int m_accepted = 0;
    int m_rejected = 0;
    int m_discarded = 0;
};

} // namespace m2mbench::nodes
