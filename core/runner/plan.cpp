// SPDX-License-Identifier: Apache-2.0
#include "core/runner/plan.h"

#include "core/runner/configuration.h"

namespace m2mbench::runner {

Result<QList<PlanEntry>> planRun(const Suite &suite, const RunOptions &options, const Pics &pics,
                                 const QStringList &alreadyDone, qint64 resumedRun) {
    for (const QString &id : options.only) {
        if (!suite.find(id)) {
            return fail(Error::Kind::Config,
                        QStringLiteral("--only %1: no such test case in the suite").arg(id));
        }
    }
    QList<PlanEntry> plan;
    for (const TestCaseInfo &tc : suite.testCases) {
        PlanEntry entry{tc, false, QString()};
        if (!options.only.isEmpty() && !options.only.contains(tc.id)) {
            entry.reason = QStringLiteral("not named with --only");
        } else if (alreadyDone.contains(tc.id)) {
            entry.reason = QStringLiteral("already done in run %1").arg(resumedRun);
        } else if (!configurations().contains(tc.configuration)) {
            entry.reason = QStringLiteral("configuration %1 is not supported by this bench version")
                               .arg(tc.configuration);
        } else if (const QString why = configurationNotApplicable(tc.configuration, options);
                   !why.isEmpty()) {
            entry.reason = why;
        } else {
            auto sel = pics.evaluate(tc.pics);
            if (!sel) {
                return fail(sel.error().wrap(tc.id));
            }
            entry.selected = sel->selected;
            entry.reason = QStringLiteral("PICS: ") + sel->reason;
        }
        plan.append(entry);
    }
    return plan;
}

Result<QList<PlanEntry>> planRun(const Suite &suite, const RunOptions &options) {
    Pixit pixit;
    Pics pics;
    if (auto ok = Runner::loadProformas(suite, options, pixit, pics); !ok) {
        return fail(ok.error());
    }
    return planRun(suite, options, pics);
}

} // namespace m2mbench::runner
