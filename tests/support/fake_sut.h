// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QThread>

#include <atomic>
#include <memory>

class QTcpServer;

namespace m2mbench::test {

/// A misbehaving system under test on 127.0.0.1, on a thread of its own so that a test can
/// block in the runner while it misbehaves. Each behaviour is one way a real product fails.
class FakeSut {
public:
    enum class Behaviour {
        CloseAtOnce,  ///< accepts, then closes without a byte
        Garbage,      ///< answers every request with bytes that are not HTTP
        Silent,       ///< accepts and reads, never answers
        Slow,         ///< answers a valid 200 after `delayMs`
        Huge,         ///< announces and streams a 50 MB body
        HalfResponse, ///< sends half a response, then closes
    };

    explicit FakeSut(Behaviour behaviour, int delayMs = 0);
    ~FakeSut();
    FakeSut(const FakeSut &) = delete;
    FakeSut &operator=(const FakeSut &) = delete;

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString url() const;
    /// Bytes of body the Huge behaviour managed to write before the peer gave up.
    [[nodiscard]] qint64 bytesStreamed() const { return m_streamed.load(); }

    /// A port on 127.0.0.1 that nothing listens on (bound, then released).
    static quint16 refusingPort();

private:
    void start();

    Behaviour m_behaviour;
    int m_delayMs;
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    std::atomic<qint64> m_streamed = 0;
};

} // namespace m2mbench::test
