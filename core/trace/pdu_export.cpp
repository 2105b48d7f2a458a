// SPDX-License-Identifier: Apache-2.0
#include "core/trace/pdu_export.h"

#include "core/trace/bench_record.h"
#include "core/trace/pcapng_writer.h"

#include <QHash>
#include <QHostAddress>

namespace m2mbench::trace {

namespace {

// Exported-PDU tags (wsutil/exported_pdu_tlvs.h).
constexpr quint16 kTagEnd = 0;
constexpr quint16 kTagDissectorName = 12;
constexpr quint16 kTagHeuristicName = 13;
constexpr quint16 kTagIpv4Src = 20;
constexpr quint16 kTagIpv4Dst = 21;
constexpr quint16 kTagIpv6Src = 22;
constexpr quint16 kTagIpv6Dst = 23;
constexpr quint16 kTagPortType = 24;
constexpr quint16 kTagSrcPort = 25;
constexpr quint16 kTagDstPort = 26;
constexpr quint16 kTagOrigFrame = 30;
constexpr quint32 kPortTypeTcp = 2;
constexpr quint32 kPortTypeUdp = 3;

struct ProtocolInfo {
    const char *trace;
    const char *dissector;
    Transport transport;
    quint16 port;
    bool heuristic; ///< Wireshark 4.0 registers it as a heuristic dissector only (PANA on UDP)
};

// The names Wireshark 4.0 registers (checked against tshark 4.0.17: an unknown name decodes as
// nothing at all).
constexpr ProtocolInfo kProtocols[] = {
    {"HTTP", "http", Transport::Tcp, 80, false},
    {"CoAP", "coap", Transport::Udp, 5683, false},
    {"PANA", "pana_udp", Transport::Udp, 716, true},
    {"EAP", "eap", Transport::None, 0, false},
    {"RADIUS", "radius", Transport::Udp, 1812, false},
    {"Diameter", "diameter", Transport::Tcp, 3868, false},
    {"TLS", "tls", Transport::Tcp, 443, false},
    {"DTLS", "dtls", Transport::Udp, 5684, false},
};

const ProtocolInfo *protocolInfo(const QString &protocol) {
    for (const ProtocolInfo &p : kProtocols) {
        if (protocol.compare(QLatin1String(p.trace), Qt::CaseInsensitive) == 0) {
            return &p;
        }
    }
    return nullptr;
}

void putTag(QByteArray &out, quint16 tag, const QByteArray &value) {
    out.append(static_cast<char>(tag >> 8));
    out.append(static_cast<char>(tag & 0xff));
    out.append(static_cast<char>((value.size() >> 8) & 0xff));
    out.append(static_cast<char>(value.size() & 0xff));
    out.append(value);
}

QByteArray u32(quint32 v) {
    QByteArray out(4, '\0');
    for (int i = 0; i < 4; ++i) {
        out[3 - i] = static_cast<char>((v >> (8 * i)) & 0xff);
    }
    return out;
}

/// Exported-PDU header: dissector name, addresses, ports, original frame; then the end tag.
QByteArray pduHeader(const QString &dissector, const Flow *flow, qint64 originalFrame,
                     bool heuristic = false) {
    QByteArray out;
    putTag(out, heuristic ? kTagHeuristicName : kTagDissectorName, dissector.toLatin1());
    if (flow && flow->isValid()) {
        const bool v6 = flow->source.size() == 16;
        putTag(out, v6 ? kTagIpv6Src : kTagIpv4Src, flow->source);
        putTag(out, v6 ? kTagIpv6Dst : kTagIpv4Dst, flow->destination);
        putTag(out, kTagPortType,
               u32(flow->transport == Transport::Udp ? kPortTypeUdp : kPortTypeTcp));
        putTag(out, kTagSrcPort, u32(flow->sourcePort));
        putTag(out, kTagDstPort, u32(flow->destinationPort));
    }
    if (originalFrame > 0) {
        putTag(out, kTagOrigFrame, u32(static_cast<quint32>(originalFrame)));
    }
    putTag(out, kTagEnd, {});
    return out;
}

/// Addresses and ports for messages the live capture did not place: the SUT's from the run's
/// endpoints, the bench's own a stable made-up port per pair of lifelines (documented in
/// docs/wireshark.md), and a real flow once one was seen for that pair.
class FlowGuesser {
public:
    explicit FlowGuesser(const RunInfo &info)
        : m_info(info) {}

