// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/trace/frame_index.h"
#include "core/trace/trace.h"

#include <QString>

#include <memory>

namespace m2mbench::trace {

struct LiveCaptureOptions {
    QString interface;        ///< libpcap device name, e.g. "lo"
    QString filter;           ///< libpcap filter; empty captures everything on the interface
    QString path;             ///< the pcapng to write
    bool privateFile = false; ///< owner-only file (it will carry keys)
    int snapLength = 262144;
    /// The kernel's ring. In immediate mode each packet takes a slot of the snap length (on
    /// loopback, about its 64 KiB MTU): 32 MiB holds some 500 packets between two reads.
    int bufferBytes = 32 * 1024 * 1024;
    /// After stop(): keep reading until no packet came for this long and every message event
    /// found its frames, or until drainLimitMs.
    int drainQuietMs = 100;
    int drainLimitMs = 2000;
};

struct LiveCaptureStats {
    quint64 frames = 0;          ///< packets written to the pcapng
    quint64 droppedByKernel = 0; ///< libpcap's ps_drop + ps_ifdrop
    quint64 linkedEvents = 0;    ///< message events placed in frames
    quint64 unlinkedEvents = 0;  ///< message events whose bytes were not found
};

/// Why a live capture could not start; the run goes on with the application-level export.
struct CaptureUnavailable {
    bool permission = false; ///< no capture privilege (the usual case when not root)
    QString reason;          ///< libpcap's words plus what to do
};

/// Captures with libpcap into a pcapng while a run goes and links the trace's message events to
/// the frames that carried them (FrameIndex). One thread of its own reads the interface,
/// writes the file and does the linking; nothing here blocks the threads that append events.
class LiveCapture {
public:
    ~LiveCapture();
    LiveCapture(const LiveCapture &) = delete;
    LiveCapture &operator=(const LiveCapture &) = delete;

    /// Opens the interface, applies the filter and starts capturing; packets sent after this
    /// returns are in the file. `trace` and `frames` must outlive the capture.
    static tl::expected<std::unique_ptr<LiveCapture>, CaptureUnavailable>
    start(const LiveCaptureOptions &options, const Trace &trace,
          std::shared_ptr<FrameIndex> frames);

    /// Queues key log lines; they go into the pcapng as a decryption secrets block ahead of the
    /// next packet, so that Wireshark reading front to back knows them in time. Any thread.
    void addSecrets(const QByteArray &keyLogLines);

    /// Drains, links what is left, closes the file; idempotent.
    Result<LiveCaptureStats> stop();

    [[nodiscard]] quint16 linkType() const;
    [[nodiscard]] const QString &path() const;

private:
    struct Impl;
    explicit LiveCapture(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace m2mbench::trace
