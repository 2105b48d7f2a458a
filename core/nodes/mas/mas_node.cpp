// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/mas/mas_node.h"

#include "core/common/hex.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace m2mbench::nodes {

MasService::MasService(const MasConfig &config, MasStore &store)
    : m_config(config)
    , m_store(store) {}

diameter::Message MasService::answer(const diameter::Message &request, quint32 resultCode,
                                     const QString &errorMessage) const {
    using namespace diameter;
    Message a = request.answer();
    if (const Avp *session = request.find(AvpCode::SessionId)) {
        a.avps.append(*session);
    }
    a.avps.append(Avp::u32(AvpCode::ResultCode, resultCode));
    a.avps.append(Avp::text(AvpCode::OriginHost, m_config.originHost));
    a.avps.append(Avp::text(AvpCode::OriginRealm, m_config.originRealm));
    if (!errorMessage.isEmpty()) {
        Avp e = Avp::text(AvpCode::ErrorMessage, errorMessage);
        e.flags = 0;
        a.avps.append(e);
    }
    if (resultCode >= 3000) {
        a.flags |= resultCode < 4000 ? CommandFlag::Error : 0;
    }
    return a;
}

diameter::Message MasService::handle(const diameter::Message &request) {
    const crypto::BootstrapProfile &p = m_config.profile;
    if (request.applicationId != p.masApplicationId) {
        ++m_refused;
        return answer(
            request, diameter::ResultCode::ApplicationUnsupported,
            QStringLiteral("this MAS serves application %1 only").arg(p.masApplicationId));
    }
    if (request.command == p.keyProvisionCommand) {
        return provision(request);
    }
    if (request.command == p.keyRetrievalCommand) {
        return retrieve(request);
    }
    ++m_refused;
    return answer(request, diameter::ResultCode::CommandUnsupported);
}

diameter::Message MasService::provision(const diameter::Message &request) {
    auto record = diameter::keyRecordFrom(m_config.profile, request, true);
    if (!record) {
        ++m_refused;
        return answer(request, diameter::ResultCode::MissingAvp, record.error().message);
    }
    if (!record->expiry.isValid() || record->expiry <= m_config.clock->now()) {
        ++m_refused;
        return answer(request, diameter::ResultCode::InvalidAvpValue,
                      QStringLiteral("M2M-Key-Lifetime is already in the past"));
    }
    if (auto ok = m_store.put(*record); !ok) {
        ++m_refused;
        return answer(request, diameter::ResultCode::UnableToComply, ok.error().message);
    }
    ++m_provisioned;
    return answer(request, diameter::ResultCode::Success);
}

diameter::Message MasService::retrieve(const diameter::Message &request) {
    const QString from = request.text(diameter::AvpCode::OriginHost);
    if (!m_config.retrievers.isEmpty() && !m_config.retrievers.contains(from)) {
        ++m_refused;
        return answer(request, diameter::ResultCode::UnableToComply,
                      QStringLiteral("%1 may not retrieve keys from this MAS").arg(from));
    }
    auto wanted = diameter::keyRecordFrom(m_config.profile, request, false);
    if (!wanted) {
        ++m_refused;
        return answer(request, diameter::ResultCode::MissingAvp, wanted.error().message);
    }
    auto found = m_store.get(wanted->nodeId, wanted->keyIndex);
    if (!found) {
        return answer(request, diameter::ResultCode::UnableToComply, found.error().message);
    }
    const QString which = QStringLiteral("M2M-Node-ID %1 key index %2")
                              .arg(toHex(wanted->nodeId))
                              .arg(wanted->keyIndex == 0 ? QStringLiteral("(newest)")
                                                         : QString::number(wanted->keyIndex));
    if (!found->has_value()) {
        ++m_refused;
        return answer(request, diameter::ResultCode::UserUnknown,
                      QStringLiteral("no key for ") + which);
    }
    if ((*found)->expiry <= m_config.clock->now()) {
        ++m_refused;
        return answer(request, diameter::ResultCode::UserUnknown,
                      QStringLiteral("the key for %1 expired at %2")
                          .arg(which, (*found)->expiry.toString(Qt::ISODate)));
    }
    ++m_retrieved;
    diameter::Message a = answer(request, diameter::ResultCode::Success);
    a.avps.append(diameter::keyRecordAvps(m_config.profile, **found, true));
    return a;
}

