// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/nscl/nscl_node.h"

#include "core/common/logging.h"

#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace m2mbench::nodes {

namespace {

NsclConfig withNotifier(NsclConfig config, NsclNode *node) {
    if (!config.channelNotifier) {
        QPointer<NsclNode> guard(node);
        config.channelNotifier = [guard](QStringList channels) {
            QMetaObject::invokeMethod(
                guard.data(),
                [guard, channels] {
                    if (guard) {
                        guard->wakeChannels(channels);
                    }
                },
                Qt::QueuedConnection);
        };
    }
    if (!config.notifier) {
        // The service calls this under its lock, on whatever thread handled the request; the
        // sending happens on the node's thread.
        QPointer<NsclNode> guard(node);
        config.notifier = [guard](QList<OutgoingNotification> notifications) {
            if (!guard) {
                return;
            }
            QMetaObject::invokeMethod(
                guard.data(),
                [guard, notifications] {
                    if (guard) {
                        guard->deliverQueued(notifications);
                    }
                },
                Qt::QueuedConnection);
        };
    }
    return config;
}

} // namespace

NsclNode::NsclNode(NsclConfig config, http::BindingProfile binding, QObject *parent)
    : QObject(parent)
    , m_service(withNotifier(std::move(config), this))
    , m_binding(std::move(binding))
    , m_http(http::Server::AsyncHandler(
                 [this](const http::Request &req, const http::PeerInfo &,
                        http::Server::Reply reply) { handleHttpHeld(req, std::move(reply)); }),
             http::Server::Options(), this) {}

NsclNode::~NsclNode() = default;

Result<quint16> NsclNode::listenHttp(const QHostAddress &address, quint16 port) {
    auto bound = m_http.listen(address, port);
    if (bound) {
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? u'[' + address.toString() + u']'
                                 : address.toString();
        m_service.setAuthorityIfUnset(QStringLiteral("http://%1:%2").arg(host).arg(*bound));
    }
    return bound;
}

namespace {

mid::Response unreadable(const Error &error) {
    const bool unknownMethod = error.message.startsWith(QLatin1String("method"));
    return errorResponse(unknownMethod ? mid::StatusCode::MethodNotAllowed
                                       : mid::StatusCode::BadRequest,
                         error.message);
}

} // namespace

http::Response NsclNode::handleHttp(const http::Request &request) {
    m_requests.fetchAndAddRelaxed(1);
    auto primitive = http::fromHttpRequest(request);
    const mid::Response r =
        primitive ? answer(QStringLiteral("http"), *primitive) : unreadable(primitive.error());
    return finish(request, http::toHttpResponse(r, m_binding));
}

void NsclNode::handleHttpHeld(const http::Request &request, http::Server::Reply reply) {
    m_requests.fetchAndAddRelaxed(1);
    auto primitive = http::fromHttpRequest(request);
    if (!primitive) {
        reply(finish(request, http::toHttpResponse(unreadable(primitive.error()), m_binding)));
        return;
    }
    if (m_hook) {
        // A bench's hook answers as it sees fit; long polls are not held behind one.
        reply(finish(request,
                     http::toHttpResponse(answer(QStringLiteral("http"), *primitive), m_binding)));
        return;
    }
    QString channel;
    const mid::Response r = m_service.handle(*primitive, &channel);
    if (channel.isEmpty()) {
        reply(finish(request, http::toHttpResponse(r, m_binding)));
        return;
    }
    // Nothing waits in the channel: hold the poll until a notification or the timeout.
    const quint64 id = m_nextPoll++;
    m_polls[channel].append({id, request, std::move(reply)});
    QTimer::singleShot(m_service.config().longPollTimeoutMs, this, [this, channel, id] {
        auto it = m_polls.find(channel);
        if (it == m_polls.end()) {
            return;
        }
        for (qsizetype i = 0; i < it->size(); ++i) {
            if ((*it)[i].id == id) {
                HeldPoll poll = it->takeAt(i);
                if (it->isEmpty()) {
                    m_polls.erase(it);
                }
                poll.reply(finish(
                    poll.request,
                    http::toHttpResponse(
                        errorResponse(mid::StatusCode::RequestTimeout,
                                      QStringLiteral("no notification reached %1 within %2 ms")
                                          .arg(channel)
                                          .arg(m_service.config().longPollTimeoutMs)),
                        m_binding)));
                return;
            }
        }
    });
}

