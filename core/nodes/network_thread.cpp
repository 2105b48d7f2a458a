// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/network_thread.h"

#include "core/crypto/random.h"

#include <QMetaObject>

#include <algorithm>
#include <chrono>
#include <glib.h>
#include <thread>

namespace m2mbench::nodes {

namespace {

using Clock = std::chrono::steady_clock;

// The window of the thread whose loop is polling: GLib's poll hook takes no user data, and each
// NetworkThread has a GMainContext of its own, polled only on that thread.
thread_local int t_busyPollUs = 0;

// GLib's poll with a non-blocking phase first. A ready descriptor (a socket, or the wake-up
// descriptor that a post() from another thread writes) ends the window at once.
gint busyPoll(GPollFD *fds, guint count, gint timeoutMs) {
    if (timeoutMs == 0 || t_busyPollUs <= 0) {
        return g_poll(fds, count, timeoutMs);
    }
    auto window = std::chrono::microseconds(t_busyPollUs);
    if (timeoutMs > 0) {
        window = std::min<std::chrono::microseconds>(window, std::chrono::milliseconds(timeoutMs));
    }
    const auto start = Clock::now();
    const auto until = start + window;
    do {
        const gint ready = g_poll(fds, count, 0);
        if (ready != 0) {
            return ready;
        }
        // Polling must not starve a thread that waits for this CPU (the journal's writer, a
        // report): a yield lets it run, and costs a poller with the CPU to itself a microsecond.
        std::this_thread::yield();
    } while (Clock::now() < until);
    if (timeoutMs < 0) {
        return g_poll(fds, count, -1);
    }
    // What is left of the loop's own timeout, so that a timer fires when it is due.
    const auto spent =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    return g_poll(fds, count, static_cast<gint>(std::max<qint64>(0, timeoutMs - spent)));
}

} // namespace

int NetworkThread::defaultBusyPollUs() {
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("M2MBENCH_BUSY_POLL_US", &ok);
    if (!ok) {
        return kDefaultBusyPollUs;
    }
    return std::clamp(fromEnv, 0, kMaxBusyPollUs);
}

NetworkThread::NetworkThread(const QString &name, int busyPollUs)
    : m_thread(std::make_unique<QThread>()) {
    m_thread->setObjectName(name);
    m_context = new QObject();
    m_context->moveToThread(m_thread.get());
    m_thread->start();
    const int window = std::clamp(busyPollUs, 0, kMaxBusyPollUs);
    m_busyPollUs = invoke([window] {
        // Qt's GLib dispatcher gives each QThread a GMainContext of its own as the thread's
        // default; with another dispatcher there is none, and no busy polling.
        GMainContext *loop = g_main_context_get_thread_default();
        if (window == 0 || loop == nullptr) {
            return 0;
        }
        t_busyPollUs = window;
        g_main_context_set_poll_func(loop, &busyPoll);
        return window;
    });
}

NetworkThread::~NetworkThread() {
    // Objects parented to the context are destroyed on the thread, before it stops.
    QObject *context = m_context;
    invoke([context] {
        qDeleteAll(context->children());
        crypto::releaseThreadState();
    });
    m_thread->quit();
    m_thread->wait();
    delete m_context;
}

void NetworkThread::post(std::function<void()> fn) const {
    QMetaObject::invokeMethod(m_context, std::move(fn), Qt::QueuedConnection);
}

} // namespace m2mbench::nodes
