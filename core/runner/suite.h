// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/runner/testcase.h"

namespace m2mbench::runner {

/// The test cases found under one or more folders (or single files), in a stable order.
struct Suite {
    QList<TestCaseInfo> testCases;
    QStringList roots;

    [[nodiscard]] const TestCaseInfo *find(const QString &id) const;
};

/// Finds every `TC_*.js` below the given paths and reads each one's metadata. A script that does
/// not load, or whose metadata is incomplete, is an error naming the file and what is missing.
Result<Suite> loadSuite(const QStringList &paths);

/// The folder of the bundled test cases: $M2MBENCH_TESTCASES, else the installed or source
/// location found relative to the executable.
QString defaultTestcasesDir();

} // namespace m2mbench::runner
