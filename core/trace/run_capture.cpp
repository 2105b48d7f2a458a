// SPDX-License-Identifier: Apache-2.0
#include "core/trace/run_capture.h"

#include <QDir>
#include <QMutexLocker>

namespace m2mbench::trace {

RunCapture::RunCapture(Trace &trace, RunCaptureOptions options)
    : m_trace(trace)
    , m_options(std::move(options))
    , m_frames(std::make_shared<FrameIndex>()) {}

RunCapture::~RunCapture() {
    if (m_observing) {
        m_trace.removeObserver(m_keyLog.get());
    }
    QMutexLocker lock(&m_liveMutex);
    m_live.reset();
}

QString RunCapture::pathOf(const char *name) const {
    return QDir(m_options.dir).filePath(QLatin1String(name));
}

Result<void> RunCapture::prepare() {
    if (!QDir().mkpath(m_options.dir)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot create the capture folder %1").arg(m_options.dir));
    }
    m_keyLog = std::make_unique<KeyLogWriter>(pathOf(kKeyLogFileName));
    if (auto ok = m_keyLog->open(); !ok) {
        return ok;
    }
    if (m_options.embedSecrets) {
        m_keyLog->setLineListener([this](const QByteArray &line) {
            QMutexLocker lock(&m_liveMutex);
            if (m_live) {
                m_live->addSecrets(line);
            }
        });
    }
    m_trace.addObserver(m_keyLog.get());
    m_observing = true;
    return {};
}

QString RunCapture::begin(const QString &targets) {
    m_endpoints = endpointsFromTargets(targets);
    if (!m_options.live) {
        m_unavailable = QStringLiteral("live capture not requested");
        return QString();
    }
    m_filter = m_options.filter.isEmpty() ? captureFilterFor(m_endpoints) : m_options.filter;
    m_interface = m_options.interface;
    if (m_interface.isEmpty()) {
        if (m_endpoints.isEmpty()) {
            m_unavailable =
                QStringLiteral("no SUT address to capture towards in '%1'").arg(targets);
            return QStringLiteral("Live capture: %1; writing the application-level export only.")
                .arg(m_unavailable);
        }
        auto facing = interfaceFacing(m_endpoints.first().address);
        if (!facing) {
            m_unavailable = facing.error().message;
            return QStringLiteral("Live capture not possible: %1; writing the application-level "
                                  "export only.")
                .arg(m_unavailable);
        }
        m_interface = *facing;
    }
    LiveCaptureOptions live;
    live.interface = m_interface;
    live.filter = m_filter;
    live.path = pathOf(kLiveCaptureFileName);
    live.privateFile = m_options.embedSecrets;
    auto started = LiveCapture::start(live, m_trace, m_frames);
    if (!started) {
        m_unavailable = started.error().reason;
        return QStringLiteral("Live capture not possible: %1. Writing the application-level "
                              "export only.")
            .arg(m_unavailable);
    }
    QMutexLocker lock(&m_liveMutex);
    m_live = std::move(*started);
    if (m_options.embedSecrets && m_keyLog && m_keyLog->lineCount() > 0) {
        m_live->addSecrets(m_keyLog->contents()); // secrets from before the capture began
    }
    m_frames->setCaptureFile(QLatin1String(kLiveCaptureFileName));
    return QStringLiteral("Live capture on %1 (filter: %2) into %3")
        .arg(m_interface, m_filter.isEmpty() ? QStringLiteral("none") : m_filter, live.path);
}

Result<RunCaptureResult> RunCapture::finish(RunInfo info) {
    RunCaptureResult result;
    std::unique_ptr<LiveCapture> live;
    {
        QMutexLocker lock(&m_liveMutex);
        live = std::move(m_live);
    }
    if (live) {
        auto stats = live->stop();
        if (!stats) {
            result.notes.append(stats.error().message);
        } else {
            result.live = *stats;
            result.livePath = live->path();
            info.liveCapture = QLatin1String(kLiveCaptureFileName);
            if (stats->unlinkedEvents > 0) {
                result.notes.append(
                    QStringLiteral("%1 message(s) were not found in the live capture (on a port "
                                   "outside its filter, such as a subscriber's, or on another "
                                   "interface); the export holds them all")
                        .arg(stats->unlinkedEvents));
            }
            if (stats->droppedByKernel > 0) {
                result.notes.append(QStringLiteral("the kernel dropped %1 packet(s) of the live "
                                                   "capture")
                                        .arg(stats->droppedByKernel));
            }
        }
    } // without a live capture begin() already said why: once is enough
    if (info.endpoints.isEmpty()) {
        info.endpoints = m_endpoints;
    }
    info.keysShown = m_options.embedSecrets;
    ExportInput input;
    input.info = info;
    input.events = m_trace.since(0);
    input.liveFrames = m_frames;
    input.showKeys = m_options.embedSecrets;
    if (m_keyLog) {
        result.keyLogPath = m_keyLog->path();
        result.keyLogLines = m_keyLog->lineCount();
        if (m_options.embedSecrets) {
            input.keyLog = m_keyLog->contents();
        }
    }
    result.exportPath = pathOf(kExportFileName);
    auto exported = writePduExport(result.exportPath, input);
    input.keyLog.fill('\0');
    if (!exported) {
        return fail(exported.error());
    }
    result.exported = *exported;
    return result;
}

} // namespace m2mbench::trace
