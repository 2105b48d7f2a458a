// SPDX-License-Identifier: Apache-2.0
#include "core/common/clock.h"

#include <QElapsedTimer>
#include <QMutexLocker>

#include <chrono>

namespace m2mbench {

QDateTime SystemClock::now() const {
    return QDateTime::currentDateTimeUtc();
}

qint64 SystemClock::monotonicNs() const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

const Clock &SystemClock::instance() {
    static const SystemClock clock;
    return clock;
}

ManualClock::ManualClock(QDateTime start)
    : m_now(std::move(start)) {}

QDateTime ManualClock::now() const {
    QMutexLocker lock(&m_mutex);
    return m_now;
}

qint64 ManualClock::monotonicNs() const {
    QMutexLocker lock(&m_mutex);
    return m_mono;
}

void ManualClock::advanceMs(qint64 ms) {
    QMutexLocker lock(&m_mutex);
    m_now = m_now.addMSecs(ms);
    m_mono += ms * 1'000'000;
}

void ManualClock::set(const QDateTime &when) {
    QMutexLocker lock(&m_mutex);
    m_mono += m_now.msecsTo(when) * 1'000'000;
    m_now = when;
}

} // namespace m2mbench
