// SPDX-License-Identifier: Apache-2.0
#pragma once

// A subscriber the test case plays: an HTTP server on 127.0.0.1 that takes the NOTIFY requests
// an NSCL sends to a subscription's contact, answers each 200 OK, records them in the trace and
// hands them to the script (`ctx.subscriber(name)`, docs/writing-test-cases.md).

#include "core/protocol/http/http_server.h"
#include "core/trace/trace.h"

#include <QJSValue>
#include <QMutex>
#include <QObject>
#include <QWaitCondition>

namespace m2mbench::runner {

class TestContext;

/// One notification as it arrived.
struct ReceivedNotification {
    QString path;    ///< the request target the contact named
    QByteArray body; ///< the <notify> document
    QString requestingEntity;
    quint64 seq = 0; ///< its trace event
};

/// The server side; lives on the network thread.
class NotificationSink : public QObject {
    Q_OBJECT
public:
    NotificationSink(QString name, QString nsclName, trace::Trace *trace);
    Result<quint16> listen();
    [[nodiscard]] quint16 port() const { return m_server.port(); }

    /// Waits until at least `count` notifications arrived or `timeoutMs` passed (or `stop`
    /// says so); returns every notification received so far. Thread-safe.
    QList<ReceivedNotification> waitFor(int count, int timeoutMs,
                                        const std::function<bool()> &stop);
    [[nodiscard]] int received() const;

private:
    http::Response take(const http::Request &request);

    QString m_name;
    QString m_nsclName;
    trace::Trace *m_trace;
    http::Server m_server;
    mutable QMutex m_mutex;
    QWaitCondition m_arrived;
    QList<ReceivedNotification> m_received;
};

/// What a script holds: `contact`, `wait(count, timeoutMs)`, `received()`.
class NotificationSinkProxy : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString contact READ contact CONSTANT)
public:
    NotificationSinkProxy(TestContext *context, NotificationSink *sink, QString contact);
    ~NotificationSinkProxy() override;

    [[nodiscard]] QString contact() const { return m_contact; }
    /// Every notification received so far once `count` arrived or `timeoutMs` passed (at most
    /// the test case's step timeout when 0), as objects { path, statusCode,
    /// subscriptionReference, representation (the decoded text), body, seq }.
    Q_INVOKABLE QJSValue wait(int count, int timeoutMs = 0);
    /// How many arrived so far.
    Q_INVOKABLE int received() const;

private:
    TestContext *m_context;
    NotificationSink *m_sink; ///< owned; deleted on its thread
    QString m_contact;
};

} // namespace m2mbench::runner
