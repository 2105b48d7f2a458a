// SPDX-License-Identifier: Apache-2.0
// The whole NSCL suite (testcases/etsi-m2m/nscl) against the in-process reference NSCL, with
// schema validation when the schemas are found: total wall time and each test case's time,
// medians of several rounds. Target (issue 6): the whole suite under 60 s.
#include "core/runner/runner.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMap>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace m2mbench;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int rounds = qEnvironmentVariableIntValue("BENCH_ROUNDS") > 0
                           ? qEnvironmentVariableIntValue("BENCH_ROUNDS")
                           : 3;
    auto suite =
        runner::loadSuite({QStringLiteral(M2MBENCH_SOURCE_DIR "/testcases/etsi-m2m/nscl")});
    if (!suite) {
        std::fprintf(stderr, "%s\n", qPrintable(suite.error().message));
        return 3;
    }
    runner::RunOptions options;
    const QString xsd = QStringLiteral(M2MBENCH_SOURCE_DIR "/../shared/etsi-m2m-xsd");
    if (QDir(xsd).exists()) {
        options.xsdDir = xsd;
    }
    std::vector<double> totals;
    QMap<QString, std::vector<double>> perCase;
    int notPassed = 0;
    for (int round = 0; round < rounds; ++round) {
        trace::Trace trace;
        runner::Runner r(trace);
        QElapsedTimer wall;
        wall.start();
        auto summary = r.run(*suite, options);
        totals.push_back(static_cast<double>(wall.nsecsElapsed()) / 1e9);
        if (!summary) {
            std::fprintf(stderr, "%s\n", qPrintable(summary.error().message));
            return 3;
        }
        for (const runner::TestResult &t : summary->results) {
            perCase[t.info.id].push_back(static_cast<double>(t.durationNs) / 1e6);
            notPassed += t.verdict == Verdict::Pass ? 0 : 1;
        }
    }
    std::printf("NSCL suite (%lld test cases) against the in-process reference NSCL%s, median of "
                "%d rounds\n",
                static_cast<long long>(perCase.size()),
                options.xsdDir.isEmpty() ? "" : " with schema validation", rounds);
    double waiting = 0;
    for (auto it = perCase.cbegin(); it != perCase.cend(); ++it) {
        const double ms = median(it.value());
        waiting += ms > 1000 ? ms : 0;
        std::printf("  %-18s %9.1f ms\n", qPrintable(it.key()), ms);
    }
    const double total = median(totals);
    std::printf("  whole suite       : %9.2f s (target < 60 s: %s)\n", total,
                total < 60 ? "met" : "NOT met");
    std::printf("  of which test cases that wait on purpose (expiry, ages, key lifetimes): "
                "%.1f s\n",
                waiting / 1000);
    std::printf("  per test case     : %9.1f ms on average\n",
                total * 1000 / std::max<qsizetype>(1, perCase.size()));
    if (notPassed > 0) {
        std::printf("  WARNING: %d verdict(s) were not pass\n", notPassed);
    }
    return notPassed > 0 ? 1 : 0;
}
