// SPDX-License-Identifier: Apache-2.0
#include "app/cli/signal_pipe.h"

#include <csignal>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

namespace m2mbench::cli {

namespace {

int g_writeFd = -1;

extern "C" void onPosixSignal(int sig) {
    const char byte = static_cast<char>(sig);
    if (g_writeFd >= 0) {
        [[maybe_unused]] const auto n = ::write(g_writeFd, &byte, 1);
    }
}

} // namespace

struct SignalWatcher::Impl {
    int fds[2] = {-1, -1};
    std::thread thread;
};

SignalWatcher::SignalWatcher(std::function<void(int)> onSignal)
    : m_impl(new Impl) {
    if (::pipe2(m_impl->fds, O_CLOEXEC) != 0) {
        return;
    }
    g_writeFd = m_impl->fds[1];
    int readFd = m_impl->fds[0];
    m_impl->thread = std::thread([readFd, onSignal = std::move(onSignal)] {
        char byte = 0;
        while (::read(readFd, &byte, 1) == 1) {
            if (byte == 0) {
                return; // shutdown of the watcher itself
            }
            onSignal(static_cast<int>(byte));
        }
    });
    struct sigaction sa = {};
    sa.sa_handler = onPosixSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

SignalWatcher::~SignalWatcher() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (m_impl->fds[1] >= 0) {
        const char stop = 0;
        [[maybe_unused]] const auto n = ::write(m_impl->fds[1], &stop, 1);
        g_writeFd = -1;
    }
    if (m_impl->thread.joinable()) {
        m_impl->thread.join();
    }
    for (int fd : m_impl->fds) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    delete m_impl;
}

} // namespace m2mbench::cli
