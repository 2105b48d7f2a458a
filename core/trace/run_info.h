// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/capture_plan.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace m2mbench::trace {

/// What the capture files say about the run as a whole: the trace file's header and the first
/// etsim2m record of an export.
struct RunInfo {
    QString bench;                    ///< "m2mbench 0.1.0"
    QString target;                   ///< what was tested, in words
    QDateTime started;                ///< wall time of the trace's origin (Event::timeNs == 0)
    QStringList midBasePaths;         ///< sclBase paths of the SUTs, e.g. "/m2m"
    QList<CaptureEndpoint> endpoints; ///< the SUT's addresses and ports
    bool keysShown = false;           ///< key values were kept (the user asked)
    QString liveCapture;              ///< file name of the run's live pcapng, when one was made
    QString captureDir;               ///< where --pcap put the captures and keys.log (absolute)
    qint64 runId = 0;                 ///< the run's number in the journal, 0 when none
};

} // namespace m2mbench::trace
