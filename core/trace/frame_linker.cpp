// SPDX-License-Identifier: Apache-2.0
#include "core/trace/frame_linker.h"

#include "core/trace/pcapng_writer.h"

#include <algorithm>

namespace m2mbench::trace {

namespace {

constexpr quint16 kEtherIpv4 = 0x0800;
constexpr quint16 kEtherIpv6 = 0x86DD;
constexpr quint16 kEtherVlan = 0x8100;
constexpr quint8 kIpProtoTcp = 6;
constexpr quint8 kIpProtoUdp = 17;
constexpr quint16 kLinkTypeLoop = 108;
constexpr quint16 kLinkTypeIpv4 = 228;
constexpr quint16 kLinkTypeIpv6 = 229;

quint16 be16(const uchar *p) {
    return static_cast<quint16>((p[0] << 8) | p[1]);
}

quint32 be32(const uchar *p) {
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

std::optional<Segment> parseTransport(quint8 proto, QByteArray src, QByteArray dst, const uchar *p,
                                      qsizetype len) {
    Segment s;
    s.flow.source = std::move(src);
    s.flow.destination = std::move(dst);
    if (proto == kIpProtoTcp) {
        if (len < 20) {
            return std::nullopt;
        }
        const qsizetype header = (p[12] >> 4) * 4;
        if (header < 20 || header > len) {
            return std::nullopt;
        }
        s.flow.transport = Transport::Tcp;
        s.flow.sourcePort = be16(p);
        s.flow.destinationPort = be16(p + 2);
        s.tcpSeq = be32(p + 4);
        s.fin = (p[13] & 0x01) != 0;
        s.syn = (p[13] & 0x02) != 0;
        s.rst = (p[13] & 0x04) != 0;
        s.payload = QByteArray(reinterpret_cast<const char *>(p + header), len - header);
        return s;
    }
    if (proto == kIpProtoUdp) {
        if (len < 8) {
            return std::nullopt;
        }
        const qsizetype udpLength = std::min<qsizetype>(be16(p + 4), len);
        if (udpLength < 8) {
            return std::nullopt;
        }
        s.flow.transport = Transport::Udp;
        s.flow.sourcePort = be16(p);
        s.flow.destinationPort = be16(p + 2);
        s.payload = QByteArray(reinterpret_cast<const char *>(p + 8), udpLength - 8);
        return s;
    }
    return std::nullopt;
}

std::optional<Segment> parseIpv4(const uchar *p, qsizetype len) {
    if (len < 20 || (p[0] >> 4) != 4) {
        return std::nullopt;
    }
    const qsizetype header = (p[0] & 0x0f) * 4;
    const qsizetype total = std::min<qsizetype>(be16(p + 2), len);
    const quint16 fragment = be16(p + 6);
    if (header < 20 || total < header || (fragment & 0x3fff) != 0) {
        return std::nullopt; // fragments are not reassembled: loopback and the bench never need it
    }
    return parseTransport(p[9], QByteArray(reinterpret_cast<const char *>(p + 12), 4),
                          QByteArray(reinterpret_cast<const char *>(p + 16), 4), p + header,
                          total - header);
}

std::optional<Segment> parseIpv6(const uchar *p, qsizetype len) {
    if (len < 40 || (p[0] >> 4) != 6) {
        return std::nullopt;
    }
    const qsizetype total = std::min<qsizetype>(40 + be16(p + 4), len);
    quint8 next = p[6];
    qsizetype at = 40;
    // Hop-by-hop, routing and destination options may precede the transport header; a fragment
    // header means a fragment, which is not reassembled.
    for (int hops = 0; hops < 8 && (next == 0 || next == 43 || next == 60); ++hops) {
        if (at + 8 > total) {
            return std::nullopt;
        }
        next = p[at];
        at += (p[at + 1] + 1) * 8;
    }
    if (at > total) {
        return std::nullopt;
    }
    return parseTransport(next, QByteArray(reinterpret_cast<const char *>(p + 8), 16),
                          QByteArray(reinterpret_cast<const char *>(p + 24), 16), p + at,
                          total - at);
}

std::optional<Segment> parseNetwork(quint16 etherType, const uchar *p, qsizetype len) {
    if (etherType == kEtherIpv4) {
        return parseIpv4(p, len);
    }
    if (etherType == kEtherIpv6) {
        return parseIpv6(p, len);
    }
    return std::nullopt;
}

std::optional<Segment> parseByVersion(const uchar *p, qsizetype len) {
    if (len < 1) {
        return std::nullopt;
    }
    return (p[0] >> 4) == 4 ? parseIpv4(p, len) : parseIpv6(p, len);
}

} // namespace

std::optional<Segment> parseFrame(quint16 linkType, const QByteArray &frame) {
    const auto *p = reinterpret_cast<const uchar *>(frame.constData());
    const qsizetype len = frame.size();
    switch (linkType) {
    case linktype::kEthernet: {
        if (len < 14) {
            return std::nullopt;
        }
        quint16 type = be16(p + 12);
        qsizetype at = 14;
        if (type == kEtherVlan && len >= 18) {
            type = be16(p + 16);
            at = 18;
        }
        return parseNetwork(type, p + at, len - at);
    }
    case linktype::kLinuxSll:
        return len < 16 ? std::nullopt : parseNetwork(be16(p + 14), p + 16, len - 16);
    case linktype::kLinuxSll2:
        return len < 20 ? std::nullopt : parseNetwork(be16(p), p + 20, len - 20);
    case linktype::kNull:
    case kLinkTypeLoop: return len < 4 ? std::nullopt : parseByVersion(p + 4, len - 4);
    case linktype::kRaw:
    case kLinkTypeIpv4:
    case kLinkTypeIpv6: return parseByVersion(p, len);
    default: return std::nullopt;
    }
}

FrameLinker::FrameLinker()
    : FrameLinker(Limits{}) {}

FrameLinker::FrameLinker(Limits limits)
    : m_limits(limits) {}

QByteArray FrameLinker::keyOf(const Flow &flow) {
    QByteArray key = flow.source + flow.destination;
    key.append(static_cast<char>(flow.sourcePort >> 8));
    key.append(static_cast<char>(flow.sourcePort & 0xff));
    key.append(static_cast<char>(flow.destinationPort >> 8));
    key.append(static_cast<char>(flow.destinationPort & 0xff));
    key.append(static_cast<char>(flow.transport));
    return key;
}

void FrameLinker::addFrame(qint64 frameNumber, const Segment &segment) {
    if (!segment.flow.isValid()) {
        return;
    }
    const QByteArray key = keyOf(segment.flow);
    auto it = m_streams.find(key);
    if (it == m_streams.end() || (segment.syn && segment.flow.transport == Transport::Tcp)) {
        if (it == m_streams.end() && static_cast<int>(m_streams.size()) >= m_limits.maxFlows) {
            evictIdle();
        }
        Stream fresh;
        fresh.flow = segment.flow;
        it = m_streams.insert_or_assign(key, std::move(fresh)).first;
    }
    Stream &s = it->second;
    s.lastUse = ++m_clock;
    if (segment.flow.transport == Transport::Tcp) {
        appendTcp(s, frameNumber, segment);
    } else {
        append(s, frameNumber, segment.payload);
    }
}

void FrameLinker::appendTcp(Stream &s, qint64 frameNumber, const Segment &segment) {
    if (segment.syn) {
        s.nextSeq = segment.tcpSeq + 1;
        s.seqKnown = true;
    }
    if (segment.payload.isEmpty()) {
        return;
    }
    QByteArray bytes = segment.payload;
    if (!s.seqKnown) {
        s.nextSeq = segment.tcpSeq; // the capture began mid-connection
        s.seqKnown = true;
    }
    const auto ahead = static_cast<qint32>(segment.tcpSeq - s.nextSeq);
    if (ahead < 0) {
        // A retransmission or an overlap: keep only what is new.
        const qint64 seen = -static_cast<qint64>(ahead);
        if (seen >= bytes.size()) {
            return;
        }
        bytes = bytes.mid(seen);
    }
    // A gap (ahead > 0) means the capture lost bytes; carry on with what arrived.
    s.nextSeq = segment.tcpSeq + static_cast<quint32>(segment.payload.size());
    append(s, frameNumber, bytes);
}

void FrameLinker::append(Stream &s, qint64 frameNumber, const QByteArray &bytes) {
    if (bytes.isEmpty() || s.data.size() + bytes.size() > m_limits.maxBufferedPerFlow) {
        return; // nothing, or a flood no event will claim: keep what is buffered, drop the rest
    }
    s.segments.emplace_back(s.total, frameNumber);
    s.data.append(bytes);
    s.total += bytes.size();
}

qint64 FrameLinker::frameAt(const Stream &s, qint64 offset) const {
    qint64 frame = -1;
    for (const auto &[start, number] : s.segments) {
        if (start > offset) {
            break;
        }
        frame = number;
    }
    return frame;
}

std::optional<FrameLink> FrameLinker::take(Stream &s, qsizetype at, qsizetype length) {
    FrameLink link;
    link.flow = s.flow;
    link.firstFrame = frameAt(s, s.base + at);
    link.lastFrame = frameAt(s, s.base + at + length - 1);
    const qint64 consumed = at + length;
    s.data.remove(0, consumed);
    s.base += consumed;
    while (s.segments.size() > 1 && s.segments[1].first <= s.base) {
        s.segments.pop_front();
    }
    s.lastUse = ++m_clock;
    return link;
}

std::optional<FrameLink> FrameLinker::linkOn(Stream &s, const QByteArray &raw, bool partial) {
    if (s.data.startsWith(raw)) {
        return take(s, 0, raw.size());
    }
    if (const qsizetype at = s.data.indexOf(raw); at > 0) {
        return take(s, at, raw.size());
    }
    if (partial && !s.data.isEmpty() && raw.startsWith(s.data)) {
        return take(s, 0, s.data.size());
    }
    return std::nullopt;
}

std::optional<FrameLink> FrameLinker::link(const QByteArray &raw, bool partial,
                                           const std::optional<Flow> &onFlow) {
    if (raw.isEmpty()) {
        return std::nullopt;
    }
    if (onFlow && onFlow->isValid()) {
        if (auto it = m_streams.find(keyOf(*onFlow)); it != m_streams.end()) {
            if (auto found = linkOn(it->second, raw, partial)) {
                return found;
            }
        }
        if (!partial) {
            return std::nullopt; // not on its flow yet: wait rather than claim another's bytes
        }
    }
    // Where the message comes next in its flow: the common case. When identical messages wait
    // on several flows, the one on the wire first is taken, as events are linked in order.
    Stream *best = nullptr;
    qsizetype bestAt = 0;
    qint64 bestFrame = 0;
    auto consider = [&](Stream &s, qsizetype at) {
        const qint64 frame = frameAt(s, s.base + at);
        if (!best || frame < bestFrame) {
            best = &s;
            bestAt = at;
            bestFrame = frame;
        }
    };
    for (auto &[key, s] : m_streams) {
        if (s.data.startsWith(raw)) {
            consider(s, 0);
        }
    }
    if (!best) {
        for (auto &[key, s] : m_streams) {
            if (const qsizetype at = s.data.indexOf(raw); at > 0) {
                consider(s, at);
            }
        }
    }
    if (best) {
        return take(*best, bestAt, raw.size());
    }
    if (partial) {
        for (auto &[key, s] : m_streams) {
            if (!s.data.isEmpty() && raw.startsWith(s.data)) {
                return take(s, 0, s.data.size());
            }
        }
    }
    return std::nullopt;
}

void FrameLinker::evictIdle() {
    auto oldest = m_streams.begin();
    for (auto it = m_streams.begin(); it != m_streams.end(); ++it) {
        if (it->second.lastUse < oldest->second.lastUse) {
            oldest = it;
        }
    }
    if (oldest != m_streams.end()) {
        m_streams.erase(oldest);
    }
}

} // namespace m2mbench::trace
