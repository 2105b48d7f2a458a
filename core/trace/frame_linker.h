// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/frame_index.h"

#include <QByteArray>

#include <deque>
#include <map>
#include <optional>
#include <utility>

namespace m2mbench::trace {

/// The transport payload of one captured frame, with the flow it belongs to.
struct Segment {
    Flow flow;
    quint32 tcpSeq = 0;
    bool syn = false;
    bool fin = false;
    bool rst = false;
    QByteArray payload;
};

/// Decodes link layer, IPv4/IPv6 and TCP/UDP of a captured frame. Anything it does not
/// understand (ARP, fragments, truncated headers) gives nullopt; no length is trusted unchecked.
std::optional<Segment> parseFrame(quint16 linkType, const QByteArray &frame);

/// Finds where the bench's messages travelled in a capture: it rebuilds each flow's byte
/// stream from the captured segments and places each event's raw bytes in it, in order. A
/// message the bench sent is usually recorded before its packets are captured, a received one
/// after: link() is simply asked again until it succeeds.
class FrameLinker {
public:
    struct Limits {
        qsizetype maxBufferedPerFlow = 8 * 1024 * 1024; ///< unmatched bytes kept per direction
        int maxFlows = 4096;
    };

    FrameLinker();
    explicit FrameLinker(Limits limits);

    /// Adds the segment carried by frame `frameNumber` (1-based).
    void addFrame(qint64 frameNumber, const Segment &segment);

    /// Places `raw` in the first flow where it comes next (or further on, skipping bytes no event
    /// claimed). With `partial`, a message whose beginning is captured but not its end (snap
    /// length, a capture stopped early) links to the frames that hold what there is.
    ///
    /// With `onFlow` (a response, whose request travelled the other way), only that flow is
    /// searched: identical answers on other connections cannot claim it. Only with `partial`
    /// (the last pass) do other flows count, in case the request was seen on none.
    std::optional<FrameLink> link(const QByteArray &raw, bool partial = false,
                                  const std::optional<Flow> &onFlow = std::nullopt);

    [[nodiscard]] qsizetype flowCount() const { return static_cast<qsizetype>(m_streams.size()); }

private:
    struct Stream {
        Flow flow;
        QByteArray data;  ///< unconsumed bytes, starting at stream offset `base`
        qint64 base = 0;  ///< stream offset of data[0] (everything before is consumed)
        qint64 total = 0; ///< stream offset just past the last byte appended
        std::deque<std::pair<qint64, qint64>> segments; ///< (stream offset, frame number)
        quint32 nextSeq = 0;
        bool seqKnown = false;
        quint64 lastUse = 0;
    };

    static QByteArray keyOf(const Flow &flow);
    std::optional<FrameLink> linkOn(Stream &s, const QByteArray &raw, bool partial);
    void append(Stream &s, qint64 frameNumber, const QByteArray &bytes);
    void appendTcp(Stream &s, qint64 frameNumber, const Segment &segment);
    std::optional<FrameLink> take(Stream &s, qsizetype at, qsizetype length);
    qint64 frameAt(const Stream &s, qint64 offset) const;
    void evictIdle();

    Limits m_limits;
    std::map<QByteArray, Stream> m_streams;
    quint64 m_clock = 0;
};

} // namespace m2mbench::trace
