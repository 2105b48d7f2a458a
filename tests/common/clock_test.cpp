// SPDX-License-Identifier: Apache-2.0
#include "core/common/clock.h"

#include <gtest/gtest.h>

using namespace m2mbench;

TEST(ManualClock, MovesOnlyWhenTold) {
    ManualClock clock;
    const QDateTime start = clock.now();

    clock.advanceMs(1500);

    EXPECT_EQ(start.msecsTo(clock.now()), 1500);
    EXPECT_EQ(clock.monotonicNs(), 1'500'000'000);
}

TEST(SystemClock, IsMonotonic) {
    const auto &clock = SystemClock::instance();
    const qint64 a = clock.monotonicNs();
    const qint64 b = clock.monotonicNs();

    EXPECT_LE(a, b);
    EXPECT_EQ(clock.now().timeSpec(), Qt::UTC);
}
