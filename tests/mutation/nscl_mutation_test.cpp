// SPDX-License-Identifier: Apache-2.0
// Mutation test of the NSCL conformance suite: the suite runs against the embedded reference
// NSCL once with no fault (everything must pass) and once per fault of the catalogue
// (core/nodes/nscl/nscl_faults.h). A fault that no test case fails on is a gap in the suite.
#include "core/nodes/nscl/nscl_faults.h"
#include "core/runner/runner.h"
#include "core/runner/suite.h"
#include "tests/support/printers.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

#include <QFile>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace m2mbench;

namespace {

struct Outcome {
    QString fault; ///< empty: the conforming NSCL
    QStringList failed;
    QStringList errored;
    QString runError;
    int total = 0;
};

Outcome runWith(const runner::Suite &suite, const QString &fault) {
    Outcome o;
    o.fault = fault;
    trace::Trace trace;
    runner::Runner r(trace);
    runner::RunOptions options;
    options.xsdDir = test::xsdDir();
    if (!fault.isEmpty()) {
        options.nsclFaults = {fault};
    }
    auto summary = r.run(suite, options);
    if (!summary) {
        o.runError = summary.error().message;
        return o;
    }
    o.total = static_cast<int>(summary->results.size());
    for (const runner::TestResult &t : summary->results) {
        if (t.verdict == Verdict::Fail) {
            o.failed.append(t.info.id);
        } else if (t.verdict != Verdict::Pass) {
            o.errored.append(QStringLiteral("%1 (%2: %3)")
                                 .arg(t.info.id, verdictName(t.verdict), t.reason.left(120)));
        }
    }
    return o;
}

} // namespace

TEST(NsclMutation, EveryFaultMakesTheSuiteFail) {
    if (test::xsdDir().isEmpty()) {
        std::printf("NOTE: TS 102 921 schemas not found at %s; responses are checked for root "
                    "and namespace only, not against the schemas\n",
                    qPrintable(test::xsdDirSearched()));
    }
    auto suite =
        runner::loadSuite({test::sourceDir() + QStringLiteral("/testcases/etsi-m2m/nscl")});
    ASSERT_TRUE(suite) << suite.error().message.toStdString();

    QStringList faults{QString()}; // the conforming NSCL first
    for (const nodes::NsclFault &f : nodes::nsclFaultCatalogue()) {
        faults.append(f.name);
    }
    // Runs are independent (each has its own network thread and embedded NSCL on its own
    // ports) and mostly wait: three at a time.
    std::vector<Outcome> outcomes(static_cast<size_t>(faults.size()));
    std::atomic<int> next{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < 3; ++w) {
        workers.emplace_back([&] {
            for (int i = next++; i < faults.size(); i = next++) {
                outcomes[static_cast<size_t>(i)] = runWith(*suite, faults[i]);
            }
        });
    }
    for (std::thread &t : workers) {
        t.join();
    }

    const Outcome &clean = outcomes.front();
    ASSERT_TRUE(clean.runError.isEmpty()) << clean.runError.toStdString();
    EXPECT_TRUE(clean.failed.isEmpty() && clean.errored.isEmpty())
        << "the conforming NSCL must pass the whole suite; failed: "
        << clean.failed.join(QStringLiteral(", ")).toStdString()
        << "; other: " << clean.errored.join(QStringLiteral("; ")).toStdString();

    QString table = QStringLiteral("NSCL suite (%1 test cases) against the reference NSCL with "
                                   "each fault\n\n")
                        .arg(clean.total);
    table += QStringLiteral("%1  %2  %3\n")
                 .arg(QStringLiteral("fault").leftJustified(34), QStringLiteral("failing"),
                      QStringLiteral("test cases that fail"));
    int detected = 0;
    for (size_t i = 1; i < outcomes.size(); ++i) {
        const Outcome &o = outcomes[i];
        EXPECT_TRUE(o.runError.isEmpty())
            << o.fault.toStdString() << ": " << o.runError.toStdString();
        EXPECT_FALSE(o.failed.isEmpty())
            << "fault '" << o.fault.toStdString()
            << "' is not detected: no test case fails (a gap in the suite)"
            << (o.errored.isEmpty() ? std::string()
                                    : "; not passed without failing: " +
                                          o.errored.join(QStringLiteral("; ")).toStdString());
        detected += o.failed.isEmpty() ? 0 : 1;
        table +=
            QStringLiteral("%1  %2  %3\n")
                .arg(o.fault.leftJustified(34), QString::number(o.failed.size()).rightJustified(7),
                     o.failed.isEmpty() ? QStringLiteral("NOT DETECTED")
                                        : o.failed.join(QStringLiteral(" ")));
    }
    table += QStringLiteral("\n%1 of %2 faults detected\n").arg(detected).arg(outcomes.size() - 1);
    std::fputs(qPrintable(table), stdout);
    QFile out(QStringLiteral(M2MBENCH_MUTATION_OUT));
    if (out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        out.write(table.toUtf8());
    }
}
