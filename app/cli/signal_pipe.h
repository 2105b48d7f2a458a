// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>

namespace m2mbench::cli {

/// Turns SIGINT and SIGTERM into a call of `onSignal` on a thread of its own (never inside the
/// signal handler), so that a run can stop cleanly and still write its reports.
class SignalWatcher {
public:
    explicit SignalWatcher(std::function<void(int)> onSignal);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher &) = delete;
    SignalWatcher &operator=(const SignalWatcher &) = delete;

private:
    struct Impl;
    Impl *m_impl;
};

} // namespace m2mbench::cli
