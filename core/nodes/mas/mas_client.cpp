// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/mas/mas_client.h"

#include <QDateTime>

namespace m2mbench::nodes {

MasClient::MasClient(MasClientConfig config, trace::Trace *trace, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_trace(trace) {}

MasClient::~MasClient() = default;

QString MasClient::nextSessionId() {
    // RFC 6733 section 8.8: <DiameterIdentity>;<high 32 bits>;<low 32 bits>
    return QStringLiteral("%1;%2;%3")
        .arg(m_config.originHost)
        .arg(QDateTime::currentSecsSinceEpoch())
        .arg(++m_sessions);
}

void MasClient::whenOpen(std::function<void(QString error)> next) {
    if (m_connection && m_connection->isOpen()) {
        next(QString());
        return;
    }
    m_waiting.append(std::move(next));
    if (m_connection) {
        return; // connecting
    }
    diameter::LocalPeer local;
    local.originHost = m_config.originHost;
    local.originRealm = m_config.originRealm;
    local.applications = {{m_config.profile.masVendorId, m_config.profile.masApplicationId}};
    local.watchdogMs = m_config.profile.watchdogSeconds * 1000;
    local.originStateId = static_cast<quint32>(QDateTime::currentSecsSinceEpoch());
    auto *connection = new diameter::PeerConnection(local, this);
    m_connection = connection;
    connect(connection, &diameter::PeerConnection::traffic, this,
            [this](bool sent, const QByteArray &raw, const diameter::Message &m) {
                if (m_trace == nullptr) {
                    return;
                }
                trace::Event e;
                e.kind = sent ? trace::EventKind::MessageSent : trace::EventKind::MessageReceived;
                e.from = sent ? m_config.lifeline : m_config.peerLifeline;
                e.to = sent ? m_config.peerLifeline : m_config.lifeline;
                e.protocol = QStringLiteral("Diameter");
                e.summary = diameter::m2mSummary(m_config.profile, m);
                e.raw = raw;
                if (!sent && !m.isRequest()) {
                    e.relatesTo = m_lastSentSeq;
                }
                const quint64 seq = m_trace->append(std::move(e));
                (sent ? m_lastSentSeq : m_lastReceivedSeq) = seq;
            });
    auto flush = [this](const QString &error) {
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto &w : waiting) {
            w(error);
        }
    };
    connect(connection, &diameter::PeerConnection::opened, this, [flush] { flush(QString()); });
    connect(
        connection, &diameter::PeerConnection::closed, this,
        [this, connection, flush](const QString &why) {
            if (m_connection == connection) {
                m_connection = nullptr; // the next request reconnects
            }
            connection->deleteLater();
            flush(
                QStringLiteral("MAS at %1:%2: %3").arg(m_config.host).arg(m_config.port).arg(why));
        });
    connection->connectTo(m_config.host, m_config.port, m_config.connectTimeoutMs);
}

void MasClient::send(diameter::Message request, bool expectKey, int timeoutMs, Done done) {
    whenOpen([this, request, expectKey, timeoutMs, done](const QString &error) {
        if (!error.isEmpty() || !m_connection) {
            MasAnswer a;
            a.errorMessage = error.isEmpty() ? QStringLiteral("no connection to the MAS") : error;
            done(a);
            return;
        }
        auto requestSeq = std::make_shared<quint64>(0);
        m_connection->request(
            request, timeoutMs,
            [this, expectKey, done, requestSeq](Result<diameter::Message> answer) {
                MasAnswer a;
                a.requestSeq = *requestSeq;
                if (!answer) {
                    a.errorMessage = answer.error().message;
                    done(a);
                    return;
                }
                a.ok = true;
                a.answerSeq = m_lastReceivedSeq;
                a.resultCode = answer->u32(diameter::AvpCode::ResultCode).value_or(0);
                a.errorMessage = answer->text(diameter::AvpCode::ErrorMessage);
                if (expectKey && a.resultCode == diameter::ResultCode::Success) {
                    auto record = diameter::keyRecordFrom(m_config.profile, *answer, true);
                    if (record) {
                        a.record = std::move(*record);
                    } else {
                        a.errorMessage =
                            QStringLiteral("the answer is malformed: ") + record.error().message;
                    }
                }
                done(a);
            });
        *requestSeq = m_lastSentSeq;
    });
}

void MasClient::provision(const diameter::KeyRecord &record, int timeoutMs, Done done) {
    const diameter::Addressing from{m_config.originHost, m_config.originRealm,
                                    m_config.destinationRealm};
    send(diameter::keyProvisionRequest(m_config.profile, from, nextSessionId(), record), false,
         timeoutMs, std::move(done));
}

void MasClient::retrieve(const QByteArray &nodeId, quint32 keyIndex, int timeoutMs, Done done) {
    const diameter::Addressing from{m_config.originHost, m_config.originRealm,
                                    m_config.destinationRealm};
    send(diameter::keyRetrievalRequest(m_config.profile, from, nextSessionId(), nodeId, keyIndex),
         true, timeoutMs, std::move(done));
}

void MasClient::disconnect() {
    if (m_connection && m_connection->isOpen()) {
        m_connection->disconnect();
    }
}

} // namespace m2mbench::nodes
