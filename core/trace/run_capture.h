// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/trace/key_log.h"
#include "core/trace/live_capture.h"
#include "core/trace/pdu_export.h"
#include "core/trace/run_info.h"

#include <QMutex>
#include <QStringList>

#include <memory>

namespace m2mbench::trace {

inline constexpr char kLiveCaptureFileName[] = "capture.pcapng";
inline constexpr char kExportFileName[] = "export.pcapng";
inline constexpr char kKeyLogFileName[] = "keys.log";

struct RunCaptureOptions {
    QString dir;               ///< where capture.pcapng, export.pcapng and keys.log go
    bool embedSecrets = false; ///< the user asked for keys: DSB in both pcapngs, key values
    QString interface;         ///< empty: the interface facing the SUT
    QString filter;            ///< empty: built from the run's endpoints
    bool live = true;          ///< false: application-level export only
};

struct RunCaptureResult {
    QString livePath; ///< empty when there was no live capture
    QString exportPath;
    QString keyLogPath;
    int keyLogLines = 0;
    LiveCaptureStats live;
    ExportStats exported;
    QStringList notes; ///< what the user should know (fallback, unlinked messages)
};

/// Everything a run leaves for Wireshark, in one place for the CLI and the GUI: the live
/// capture (when the bench may capture), the application-level export, and the key log.
///
///     RunCapture capture(trace, options);
///     capture.prepare();              // before the run: the key log starts listening
///     capture.begin(summary.target);  // once the SUT's addresses are known (runStarted)
///     ... run ...
///     capture.finish(runInfo);        // after it: stop, link, export
class RunCapture {
public:
    RunCapture(Trace &trace, RunCaptureOptions options);
    ~RunCapture();
    RunCapture(const RunCapture &) = delete;
    RunCapture &operator=(const RunCapture &) = delete;

    /// Creates the folder and the key log; errors name the path.
    Result<void> prepare();
    /// Starts the live capture towards the endpoints named in `targets`. Never fails the run:
    /// returns a note to show when live capture is not possible (said once, here).
    QString begin(const QString &targets);
    /// Stops capturing, links what is left and writes the export.
    Result<RunCaptureResult> finish(RunInfo info);

    [[nodiscard]] std::shared_ptr<FrameIndex> frames() const { return m_frames; }
    [[nodiscard]] const QList<CaptureEndpoint> &endpoints() const { return m_endpoints; }
    [[nodiscard]] bool liveRunning() const { return m_live != nullptr; }

private:
    QString pathOf(const char *name) const;

    Trace &m_trace;
    RunCaptureOptions m_options;
    std::shared_ptr<FrameIndex> m_frames;
    std::unique_ptr<KeyLogWriter> m_keyLog;
    QMutex m_liveMutex; // m_live is read by the key log listener on any thread
    std::unique_ptr<LiveCapture> m_live;
    QList<CaptureEndpoint> m_endpoints;
    QString m_interface;
    QString m_filter;
    QString m_unavailable;
    bool m_observing = false;
};

} // namespace m2mbench::trace
