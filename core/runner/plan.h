// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/pics.h"
#include "core/runner/runner.h"
#include "core/runner/suite.h"

namespace m2mbench::runner {

/// Whether a test case runs, and the reason either way: the PICS predicate with the values that
/// decided it, --only, a configuration this bench lacks, or a resumed run that already did it.
struct PlanEntry {
    TestCaseInfo info;
    bool selected = false;
    QString reason;
};

/// Plans with PICS already loaded. `alreadyDone` are test cases a resumed run completed.
Result<QList<PlanEntry>> planRun(const Suite &suite, const RunOptions &options, const Pics &pics,
                                 const QStringList &alreadyDone = {}, qint64 resumedRun = 0);

/// Loads the suite's proformas and the lab's PICS/PIXIT files, then plans: what
/// `m2mbench-cli plan` prints.
Result<QList<PlanEntry>> planRun(const Suite &suite, const RunOptions &options);

} // namespace m2mbench::runner
