// SPDX-License-Identifier: Apache-2.0
#include "core/runner/notification_sink.h"

#include "core/protocol/http/http_binding.h"
#include "core/protocol/http/http_describe.h"
#include "core/protocol/mid/xml.h"
#include "core/runner/script_api.h"

#include <QDeadlineTimer>
#include <QJSEngine>

namespace m2mbench::runner {

NotificationSink::NotificationSink(QString name, QString nsclName, trace::Trace *trace)
    : m_name(std::move(name))
    , m_nsclName(std::move(nsclName))
    , m_trace(trace)
    , m_server([this](const http::Request &r, const http::PeerInfo &) { return take(r); }, this) {}

Result<quint16> NotificationSink::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

http::Response NotificationSink::take(const http::Request &request) {
    http::Response rsp;
    rsp.status = 200;
    rsp.reason = "OK";
    ReceivedNotification n;
    n.path = QString::fromUtf8(request.target);
    n.body = request.body;
    if (auto primitive = http::fromHttpRequest(request)) {
        n.requestingEntity = primitive->requestingEntity;
    }
    if (m_trace) {
        trace::Event in;
        in.kind = trace::EventKind::MessageReceived;
        in.from = m_nsclName;
        in.to = m_name;
        in.protocol = QStringLiteral("HTTP");
        in.raw = request.serialize();
        in.summary = http::summarizeRequest(request);
        n.seq = m_trace->append(std::move(in));
        trace::Event out;
        out.kind = trace::EventKind::MessageSent;
        out.from = m_name;
        out.to = m_nsclName;
        out.protocol = QStringLiteral("HTTP");
        out.raw = rsp.serialize();
        out.summary = http::summarizeResponse(rsp);
        out.relatesTo = n.seq;
        m_trace->append(std::move(out));
    }
    QMutexLocker lock(&m_mutex);
    m_received.append(n);
    m_arrived.wakeAll();
    return rsp;
}

QList<ReceivedNotification> NotificationSink::waitFor(int count, int timeoutMs,
                                                      const std::function<bool()> &stop) {
    QDeadlineTimer deadline(timeoutMs);
    QMutexLocker lock(&m_mutex);
    while (m_received.size() < count && !deadline.hasExpired() && !stop()) {
        m_arrived.wait(&m_mutex, QDeadlineTimer(std::min<qint64>(deadline.remainingTime(), 100)));
    }
    return m_received;
}

int NotificationSink::received() const {
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_received.size());
}

NotificationSinkProxy::NotificationSinkProxy(TestContext *context, NotificationSink *sink,
                                             QString contact)
    : QObject(context)
    , m_context(context)
    , m_sink(sink)
    , m_contact(std::move(contact)) {}

NotificationSinkProxy::~NotificationSinkProxy() {
    NotificationSink *sink = m_sink;
    m_context->net().post([sink] { delete sink; });
}

int NotificationSinkProxy::received() const {
    return m_sink->received();
}

QJSValue NotificationSinkProxy::wait(int count, int timeoutMs) {
    const int limit =
        timeoutMs > 0 ? std::min(timeoutMs, TestContext::kMaxSleepMs) : m_context->stepTimeoutMs();
    TestContext *ctx = m_context;
    const QList<ReceivedNotification> got =
        m_sink->waitFor(count, limit, [ctx] { return ctx->stopRequested(); });
    QJSEngine *engine = m_context->engine();
    QJSValue list = engine->newArray(static_cast<quint32>(got.size()));
    for (qsizetype i = 0; i < got.size(); ++i) {
        const ReceivedNotification &n = got[i];
        QJSValue o = engine->newObject();
        o.setProperty(QStringLiteral("path"), n.path);
        o.setProperty(QStringLiteral("body"), QString::fromUtf8(n.body));
        o.setProperty(QStringLiteral("requestingEntity"), n.requestingEntity);
        o.setProperty(QStringLiteral("seq"), static_cast<double>(n.seq));
        if (auto doc = mid::parseXml(n.body)) {
            o.setProperty(QStringLiteral("root"), doc->name);
            o.setProperty(QStringLiteral("statusCode"), doc->childText(u"statusCode"));
            o.setProperty(QStringLiteral("subscriptionReference"),
                          doc->childText(u"subscriptionReference"));
            o.setProperty(QStringLiteral("representation"),
                          QString::fromUtf8(QByteArray::fromBase64(
                              doc->childText(u"representation").toLatin1())));
        }
        list.setProperty(static_cast<quint32>(i), o);
    }
    return list;
}

} // namespace m2mbench::runner
