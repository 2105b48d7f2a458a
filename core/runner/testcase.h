// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/verdict.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace m2mbench::runner {

/// A document and clause a test case traces back to.
struct SpecReference {
    QString document; ///< "ETSI TS 102 690"
    QString clause;   ///< "9.3.2.6.2"
};

/// What a test case script declares about itself in its exported `meta` object.
struct TestCaseInfo {
    QString id; ///< unique, equals the file's base name: TC_NSCL_REG_001
    QString title;
    QString purpose; ///< test purpose id: TP_NSCL_REG_001
    QString objective;
    QList<SpecReference> references;
    QString configuration; ///< CFG_NSCL, CFG_DG, ...
    QString pics;          ///< PICS predicate; empty means always selected
    QStringList pixit;     ///< PIXIT items the test reads
    QString file;          ///< absolute path of the script
    QString group;         ///< folder relative to the suite root, e.g. etsi-m2m/nscl/registration
};

/// What came of running one test case.
struct TestResult {
    TestCaseInfo info;
    Verdict verdict = Verdict::None;
    QString reason; ///< why the verdict is what it is; never empty unless pass
    qint64 durationNs = 0;
    int checks = 0;
    int failedChecks = 0;
    quint64 firstSeq = 0; ///< trace events of this test case
    quint64 lastSeq = 0;
};

} // namespace m2mbench::runner
