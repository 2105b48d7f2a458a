// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/runner/reports.h"
#include "core/runner/runner.h"
#include "core/trace/run_capture.h"

#include <QCommandLineParser>

#include <memory>

namespace m2mbench::cli {

/// What the user asked to capture (docs/wireshark.md).
struct CaptureSettings {
    QString dir;       ///< --pcap DIR: live capture, export and key log go there
    bool keys = false; ///< --keys: key values kept, secrets embedded in the pcapngs
    QString interface; ///< --capture-interface
    QString filter;    ///< --capture-filter
    bool live = true;  ///< false with --no-live-capture

    [[nodiscard]] bool enabled() const { return !dir.isEmpty(); }
};

void addCaptureOptions(QCommandLineParser &parser);
CaptureSettings captureSettingsFrom(const QCommandLineParser &parser);

/// The capture side of one CLI run: a RunObserver that starts the live capture as soon as the
/// SUT's addresses are known and then hands on to the CLI's own observer.
class CaptureSession : public runner::RunObserver {
public:
    CaptureSession(const CaptureSettings &settings, trace::Trace &trace, runner::RunObserver *next,
                   bool quiet);

    /// Before the run; errors: capture options without --pcap (Config), a folder that cannot
    /// be written (Io).
    Result<void> prepare();
    /// After the run: stops, writes the export, prints what was written; returns what the
    /// reports need to link events to frames.
    Result<runner::ReportExtras> finish(const runner::RunSummary &summary,
                                        const trace::Trace &trace);

    void runStarted(const runner::RunSummary &summary, int total) override;
    void testStarted(const runner::TestCaseInfo &info, int index, int total) override;
    void testFinished(const runner::TestResult &result) override;

private:
    CaptureSettings m_settings;
    runner::RunObserver *m_next;
    bool m_quiet;
    std::unique_ptr<trace::RunCapture> m_capture;
    QString m_note;
};

} // namespace m2mbench::cli