    Flow flowFor(const Event &e, const FrameIndex *live) {
        const bool sent = e.kind == EventKind::MessageSent;
        // The channel is part of the flow: HTTP in the clear and HTTP inside TLS-PSK between
        // the same two lifelines are different connections to different ports.
        const QString key = (sent ? e.from + u'|' + e.to : e.to + u'|' + e.from) + u'|' +
                            e.protocol.toLower() + u'|' + e.channel.toLower();
        if (live) {
            if (const auto link = live->find(e.seq); link && link->flow.isValid()) {
                // Remember the bench->peer direction of the real flow.
                Flow forward = link->flow;
                if (!sent) {
                    std::swap(forward.source, forward.destination);
                    std::swap(forward.sourcePort, forward.destinationPort);
                }
                m_seen.insert(key, forward);
                return link->flow;
            }
        }
        Flow f = m_seen.contains(key) ? m_seen.value(key) : guess(e, key);
        if (!sent) {
            std::swap(f.source, f.destination);
            std::swap(f.sourcePort, f.destinationPort);
        }
        return f;
    }

private:
    /// The URL scheme of the endpoint a message goes to, from its protocol and channel.
    static QString schemeOf(const Event &e) {
        const bool secured = !e.channel.isEmpty();
        if (e.protocol.compare(QLatin1String("HTTP"), Qt::CaseInsensitive) == 0) {
            return secured ? QStringLiteral("https") : QStringLiteral("http");
        }
        if (e.protocol.compare(QLatin1String("CoAP"), Qt::CaseInsensitive) == 0) {
            return secured ? QStringLiteral("coaps") : QStringLiteral("coap");
        }
        if (e.protocol.compare(QLatin1String("TLS"), Qt::CaseInsensitive) == 0) {
            return QStringLiteral("https");
        }
        if (e.protocol.compare(QLatin1String("DTLS"), Qt::CaseInsensitive) == 0) {
            return QStringLiteral("coaps");
        }
        return e.protocol.toLower(); // pana, diameter, radius
    }

    Flow guess(const Event &e, const QString &key) {
        const ProtocolInfo *p = protocolInfo(e.protocol);
        Flow f;
        f.transport = p ? p->transport : Transport::None;
        if (f.transport == Transport::None) {
            return f;
        }
        QString peerAddress = QStringLiteral("127.0.0.1");
        quint16 peerPort = p->port;
        // The endpoint of the message's own scheme (https for HTTP inside TLS, coaps for CoAP
        // inside DTLS), else the first of its transport.
        const QString scheme = schemeOf(e);
        const CaptureEndpoint *chosen = nullptr;
        for (const CaptureEndpoint &ep : m_info.endpoints) {
            if (ep.scheme == scheme) {
                chosen = &ep;
                break;
            }
            if (!chosen && ep.transport == f.transport) {
                chosen = &ep;
            }
        }
        if (chosen) {
            peerAddress = chosen->address;
            peerPort = chosen->port;
        }
        QString own = localAddressFacing(peerAddress);
        if (own.isEmpty() || QHostAddress(own).protocol() != QHostAddress(peerAddress).protocol()) {
            own = QHostAddress(peerAddress).protocol() == QAbstractSocket::IPv6Protocol
                      ? QStringLiteral("::1")
                      : QStringLiteral("127.0.0.1");
        }
        f.source = Flow::addressFromString(own);
        f.destination = Flow::addressFromString(peerAddress);
        f.sourcePort = static_cast<quint16>(49152 + (qHash(key) % 16000));
        f.destinationPort = peerPort;
        m_seen.insert(key, f);
        return f;
    }

    const RunInfo &m_info;
    QHash<QString, Flow> m_seen;
};

qint64 timestampOf(const RunInfo &info, qint64 timeNs) {
    const qint64 origin = info.started.isValid() ? info.started.toMSecsSinceEpoch() * 1'000'000 : 0;
    return origin + std::max<qint64>(timeNs, 0);
}

} // namespace

QString wiresharkDissectorFor(const QString &protocol) {
    const ProtocolInfo *p = protocolInfo(protocol);
    return p ? QLatin1String(p->dissector) : QStringLiteral("data");
}

Transport transportFor(const QString &protocol) {
    const ProtocolInfo *p = protocolInfo(protocol);
    return p ? p->transport : Transport::None;
}

namespace {

/// Writes one export, event by event: messages as exported PDUs, everything else as records.
class Exporter {
public:
    Exporter(PcapngWriter &writer, quint32 interfaceId, const ExportInput &in)
        : m_w(writer)
        , m_id(interfaceId)
        , m_in(in)
        , m_flows(in.info) {
        m_context.showKeys = in.showKeys;
        m_context.frameOf = [this](quint64 seq) { return m_exportFrames.value(seq, -1); };
        m_context.liveFrameOf = [this](quint64 seq) { return liveFrameOf(seq); };
    }

