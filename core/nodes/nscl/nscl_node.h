// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/nodes/nscl/nscl_security.h"
#include "core/nodes/nscl/nscl_service.h"
#include "core/protocol/http/http_binding.h"
#include "core/protocol/http/http_client.h"
#include "core/protocol/http/http_server.h"

#include <QObject>

namespace m2mbench::nodes {

/// The reference NSCL on the wire: NsclService behind the HTTP binding of mId. Create it on a
/// network thread; it serves until destroyed.
class NsclNode : public QObject {
    Q_OBJECT
public:
    explicit NsclNode(NsclConfig config = {}, http::BindingProfile binding = {},
                      QObject *parent = nullptr);
    ~NsclNode() override;

    /// Serves HTTP on the address; port 0 picks a free one. Returns the port.
    Result<quint16> listenHttp(const QHostAddress &address, quint16 port);
    [[nodiscard]] quint16 httpPort() const { return m_http.port(); }

    NsclService &service() { return m_service; }
    /// Number of requests answered so far (thread-safe enough for statistics).
    [[nodiscard]] quint64 requestCount() const { return m_requests.loadRelaxed(); }

    /// Handles one HTTP request: the binding plus the service.
    http::Response handleHttp(const http::Request &request);
    /// handleHttp() for the plain HTTP binding, which holds long polls on notification
    /// channels: `reply` runs now, or when a notification arrives or the wait ends.
    void handleHttpHeld(const http::Request &request, http::Server::Reply reply);
    /// Long polls held now, for tests and statistics.
    [[nodiscard]] int heldPolls() const;
    /// Answers the long polls held on these channels that now have a notification (on this
    /// object's thread; the service's channelNotifier posts here).
    void wakeChannels(const QStringList &channels);

    /// Turns on the service connection and the secured bindings (TLS-PSK, CoAP, DTLS-PSK; see
    /// docs/service-connection.md). The NSCL owns the result; call once.
    Result<NsclSecurity *> enableSecurity(NsclSecurityConfig config);
    /// Null until enableSecurity().
    [[nodiscard]] NsclSecurity *security() const { return m_security; }
    [[nodiscard]] const http::BindingProfile &binding() const { return m_binding; }
    /// A hook in front of the service for every mId request on any binding ("http",
    /// "https-psk", "coap", "coaps"): the bench's proxies use it to timestamp requests and to
    /// answer one with a scripted response. It calls `next` for the service's own answer. Set
    /// it on the node's thread.
    /// `pskIdentity` names the secured session's key (empty in the clear).
    using MidHook = std::function<mid::Response(
        const QString &binding, const mid::Request &request, const QByteArray &pskIdentity,
        const std::function<mid::Response(const mid::Request &)> &next)>;
    void setMidHook(MidHook hook) { m_hook = std::move(hook); }
    /// The answer to one mId request: the hook's, else the service's.
    mid::Response answer(const QString &binding, const mid::Request &request,
                         const QByteArray &pskIdentity = {});
    /// Counts a request answered on another binding and logs its line.
    void countRequest(const QString &line);

    /// Notifications sent and answered with a 2xx, and those that failed, so far.
    [[nodiscard]] quint64 notificationsDelivered() const { return m_delivered.loadRelaxed(); }
    [[nodiscard]] quint64 notificationsFailed() const { return m_failed.loadRelaxed(); }
    /// Sends each notification the service queued to its contact over HTTP (on this object's
    /// thread).
    void deliverQueued(const QList<OutgoingNotification> &notifications);

signals:
    /// One line per request answered: "GET /m2m -> 200", for consoles and logs.
    void requestLogged(const QString &line);
    /// One line per notification sent: "NOTIFY http://host:port/path -> 200".
    void notificationLogged(const QString &line);

private:
    http::Client *clientFor(const QString &host, quint16 port);
    http::Response finish(const http::Request &request, http::Response rsp);

    struct HeldPoll {
        quint64 id = 0;
        http::Request request;
        http::Server::Reply reply;
    };

    NsclService m_service;
    http::BindingProfile m_binding;
    http::Server m_http;
    QAtomicInteger<quint64> m_requests = 0;
    NsclSecurity *m_security = nullptr;
    MidHook m_hook;
    /// A few connections per subscriber endpoint, used in turn, so that a fan-out to many
    /// subscribers of one host does not wait on one connection.
    QMap<QString, QList<http::Client *>> m_clients;
    QMap<QString, int> m_nextClient;
    QAtomicInteger<quint64> m_delivered = 0;
    QAtomicInteger<quint64> m_failed = 0;
    QMap<QString, QList<HeldPoll>> m_polls; ///< by channel path, oldest first
    quint64 m_nextPoll = 1;
};

/// Connections the NSCL keeps open to one subscriber endpoint.
inline constexpr int kNotifyConnectionsPerEndpoint = 4;
/// How long the NSCL waits for a subscriber to answer a notification.
inline constexpr int kNotifyTimeoutMs = 5000;

} // namespace m2mbench::nodes
