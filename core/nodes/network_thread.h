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
class NetworkThread {
public:
    explicit NetworkThread(const QString &name = QStringLiteral("m2mbench-net"));
    ~NetworkThread();
    NetworkThread(const NetworkThread &) = delete;
    NetworkThread &operator=(const NetworkThread &) = delete;

    [[nodiscard]] QThread *thread() const { return m_thread.get(); }
    /// An object living on the thread: a parent or context for things created there.
    [[nodiscard]] QObject *context() const { return m_context; }
    [[nodiscard]] bool isCurrent() const { return QThread::currentThread() == m_thread.get(); }

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
};

} // namespace m2mbench::nodes