    Result<void> writeRun() { return writeRecord(0, record::encodeRun(m_in.info)); }

    Result<void> write(const Event &e) {
        const QString place = e.testCaseId + u'/' + e.phase;
        if (!e.phase.isEmpty() && place != m_lastPlace) {
            if (auto ok =
                    writeRecord(e.timeNs, record::encodePhase(e.testCaseId, e.phase, e.timeNs));
                !ok) {
                return ok;
            }
        }
        m_lastPlace = e.phase.isEmpty() ? QString() : place;
        if (e.isMessage() && !e.raw.isEmpty()) {
            return writeMessage(e, place);
        }
        if (const auto rec = record::encodeEvent(e, m_context)) {
            return writeRecord(e.timeNs, *rec);
        }
        return {};
    }

    [[nodiscard]] const ExportStats &stats() const { return m_stats; }

private:
    qint64 liveFrameOf(quint64 seq) const {
        return m_in.liveFrames ? m_in.liveFrames->frameOf(seq) : qint64(-1);
    }

    Result<void> writeRecord(qint64 timeNs, const QByteArray &rec) {
        ++m_stats.records;
        return m_w.writePacket(m_id, timestampOf(m_in.info, timeNs),
                               pduHeader(QLatin1String(record::kDissectorName), nullptr, -1) + rec);
    }

    Result<void> writeMessage(const Event &e, const QString &place) {
        const Flow flow = m_flows.flowFor(e, m_in.liveFrames.get());
        const QString comment =
            QStringLiteral("m2mbench event %1%2")
                .arg(e.seq)
                .arg(e.testCaseId.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(place));
        const ProtocolInfo *p = protocolInfo(e.protocol);
        const QByteArray header = pduHeader(wiresharkDissectorFor(e.protocol), &flow,
                                            liveFrameOf(e.seq), p && p->heuristic);
        auto ok =
            m_w.writePacket(m_id, timestampOf(m_in.info, e.timeNs), header + e.raw, 0, comment);
        m_exportFrames.insert(e.seq, static_cast<qint64>(m_w.packetCount()));
        ++m_stats.messages;
        return ok;
    }

    PcapngWriter &m_w;
    quint32 m_id;
    const ExportInput &m_in;
    FlowGuesser m_flows;
    record::Context m_context;
    QHash<quint64, qint64> m_exportFrames; ///< message seq -> frame number in this file
    QString m_lastPlace;
    ExportStats m_stats;
};

} // namespace

Result<ExportStats> writePduExport(const QString &path, const ExportInput &in) {
    auto writer = PcapngWriter::create(path, in.info.bench, in.showKeys || !in.keyLog.isEmpty());
    if (!writer) {
        return fail(writer.error());
    }
    PcapngWriter &w = **writer;
    PcapngInterface iface;
    iface.linkType = linktype::kWiresharkUpperPdu;
    iface.name = QStringLiteral("m2mbench");
    iface.description = QStringLiteral("M2M Bench: messages as the bench saw them, and its trace "
                                       "records (etsim2m)");
    auto id = w.addInterface(iface);
    if (!id) {
        return fail(id.error());
    }
    if (!in.keyLog.isEmpty()) {
        if (auto ok = w.writeDecryptionSecrets(PcapngWriter::kTlsKeyLogSecrets, in.keyLog); !ok) {
            return fail(ok.error());
        }
    }
    Exporter exporter(w, *id, in);
    if (auto ok = exporter.writeRun(); !ok) {
        return fail(ok.error());
    }
    for (const Event &e : in.events) {
        if (auto ok = exporter.write(e); !ok) {
            return fail(ok.error());
        }
    }
    if (auto ok = w.close(); !ok) {
        return fail(ok.error());
    }
    return exporter.stats();
}

} // namespace m2mbench::trace
