// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QThread>

#include <functional>
#include <future>
#include <memory>

namespace m2mbench::nodes {

/// A thread with a Qt event loop on which nodes and their sockets live. Work crosses into it
/// through post() (fire and forget) or invoke() (wait for the result); callers on the thread
/// itself run directly.
///
/// Busy polling: before its event loop blocks, the thread polls its descriptors without
/// blocking for a short window (busyPollUs). A step of a test case posts work here and the
/// answer comes back within tens of microseconds; waking a thread that already sleeps costs
/// about as much again on a virtual machine, so the window roughly halves the cost of a
/// runner -> node round trip (docs/architecture.md, "Threads"). Timers are not delayed: the
/// window never exceeds the loop's own timeout. 0 turns it off.
class NetworkThread {
public:
    /// The window of busy polling, microseconds: M2MBENCH_BUSY_POLL_US if set (0 to 10,000),
    /// else kDefaultBusyPollUs.
    static constexpr int kDefaultBusyPollUs = 100;
    static constexpr int kMaxBusyPollUs = 10000;
    [[nodiscard]] static int defaultBusyPollUs();

    explicit NetworkThread(const QString &name = QStringLiteral("m2mbench-net"),
                           int busyPollUs = defaultBusyPollUs());
    ~NetworkThread();
    NetworkThread(const NetworkThread &) = delete;
    NetworkThread &operator=(const NetworkThread &) = delete;

    [[nodiscard]] QThread *thread() const { return m_thread.get(); }
    /// An object living on the thread: a parent or context for things created there.
    [[nodiscard]] QObject *context() const { return m_context; }
    [[nodiscard]] bool isCurrent() const { return QThread::currentThread() == m_thread.get(); }
    /// The busy-polling window in force: 0 when off or when the thread's event dispatcher is
    /// not GLib's (QT_NO_GLIB), which the window needs.
    [[nodiscard]] int busyPollUs() const { return m_busyPollUs; }

    void post(std::function<void()> fn) const;

    /// Runs fn on the thread and returns its result, blocking the caller until it has run.
    template<typename F>
    auto invoke(F fn) const -> decltype(fn()) {
        using R = decltype(fn());
        if (isCurrent()) {
            return fn();
        }
        auto task = std::make_shared<std::packaged_task<R()>>(std::move(fn));
        auto future = task->get_future();
        post([task] { (*task)(); });
        return future.get();
    }

private:
    std::unique_ptr<QThread> m_thread;
    QObject *m_context = nullptr;
    int m_busyPollUs = 0;
};

} // namespace m2mbench::nodes
