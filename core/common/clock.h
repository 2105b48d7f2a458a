// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QMutex>

namespace m2mbench {

/// Wall and monotonic time behind an interface, so that expiry and lifetimes can be tested
/// with a clock the test moves by hand.
class Clock {
public:
    virtual ~Clock() = default;
    /// Wall-clock time in UTC.
    [[nodiscard]] virtual QDateTime now() const = 0;
    /// Monotonic nanoseconds from an arbitrary origin; only differences are meaningful.
    [[nodiscard]] virtual qint64 monotonicNs() const = 0;
};

/// The real clock.
class SystemClock final : public Clock {
public:
    [[nodiscard]] QDateTime now() const override;
    [[nodiscard]] qint64 monotonicNs() const override;
    /// A process-wide instance.
    static const Clock &instance();
};

/// A clock that only moves when told to; thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(QDateTime start = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
    [[nodiscard]] QDateTime now() const override;
    [[nodiscard]] qint64 monotonicNs() const override;
    void advanceMs(qint64 ms);
    void set(const QDateTime &when);

private:
    mutable QMutex m_mutex;
    QDateTime m_now;
    qint64 m_mono = 0;
};

} // namespace m2mbench
