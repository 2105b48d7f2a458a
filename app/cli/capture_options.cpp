// SPDX-License-Identifier: Apache-2.0
#include "app/cli/capture_options.h"

#include "app/cli/cli_common.h"

#include <QDir>
#include <QFileInfo>

namespace m2mbench::cli {

void addCaptureOptions(QCommandLineParser &parser) {
    parser.addOption({QStringLiteral("pcap"),
                      QStringLiteral("capture the run into DIR: capture.pcapng (live, libpcap), "
                                     "export.pcapng (the messages as the bench saw them, with its "
                                     "trace records) and keys.log (TLS key log)"),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("keys"),
                      QStringLiteral("keep key values: in trace.jsonl and the key records, and the "
                                     "key log embedded in the pcapngs (files become owner-only)")});
    parser.addOption({QStringLiteral("capture-interface"),
                      QStringLiteral("capture on this interface (default: the one facing the SUT, "
                                     "lo for the embedded nodes)"),
                      QStringLiteral("IFACE")});
    parser.addOption({QStringLiteral("capture-filter"),
                      QStringLiteral("libpcap filter (default: the SUT's addresses and ports)"),
                      QStringLiteral("EXPR")});
    parser.addOption({QStringLiteral("no-live-capture"),
                      QStringLiteral("with --pcap, write only the application-level export")});
}

CaptureSettings captureSettingsFrom(const QCommandLineParser &parser) {
    CaptureSettings s;
    s.dir = parser.value(QStringLiteral("pcap"));
    s.keys = parser.isSet(QStringLiteral("keys"));
    s.interface = parser.value(QStringLiteral("capture-interface"));
    s.filter = parser.value(QStringLiteral("capture-filter"));
    s.live = !parser.isSet(QStringLiteral("no-live-capture"));
    return s;
}

CaptureSession::CaptureSession(const CaptureSettings &settings, trace::Trace &trace,
                               runner::RunObserver *next, bool quiet)
    : m_settings(settings)
    , m_next(next)
    , m_quiet(quiet) {
    if (settings.enabled()) {
        trace::RunCaptureOptions options;
        options.dir = settings.dir;
        options.embedSecrets = settings.keys;
        options.interface = settings.interface;
        options.filter = settings.filter;
        options.live = settings.live;
        m_capture = std::make_unique<trace::RunCapture>(trace, options);
    }
}

Result<void> CaptureSession::prepare() {
    const CaptureSettings &s = m_settings;
    if (!s.enabled() && (!s.interface.isEmpty() || !s.filter.isEmpty() || !s.live)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("--capture-interface, --capture-filter and --no-live-capture "
                                   "need --pcap DIR"));
    }
    return m_capture ? m_capture->prepare() : Result<void>();
}

void CaptureSession::runStarted(const runner::RunSummary &summary, int total) {
    if (m_capture) {
        // Said once, before any test case: where the capture goes, or why there is none.
        m_note = m_capture->begin(summary.target);
        if (!m_capture->liveRunning() && !m_note.isEmpty()) {
            err() << m_note << '\n';
            err().flush();
        } else if (!m_quiet && !m_note.isEmpty()) {
            out() << m_note << '\n';
            out().flush();
        }
    }
    if (m_next) {
        m_next->runStarted(summary, total);
    }
}

void CaptureSession::testStarted(const runner::TestCaseInfo &info, int index, int total) {
    if (m_next) {
        m_next->testStarted(info, index, total);
    }
}

void CaptureSession::testFinished(const runner::TestResult &result) {
    if (m_next) {
        m_next->testFinished(result);
    }
}

Result<runner::ReportExtras> CaptureSession::finish(const runner::RunSummary &summary,
                                                    const trace::Trace &trace) {
    runner::ReportExtras extras;
    extras.showKeys = m_settings.keys;
    if (!m_capture) {
        return extras;
    }
    auto done = m_capture->finish(runner::runInfoOf(summary, trace));
    if (!done) {
        return fail(done.error());
    }
    extras.frames = m_capture->frames();
    extras.captureDir = QDir(m_settings.dir).absolutePath();
    if (!done->livePath.isEmpty()) {
        extras.liveCapture = QFileInfo(done->livePath).fileName();
    }
    for (const QString &note : done->notes) {
        err() << "Capture: " << note << '\n';
    }
    if (!m_quiet) {
        if (!done->livePath.isEmpty()) {
            out() << QStringLiteral("Live capture: %1 (%2 frames; %3 messages linked to frames)\n")
                         .arg(QDir(done->livePath).absolutePath())
                         .arg(done->live.frames)
                         .arg(done->live.linkedEvents);
        }
        out() << QStringLiteral("Export: %1 (%2 messages, %3 trace records)\n")
                     .arg(QDir(done->exportPath).absolutePath())
                     .arg(done->exported.messages)
                     .arg(done->exported.records);
        out() << QStringLiteral("Key log: %1 (%2 lines%3)\n")
                     .arg(QDir(done->keyLogPath).absolutePath())
                     .arg(done->keyLogLines)
                     .arg(m_settings.keys && done->keyLogLines > 0
                              ? QStringLiteral(", embedded in the pcapngs")
                              : QString());
    }
    err().flush();
    out().flush();
    return extras;
}

} // namespace m2mbench::cli
