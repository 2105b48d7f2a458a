// SPDX-License-Identifier: Apache-2.0
#include "core/trace/live_capture.h"

#include "core/trace/frame_linker.h"
#include "core/trace/pcapng_writer.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

#include <pcap/pcap.h>

#include <atomic>
#include <deque>
#include <thread>

#include <poll.h>

namespace m2mbench::trace {

namespace {

constexpr int kPollMs = 20;
constexpr int kDispatchBatch = 512;
constexpr std::size_t kMaxPendingEvents = 4096;
/// Reads of the ring per wake-up before linking: the ring is emptied first, so that linking
/// never holds up the kernel (a full ring drops packets).
constexpr int kMaxDispatchRounds = 64;
/// A message not found this long after it was first looked for is looked for again only when
/// the capture stops: its bytes went another way (another interface, a TLS channel), and
/// searching every capture buffer for it on each wake-up would slow the capture down.
constexpr qint64 kStaleMs = 2000;

/// libpcap's DLT_ values equal the LINKTYPE_ values written to files, except for a few
/// platform-specific ones; DLT_RAW is the one that matters on Linux.
quint16 linkTypeOf(int dlt) {
    return dlt == DLT_RAW ? linktype::kRaw : static_cast<quint16>(dlt);
}

QString activationAdvice(int rc, const QString &interface) {
    switch (rc) {
    case PCAP_ERROR_PERM_DENIED:
    case PCAP_ERROR_PROMISC_PERM_DENIED:
        return QStringLiteral("no permission to capture on %1 (run as root, or grant the "
                              "executable CAP_NET_RAW and CAP_NET_ADMIN: sudo setcap "
                              "cap_net_raw,cap_net_admin+eip m2mbench-cli)")
            .arg(interface);
    case PCAP_ERROR_NO_SUCH_DEVICE:
        return QStringLiteral("there is no capture interface %1 (list them with "
                              "'tcpdump -D' and choose one with --capture-interface)")
            .arg(interface);
    case PCAP_ERROR_IFACE_NOT_UP: return QStringLiteral("interface %1 is down").arg(interface);
    default: return QStringLiteral("cannot capture on %1").arg(interface);
    }
}

} // namespace

struct LiveCapture::Impl {
    LiveCaptureOptions options;
    const Trace &trace;
    std::shared_ptr<FrameIndex> frames;
    pcap_t *pcap = nullptr;
    std::unique_ptr<PcapngWriter> writer;
    quint16 linkType = 0;
    bool nanoseconds = false;
    std::thread thread;
    std::atomic_bool stopRequested = false;
    QMutex secretsMutex;
    QByteArray pendingSecrets; // guarded by secretsMutex
    bool finished = false;
    Result<LiveCaptureStats> outcome;

    // Owned by the capture thread until it is joined.
    FrameLinker linker;
    struct PendingEvent {
        quint64 seq = 0;
        quint64 relatesTo = 0; ///< the request of a response, linked first
        QByteArray raw;
        qint64 firstTriedMs = -1; ///< capture clock of the first search
    };
    QElapsedTimer clock; ///< started when the capture thread runs
    std::deque<PendingEvent> pendingEvents;
    quint64 seenSeq = 0;
    bool dirty = false;
    LiveCaptureStats stats;
    QString failure;

    Impl(const LiveCaptureOptions &o, const Trace &t, std::shared_ptr<FrameIndex> f)
        : options(o)
        , trace(t)
        , frames(std::move(f)) {}

    ~Impl() {
        if (pcap) {
            pcap_close(pcap);
        }
    }