MasNode::MasNode(MasConfig config, trace::Trace *trace, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_trace(trace) {}

MasNode::~MasNode() = default;

Result<void> MasNode::open() {
    auto store = MasStore::open(m_config.databasePath);
    if (!store) {
        return fail(store.error());
    }
    m_store = std::move(*store);
    m_service = std::make_unique<MasService>(m_config, *m_store);
    if (auto purged = m_store->purgeExpired(m_config.clock->now()); purged && *purged > 0) {
        emit logLine(QStringLiteral("purged %1 expired key(s)").arg(*purged));
    }
    return {};
}

diameter::LocalPeer MasNode::localPeer() const {
    diameter::LocalPeer local;
    local.originHost = m_config.originHost;
    local.originRealm = m_config.originRealm;
    local.applications = {{m_config.profile.masVendorId, m_config.profile.masApplicationId}};
    local.watchdogMs = m_config.profile.watchdogSeconds * 1000;
    local.originStateId = static_cast<quint32>(QDateTime::currentSecsSinceEpoch());
    return local;
}

Result<quint16> MasNode::listen(const QHostAddress &address, quint16 port) {
    if (!m_service) {
        if (auto ok = open(); !ok) {
            return fail(ok.error());
        }
    }
    m_server = new QTcpServer(this);
    if (!m_server->listen(address, port)) {
        return fail(Error::Kind::Io, QStringLiteral("MAS: cannot listen on %1:%2: %3")
                                         .arg(address.toString())
                                         .arg(port)
                                         .arg(m_server->errorString()));
    }
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            adopt(new diameter::PeerConnection(localPeer(), socket, this));
        }
    });
    return m_server->serverPort();
}

quint16 MasNode::port() const {
    return m_server ? m_server->serverPort() : 0;
}

diameter::PeerConnection *MasNode::connectTo(const QString &host, quint16 port) {
    auto *connection = new diameter::PeerConnection(localPeer(), this);
    adopt(connection);
    connection->connectTo(host, port);
    return connection;
}

QList<diameter::PeerConnection *> MasNode::connections() const {
    return findChildren<diameter::PeerConnection *>(QString(), Qt::FindDirectChildrenOnly);
}

void MasNode::adopt(diameter::PeerConnection *connection) {
    connection->setRequestHandler([this](const diameter::Message &request) {
        const diameter::Message a = m_service->handle(request);
        emit logLine(
            QStringLiteral("%1 from %2 -> %3")
                .arg(diameter::m2mCommandName(m_config.profile, request),
                     request.text(diameter::AvpCode::OriginHost),
                     diameter::resultCodeName(a.u32(diameter::AvpCode::ResultCode).value_or(0))));
        return a;
    });
    connect(connection, &diameter::PeerConnection::traffic, this,
            [this, connection](bool sent, const QByteArray &raw, const diameter::Message &m) {
                record(sent, raw, m, connection);
            });
    connect(connection, &diameter::PeerConnection::opened, this, [this, connection] {
        emit logLine(QStringLiteral("peer %1 (%2) open")
                         .arg(connection->remoteHost(), connection->peerAddress()));
    });
    connect(connection, &diameter::PeerConnection::closed, this,
            [this, connection](const QString &why) {
                emit logLine(
                    QStringLiteral("peer %1 closed: %2").arg(connection->remoteHost(), why));
                connection->deleteLater();
            });
}

void MasNode::record(bool sent, const QByteArray &raw, const diameter::Message &m,
                     const diameter::PeerConnection *connection) {
    if (m_trace == nullptr) {
        return;
    }
    const QString peer =
        connection->remoteHost().isEmpty() ? connection->peerAddress() : connection->remoteHost();
    trace::Event e;
    e.kind = sent ? trace::EventKind::MessageSent : trace::EventKind::MessageReceived;
    e.from = sent ? m_config.lifeline : peer;
    e.to = sent ? peer : m_config.lifeline;
    e.protocol = QStringLiteral("Diameter");
    e.summary = diameter::m2mSummary(m_config.profile, m);
    e.raw = raw;
    m_trace->append(std::move(e));
}

} // namespace m2mbench::nodes
