// SPDX-License-Identifier: Apache-2.0
#include "core/trace/trace.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QMutex>

#include <thread>
#include <vector>

using namespace m2mbench;
using namespace m2mbench::trace;

namespace {

class Recorder : public TraceObserver {
public:
    void onEvent(const Event &event) override {
        QMutexLocker lock(&mutex);
        seqs.push_back(event.seq);
    }
    QMutex mutex;
    std::vector<quint64> seqs;
};

} // namespace

TEST(Trace, StampsSequenceTimeAndContext) {
    ManualClock clock;
    Trace trace(clock);
    trace.setContext(QStringLiteral("TC_1"), QStringLiteral("body"));
    clock.advanceMs(5);

    const quint64 seq = trace.append(Event::log(QStringLiteral("runner"), QStringLiteral("hello")));

    const Event e = trace.at(seq);
    EXPECT_EQ(seq, 1u);
    EXPECT_EQ(e.timeNs, 5'000'000);
    EXPECT_EQ(e.testCaseId, QStringLiteral("TC_1"));
    EXPECT_EQ(e.phase, QStringLiteral("body"));
    EXPECT_EQ(e.text, QStringLiteral("hello"));
}

TEST(Trace, ReturnsEventsSinceASequenceNumber) {
    Trace trace;
    for (int i = 0; i < 5; ++i) {
        trace.append(Event::log(QStringLiteral("t"), QString::number(i)));
    }

    const auto tail = trace.since(3);
    const auto limited = trace.since(0, 2);

    ASSERT_EQ(tail.size(), 2u);
    EXPECT_EQ(tail[0].seq, 4u);
    EXPECT_EQ(limited.size(), 2u);
    EXPECT_TRUE(trace.since(5).empty());
    EXPECT_EQ(trace.at(99).seq, 0u);
}

TEST(Trace, ObserversSeeEveryEventOnceInOrderUnderConcurrentAppends) {
    Trace trace;
    Recorder recorder;
    trace.addObserver(&recorder);
    constexpr int kThreads = 4;
    constexpr int kPerThread = 2000;

    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&trace] {
            for (int i = 0; i < kPerThread; ++i) {
                trace.append(Event::log(QStringLiteral("w"), QString()));
            }
        });
    }
    for (auto &t : threads) {
        t.join();
    }
    trace.removeObserver(&recorder);

    ASSERT_EQ(recorder.seqs.size(), static_cast<std::size_t>(kThreads * kPerThread));
    for (std::size_t i = 0; i < recorder.seqs.size(); ++i) {
        ASSERT_EQ(recorder.seqs[i], i + 1) << "delivery out of order at " << i;
    }
    EXPECT_EQ(trace.size(), static_cast<quint64>(kThreads * kPerThread));
}

TEST(Trace, RemovedObserverHearsNothingMore) {
    Trace trace;
    Recorder recorder;
    trace.addObserver(&recorder);
    trace.append(Event::log(QStringLiteral("a"), QString()));

    trace.removeObserver(&recorder);
    trace.append(Event::log(QStringLiteral("b"), QString()));

    EXPECT_EQ(recorder.seqs.size(), 1u);
}