    std::optional<CaptureUnavailable> open();
    void run();
    void flushSecrets();
    void pullEvents();
    void linkPending(bool partial);
    static void onPacket(u_char *user, const pcap_pkthdr *header, const u_char *bytes);
};

std::optional<CaptureUnavailable> LiveCapture::Impl::open() {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    const QByteArray device = options.interface.toLocal8Bit();
    pcap = pcap_create(device.constData(), errbuf);
    if (!pcap) {
        return CaptureUnavailable{false, QString::fromLocal8Bit(errbuf)};
    }
    pcap_set_snaplen(pcap, options.snapLength);
    pcap_set_promisc(pcap, 0);
    pcap_set_immediate_mode(pcap, 1);
    pcap_set_buffer_size(pcap, options.bufferBytes);
    nanoseconds = pcap_set_tstamp_precision(pcap, PCAP_TSTAMP_PRECISION_NANO) == 0;
    if (const int rc = pcap_activate(pcap); rc < 0) {
        const QString detail = QString::fromLocal8Bit(pcap_geterr(pcap));
        return CaptureUnavailable{
            rc == PCAP_ERROR_PERM_DENIED,
            QStringLiteral("%1: %2").arg(activationAdvice(rc, options.interface), detail)};
    }
    if (!options.filter.isEmpty()) {
        bpf_program program{};
        const QByteArray filter = options.filter.toLocal8Bit();
        if (pcap_compile(pcap, &program, filter.constData(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
            return CaptureUnavailable{
                false, QStringLiteral("capture filter '%1' is not valid: %2")
                           .arg(options.filter, QString::fromLocal8Bit(pcap_geterr(pcap)))};
        }
        const int rc = pcap_setfilter(pcap, &program);
        pcap_freecode(&program);
        if (rc != 0) {
            return CaptureUnavailable{false, QString::fromLocal8Bit(pcap_geterr(pcap))};
        }
    }
    if (pcap_setnonblock(pcap, 1, errbuf) != 0) {
        return CaptureUnavailable{false, QString::fromLocal8Bit(errbuf)};
    }
    linkType = linkTypeOf(pcap_datalink(pcap));
    auto created = PcapngWriter::create(options.path, QStringLiteral("m2mbench " M2MBENCH_VERSION),
                                        options.privateFile);
    if (!created) {
        return CaptureUnavailable{false, created.error().message};
    }
    writer = std::move(*created);
    PcapngInterface iface;
    iface.linkType = linkType;
    iface.snapLen = static_cast<quint32>(options.snapLength);
    iface.name = options.interface;
    iface.description = QStringLiteral("m2mbench live capture");
    iface.filter = options.filter;
    if (auto id = writer->addInterface(iface); !id) {
        return CaptureUnavailable{false, id.error().message};
    }
    return std::nullopt;
}

void LiveCapture::Impl::onPacket(u_char *user, const pcap_pkthdr *header, const u_char *bytes) {
    auto *self = reinterpret_cast<Impl *>(user);
    self->flushSecrets();
    const qint64 sub = header->ts.tv_usec;
    const qint64 ts =
        qint64(header->ts.tv_sec) * 1'000'000'000 + (self->nanoseconds ? sub : sub * 1000);
    const QByteArray data(reinterpret_cast<const char *>(bytes),
                          static_cast<qsizetype>(header->caplen));
    if (auto ok = self->writer->writePacket(0, ts, data, header->len); !ok) {
        if (self->failure.isEmpty()) {
            self->failure = ok.error().message;
        }
        return;
    }
    const auto frame = static_cast<qint64>(self->writer->packetCount());
    if (const auto segment = parseFrame(self->linkType, data)) {
        self->linker.addFrame(frame, *segment);
    }
    self->dirty = true;
}

void LiveCapture::Impl::flushSecrets() {
    QByteArray secrets;
    {
        QMutexLocker lock(&secretsMutex);
        secrets.swap(pendingSecrets);
    }
    if (!secrets.isEmpty()) {
        writer->writeDecryptionSecrets(PcapngWriter::kTlsKeyLogSecrets, secrets);
        secrets.fill('\0');
    }
}

void LiveCapture::Impl::pullEvents() {
    for (;;) {
        const std::vector<Event> fresh = trace.since(seenSeq, 1024);
        if (fresh.empty()) {
            return;
        }
        for (const Event &e : fresh) {
            seenSeq = e.seq;
            // A message decrypted from a TLS or DTLS channel is not on the wire as such: looking
            // for its bytes could only claim another flow's identical plaintext.
            if (e.isMessage() && !e.raw.isEmpty() && e.channel.isEmpty()) {
                pendingEvents.push_back({e.seq, e.relatesTo, e.raw});
                dirty = true;
            }
        }
        while (pendingEvents.size() > kMaxPendingEvents) {
            pendingEvents.pop_front(); // never seen on this interface: give up on the oldest
            ++stats.unlinkedEvents;
        }
    }
}

void LiveCapture::Impl::linkPending(bool partial) {
    dirty = false;
    QSet<quint64> waiting; // events of this pass not linked yet
    const qint64 now = clock.elapsed();
    for (auto it = pendingEvents.begin(); it != pendingEvents.end();) {
        if (it->firstTriedMs < 0) {
            it->firstTriedMs = now;
        } else if (!partial && now - it->firstTriedMs > kStaleMs) {
            waiting.insert(it->seq);
            ++it;
            continue;
        }
        // A response travels its request's flow the other way. While the request waits, so
        // does the response: identical answers on other connections must not claim it.
        std::optional<Flow> onFlow;
        if (it->relatesTo != 0) {
            if (const auto request = frames->find(it->relatesTo)) {
                onFlow = request->flow.reversed();
            } else if (waiting.contains(it->relatesTo) && !partial) {
                waiting.insert(it->seq);
                ++it;
                continue;
            }
        }
        if (const auto link = linker.link(it->raw, partial, onFlow)) {
            frames->set(it->seq, *link);
            ++stats.linkedEvents;
            it = pendingEvents.erase(it);
        } else {
            waiting.insert(it->seq);
            ++it;
        }
    }
}

void LiveCapture::Impl::run() {
    const int fd = pcap_get_selectable_fd(pcap);
    clock.start();
    qint64 lastPacketMs = 0;
    qint64 stopAtMs = -1;
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        ::poll(&p, 1, kPollMs);
        int n = 0;
        int read = 0;
        for (int round = 0; round < kMaxDispatchRounds; ++round) {
            n = pcap_dispatch(pcap, kDispatchBatch, &Impl::onPacket,
                              reinterpret_cast<u_char *>(this));
            if (n <= 0) {
                break;
            }
            read += n;
        }
        if (n < 0) {
            failure = QString::fromLocal8Bit(pcap_geterr(pcap));
            break;
        }
        if (read > 0) {
            lastPacketMs = clock.elapsed();
        }
        pullEvents();
        if (dirty) {
            linkPending(false);
        }
        if (!stopRequested.load()) {
            continue;
        }
        if (stopAtMs < 0) {
            stopAtMs = clock.elapsed();
            lastPacketMs = std::max(lastPacketMs, stopAtMs);
        }
        const qint64 quiet = clock.elapsed() - lastPacketMs;
        // Done when all is linked and the wire is quiet; a message that never shows (sent on
        // another interface) costs at most three quiet periods, never the whole limit.
        if ((pendingEvents.empty() && quiet >= options.drainQuietMs) ||
            quiet >= 3 * options.drainQuietMs ||
            clock.elapsed() - stopAtMs >= options.drainLimitMs) {
            break;
        }
    }
    pullEvents();
    linkPending(true);
    stats.unlinkedEvents += pendingEvents.size();
    pendingEvents.clear();
    flushSecrets();
}

LiveCapture::LiveCapture(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}

LiveCapture::~LiveCapture() {
    stop();
}

tl::expected<std::unique_ptr<LiveCapture>, CaptureUnavailable>
LiveCapture::start(const LiveCaptureOptions &options, const Trace &trace,
                   std::shared_ptr<FrameIndex> frames) {
    auto impl = std::make_unique<Impl>(options, trace, std::move(frames));
    if (auto unavailable = impl->open()) {
        return tl::unexpected<CaptureUnavailable>(*unavailable);
    }
    // Events already in the trace went out before the capture began: never look for them.
    impl->seenSeq = trace.size();
    Impl *raw = impl.get();
    impl->thread = std::thread([raw] { raw->run(); });
    return std::unique_ptr<LiveCapture>(new LiveCapture(std::move(impl)));
}

void LiveCapture::addSecrets(const QByteArray &keyLogLines) {
    QMutexLocker lock(&m_impl->secretsMutex);
    m_impl->pendingSecrets += keyLogLines;
}

Result<LiveCaptureStats> LiveCapture::stop() {
    Impl &d = *m_impl;
    if (d.finished) {
        return d.outcome;
    }
    d.finished = true;
    d.stopRequested = true;
    if (d.thread.joinable()) {
        d.thread.join();
    }
    pcap_stat ps{};
    if (pcap_stats(d.pcap, &ps) == 0) {
        d.stats.droppedByKernel = ps.ps_drop + ps.ps_ifdrop;
    }
    d.stats.frames = d.writer->packetCount();
    auto closed = d.writer->close();
    if (!d.failure.isEmpty()) {
        d.outcome = fail(
            Error::Kind::Io,
            QStringLiteral("live capture on %1 failed: %2").arg(d.options.interface, d.failure));
    } else if (!closed) {
        d.outcome = fail(closed.error());
    } else {
        d.outcome = d.stats;
    }
    return d.outcome;
}

quint16 LiveCapture::linkType() const {
    return m_impl->linkType;
}

const QString &LiveCapture::path() const {
    return m_impl->options.path;
}

} // namespace m2mbench::trace