void NsclNode::wakeChannels(const QStringList &channels) {
    for (const QString &channel : channels) {
        auto it = m_polls.find(channel);
        while (it != m_polls.end() && !it->isEmpty()) {
            auto notification = m_service.takeNotification(channel);
            if (!notification) {
                break;
            }
            HeldPoll poll = it->takeFirst();
            poll.reply(finish(poll.request, http::toHttpResponse(*notification, m_binding)));
        }
        if (it != m_polls.end() && it->isEmpty()) {
            m_polls.erase(it);
        }
    }
}

int NsclNode::heldPolls() const {
    int n = 0;
    for (const auto &polls : m_polls) {
        n += static_cast<int>(polls.size());
    }
    return n;
}

http::Response NsclNode::finish(const http::Request &request, http::Response rsp) {
    const QString line =
        QStringLiteral("%1 %2 -> %3")
            .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.target))
            .arg(rsp.status);
    qCDebug(lcNodes).noquote() << "NSCL:" << line;
    emit requestLogged(line);
    if (m_security) {
        m_security->observePlain(request, rsp);
    }
    return rsp;
}

mid::Response NsclNode::answer(const QString &binding, const mid::Request &request,
                               const QByteArray &pskIdentity) {
    if (!m_hook) {
        return m_service.handle(request);
    }
    return m_hook(binding, request, pskIdentity,
                  [this](const mid::Request &r) { return m_service.handle(r); });
}

Result<NsclSecurity *> NsclNode::enableSecurity(NsclSecurityConfig config) {
    if (m_security) {
        return fail(Error::Kind::Internal, QStringLiteral("the NSCL's security is already on"));
    }
    auto *security = new NsclSecurity(*this, std::move(config), this);
    if (auto ok = security->init(); !ok) {
        delete security;
        return fail(ok.error());
    }
    m_security = security;
    return security;
}

http::Client *NsclNode::clientFor(const QString &host, quint16 port) {
    const QString key = host + u':' + QString::number(port);
    QList<http::Client *> &pool = m_clients[key];
    if (pool.size() < kNotifyConnectionsPerEndpoint) {
        pool.append(new http::Client(host, port, {}, this));
        return pool.last();
    }
    int &next = m_nextClient[key];
    next = (next + 1) % static_cast<int>(pool.size());
    return pool[next];
}

void NsclNode::deliverQueued(const QList<OutgoingNotification> &notifications) {
    for (const OutgoingNotification &n : notifications) {
        const QUrl url(n.contact);
        if (url.scheme().toLower() != u"http") {
            // https, coap and coaps contacts: not sent yet (docs/nscl-subscriptions.md).
            m_failed.fetchAndAddRelaxed(1);
            const QString line = QStringLiteral("NOTIFY %1 -> not sent: only http contacts are "
                                                "reached")
                                     .arg(n.contact);
            qCDebug(lcNodes).noquote() << "NSCL:" << line;
            emit notificationLogged(line);
            continue;
        }
        const quint16 port = static_cast<quint16>(url.port(80));
        http::Request req = http::toHttpRequest(
            n.request, (url.host() + u':' + QString::number(port)).toUtf8(), m_binding);
        const QString contact = n.contact;
        clientFor(url.host(), port)
            ->send(std::move(req), kNotifyTimeoutMs, [this, contact](const http::Exchange &ex) {
                const bool ok = ex.outcome == http::Exchange::Outcome::Ok &&
                                ex.response.status >= 200 && ex.response.status < 300;
                (ok ? m_delivered : m_failed).fetchAndAddRelaxed(1);
                const QString line =
                    ex.outcome == http::Exchange::Outcome::Ok
                        ? QStringLiteral("NOTIFY %1 -> %2").arg(contact).arg(ex.response.status)
                        : QStringLiteral("NOTIFY %1 -> %2: %3")
                              .arg(contact, http::outcomeName(ex.outcome), ex.detail);
                qCDebug(lcNodes).noquote() << "NSCL:" << line;
                emit notificationLogged(line);
            });
    }
}

void NsclNode::countRequest(const QString &line) {
    m_requests.fetchAndAddRelaxed(1);
    qCDebug(lcNodes).noquote() << "NSCL:" << line;
    emit requestLogged(line);
}

} // namespace m2mbench::nodes
