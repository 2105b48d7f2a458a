// SPDX-License-Identifier: Apache-2.0
// The machine-readable trace, the application-level export and the capture plan.
#include "core/trace/bench_record.h"
#include "core/trace/capture_plan.h"
#include "core/trace/pcapng_reader.h"
#include "core/trace/pcapng_writer.h"
#include "core/trace/pdu_export.h"
#include "core/trace/trace_file.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

using namespace m2mbench;
using namespace m2mbench::trace;

namespace {

RunInfo runInfo() {
    RunInfo info;
    info.bench = QStringLiteral("m2mbench test");
    info.target = QStringLiteral("embedded reference NSCL at http://127.0.0.1:8080/m2m");
    info.started = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    info.midBasePaths = {QStringLiteral("/m2m")};
    info.endpoints = endpointsFromTargets(info.target);
    return info;
}

std::vector<Event> runEvents() {
    std::vector<Event> out;
    auto add = [&out](Event e) {
        e.seq = out.size() + 1;
        e.timeNs = static_cast<qint64>(e.seq) * 1000;
        out.push_back(std::move(e));
    };
    Event start;
    start.kind = EventKind::TestCaseStarted;
    start.testCaseId = QStringLiteral("TC_1");
    start.summary = QStringLiteral("a title");
    add(start);
    Event req;
    req.kind = EventKind::MessageSent;
    req.from = QStringLiteral("D/GSCL");
    req.to = QStringLiteral("NSCL");
    req.protocol = QStringLiteral("HTTP");
    req.testCaseId = QStringLiteral("TC_1");
    req.phase = QStringLiteral("body");
    req.raw = QByteArrayLiteral("GET /m2m HTTP/1.1\r\nHost: x\r\n\r\n");
    add(req);
    Event rsp = req;
    rsp.kind = EventKind::MessageReceived;
    std::swap(rsp.from, rsp.to);
    rsp.raw = QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    rsp.relatesTo = 2;
    add(rsp);
    Event check;
    check.kind = EventKind::Check;
    check.testCaseId = QStringLiteral("TC_1");
    check.phase = QStringLiteral("body");
    check.verdict = Verdict::Fail;
    check.text = QStringLiteral("expected 201");
    check.relatesTo = 3;
    add(check);
    auto d = std::make_shared<KeyDerivation>();
    d->name = QStringLiteral("Kmc");
    d->output = SecureBytes::fromByteArray(QByteArray(32, 'q'));
    Event key;
    key.kind = EventKind::KeyDerivation;
    key.derivation = d;
    add(key);
    return out;
}

quint16 be16(const QByteArray &b, qsizetype at) {
    return static_cast<quint16>((static_cast<quint8>(b.at(at)) << 8) |
                                static_cast<quint8>(b.at(at + 1)));
}

/// The exported-PDU tags of a packet, by tag number.
QMap<quint16, QByteArray> tagsOf(const QByteArray &packet, QByteArray *payload) {
    QMap<quint16, QByteArray> tags;
    qsizetype at = 0;
    while (at + 4 <= packet.size()) {
        const quint16 tag = be16(packet, at);
        const quint16 len = be16(packet, at + 2);
        tags.insert(tag, packet.mid(at + 4, len));
        at += 4 + len;
        if (tag == 0) {
            break;
        }
    }
    *payload = packet.mid(at);
    return tags;
}

} // namespace

TEST(TraceFile, RoundTripsEventsFramesAndTheRunHeader) {
    FrameIndex frames;
    Flow flow;
    flow.source = Flow::addressFromString(QStringLiteral("127.0.0.1"));
    flow.destination = flow.source;
    flow.sourcePort = 40000;
    flow.destinationPort = 8080;
    flow.transport = Transport::Tcp;
    frames.set(2, FrameLink{4, 4, flow});
    const std::vector<Event> events = runEvents();

    const auto back = parseTraceJsonl(traceJsonl(runInfo(), events, &frames));

    ASSERT_TRUE(back) << back.error().message.toStdString();
    EXPECT_EQ(back->info.target, runInfo().target);
    EXPECT_EQ(back->info.midBasePaths, QStringList{QStringLiteral("/m2m")});
    ASSERT_EQ(back->events.size(), events.size());
    EXPECT_EQ(back->events[1].raw, events[1].raw);
    EXPECT_EQ(back->events[3].verdict, Verdict::Fail);
    EXPECT_EQ(back->events[3].relatesTo, 3u);
    EXPECT_EQ(back->frames->frameOf(2), 4);
    EXPECT_EQ(back->frames->find(2)->flow, flow);
    ASSERT_TRUE(back->events[4].derivation);
    EXPECT_TRUE(back->events[4].derivation->output.isEmpty()); // masked: never written
}

TEST(TraceFile, KeepsKeyValuesOnlyWhenTheRunAskedForThem) {
    RunInfo info = runInfo();
    const QByteArray masked = traceJsonl(info, runEvents(), nullptr);
    info.keysShown = true;
    const QByteArray shown = traceJsonl(info, runEvents(), nullptr);

    const QByteArray keyHex = QByteArray(32, 'q').toHex();
    EXPECT_FALSE(masked.contains(keyHex));
    EXPECT_TRUE(masked.contains("\"masked\":true"));
    EXPECT_TRUE(shown.contains(keyHex));
    EXPECT_EQ(parseTraceJsonl(shown)->events[4].derivation->output.size(), 32u);
}

TEST(TraceFile, NamesTheLineThatIsWrong) {
    const QByteArray good = traceJsonl(runInfo(), runEvents(), nullptr);

    const auto notJson = parseTraceJsonl(good + "{not json\n");
    const auto noKind = parseTraceJsonl(good + "{\"seq\":9}\n");
    const auto notOurs = parseTraceJsonl("{\"format\":\"other\"}\n");

    ASSERT_FALSE(notJson);
    EXPECT_TRUE(notJson.error().message.startsWith(QStringLiteral("line 7")))
        << notJson.error().message.toStdString();
    EXPECT_FALSE(noKind);
    EXPECT_FALSE(notOurs);
    EXPECT_FALSE(parseTraceJsonl({}));
}

TEST(PduExport, WritesMessagesAsExportedPdusAndEverythingElseAsRecords) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.pcapng"));
    ExportInput in;
    in.info = runInfo();
    in.events = runEvents();

    const auto stats = writePduExport(path, in);
    const auto file = readPcapng(path);

    ASSERT_TRUE(stats) << stats.error().message.toStdString();
    EXPECT_EQ(stats->messages, 2);
    EXPECT_EQ(stats->records, 5); // run, test case start, phase, check, key
    ASSERT_TRUE(file);
    ASSERT_EQ(file->linkTypes.value(0), linktype::kWiresharkUpperPdu);
    ASSERT_EQ(file->packets.size(), 7);
    QByteArray payload;
    const auto request = tagsOf(file->packets[3].data, &payload);
    EXPECT_EQ(request.value(12), QByteArrayLiteral("http"));
    EXPECT_EQ(request.value(21), QByteArray::fromHex("7f000001"));
    EXPECT_EQ(request.value(24), QByteArray::fromHex("00000002"));
    EXPECT_EQ(request.value(26), QByteArray::fromHex("00001f90")); // the SUT's port 8080
    EXPECT_EQ(payload, in.events[1].raw);
    const auto response = tagsOf(file->packets[4].data, &payload);
    EXPECT_EQ(response.value(25), QByteArray::fromHex("00001f90"));
    EXPECT_EQ(response.value(26), request.value(25)); // same conversation, other direction
    const auto check = tagsOf(file->packets[5].data, &payload);
    EXPECT_EQ(check.value(12), QByteArrayLiteral("etsim2m_record"));
    const auto rec = record::decode(payload);
    ASSERT_TRUE(rec);
    EXPECT_EQ(rec->number(record::tag::kRelatesFrame), 5u); // the response is frame 5
    EXPECT_EQ(file->packets[3].timestampNs, 1'700'000'000'000'000'000 + 2000);
}

TEST(PduExport, UsesTheLiveCapturesFlowsAndFramesAndEmbedsTheKeyLog) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.pcapng"));
    auto frames = std::make_shared<FrameIndex>();
    Flow flow;
    flow.source = Flow::addressFromString(QStringLiteral("10.0.0.1"));
    flow.destination = Flow::addressFromString(QStringLiteral("10.0.0.2"));
    flow.sourcePort = 50000;
    flow.destinationPort = 80;
    flow.transport = Transport::Tcp;
    frames->set(2, FrameLink{7, 8, flow});
    ExportInput in;
    in.info = runInfo();
    in.events = runEvents();
    in.liveFrames = frames;
    in.keyLog = QByteArrayLiteral("CLIENT_RANDOM 00 00\n");

    ASSERT_TRUE(writePduExport(path, in));
    const auto file = readPcapng(path);

    ASSERT_TRUE(file);
    ASSERT_EQ(file->secrets.size(), 1);
    EXPECT_EQ(file->secrets[0].beforePacket, 0);
    QByteArray payload;
    const auto request = tagsOf(file->packets[3].data, &payload);
    EXPECT_EQ(request.value(20), QByteArray::fromHex("0a000001"));
    EXPECT_EQ(request.value(30), QByteArray::fromHex("00000008"));
    const auto response = tagsOf(file->packets[4].data, &payload);
    EXPECT_EQ(response.value(20), QByteArray::fromHex("0a000002")); // the live flow, reversed
    EXPECT_EQ(QFile(path).permissions() & QFileDevice::ReadOther, 0);
}

TEST(PduExport, MessagesInsideTlsOrDtlsGoToTheirOwnEndpoints) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("export.pcapng"));
    ExportInput in;
    in.info = runInfo();
    in.info.target = QStringLiteral("embedded reference NSCL at http://127.0.0.1:8080/m2m (HTTP/"
                                    "TLS-PSK https://127.0.0.1:8443, coap://127.0.0.1:5683, "
                                    "coaps://127.0.0.1:5684)");
    in.info.endpoints = endpointsFromTargets(in.info.target);
    std::vector<Event> events;
    auto message = [&events](const QString &protocol, const QString &channel) {
        Event e;
        e.kind = EventKind::MessageSent;
        e.seq = events.size() + 1;
        e.from = QStringLiteral("D/GSCL");
        e.to = QStringLiteral("NSCL");
        e.protocol = protocol;
        e.channel = channel;
        e.raw = protocol == u"HTTP" ? QByteArrayLiteral("GET /m2m HTTP/1.1\r\n\r\n")
                                    : QByteArray::fromHex("40010001");
        events.push_back(e);
    };
    message(QStringLiteral("HTTP"), QString());
    message(QStringLiteral("HTTP"), QStringLiteral("TLS-PSK"));
    message(QStringLiteral("CoAP"), QString());
    message(QStringLiteral("CoAP"), QStringLiteral("DTLS-PSK"));
    message(QStringLiteral("HTTP"), QString()); // the plain flow again, after the TLS one
    in.events = events;

    ASSERT_TRUE(writePduExport(path, in));
    const auto file = readPcapng(path);

    ASSERT_TRUE(file);
    QList<QByteArray> destinationPorts;
    QList<QByteArray> sourcePorts;
    for (const PcapngPacket &packet : file->packets) {
        QByteArray payload;
        const auto tags = tagsOf(packet.data, &payload);
        if (tags.value(12) == "http" || tags.value(12) == "coap") {
            destinationPorts.append(tags.value(26));
            sourcePorts.append(tags.value(25));
        }
    }
    ASSERT_EQ(destinationPorts.size(), 5);
    EXPECT_EQ(destinationPorts[0], QByteArray::fromHex("00001f90")); // 8080
    EXPECT_EQ(destinationPorts[1], QByteArray::fromHex("000020fb")); // 8443
    EXPECT_EQ(destinationPorts[2], QByteArray::fromHex("00001633")); // 5683
    EXPECT_EQ(destinationPorts[3], QByteArray::fromHex("00001634")); // 5684
    EXPECT_EQ(destinationPorts[4], destinationPorts[0]);
    EXPECT_EQ(sourcePorts[4], sourcePorts[0]) << "one conversation per flow";
    EXPECT_NE(sourcePorts[1], sourcePorts[0]) << "the TLS connection is another conversation";
}

TEST(PduExport, NamesTheWiresharkDissectorOfEachProtocol) {
    EXPECT_EQ(wiresharkDissectorFor(QStringLiteral("HTTP")), QStringLiteral("http"));
    EXPECT_EQ(wiresharkDissectorFor(QStringLiteral("CoAP")), QStringLiteral("coap"));
    EXPECT_EQ(wiresharkDissectorFor(QStringLiteral("PANA")),
              QStringLiteral("pana_udp")); // heuristic
    EXPECT_EQ(wiresharkDissectorFor(QStringLiteral("Diameter")), QStringLiteral("diameter"));
    EXPECT_EQ(wiresharkDissectorFor(QStringLiteral("RADIUS")), QStringLiteral("radius"));
    EXPECT_EQ(wiresharkDissectorFor(QStringLiteral("EAP")), QStringLiteral("eap"));
    EXPECT_EQ(wiresharkDissectorFor(QStringLiteral("Morse")), QStringLiteral("data"));
    EXPECT_EQ(transportFor(QStringLiteral("PANA")), Transport::Udp);
}

TEST(CapturePlan, FindsTheSutsEndpointsInTheRunsTargets) {
    const auto endpoints = endpointsFromTargets(
        QStringLiteral("embedded reference NSCL at http://127.0.0.1:40123/m2m; coap://[::1]/m2m; "
                       "pana://127.0.0.1"));

    ASSERT_EQ(endpoints.size(), 3);
    EXPECT_EQ(endpoints[0].address, QStringLiteral("127.0.0.1"));
    EXPECT_EQ(endpoints[0].port, 40123);
    EXPECT_EQ(endpoints[0].transport, Transport::Tcp);
    EXPECT_EQ(endpoints[1].address, QStringLiteral("::1"));
    EXPECT_EQ(endpoints[1].port, 5683);
    EXPECT_EQ(endpoints[1].transport, Transport::Udp);
    EXPECT_EQ(endpoints[2].port, 716);
    EXPECT_EQ(
        captureFilterFor(endpoints),
        QStringLiteral("(host 127.0.0.1 and tcp port 40123) or (host ::1 and udp port 5683) or "
                       "(host 127.0.0.1 and udp port 716)"));
    EXPECT_TRUE(endpointsFromTargets(QStringLiteral("no url here, ftp://x:1")).isEmpty());
}

TEST(CapturePlan, CapturesLoopbackTrafficOnTheLoopbackInterface) {
    const auto iface = interfaceFacing(QStringLiteral("127.0.0.1"));

    ASSERT_TRUE(iface) << iface.error().message.toStdString();
    EXPECT_EQ(*iface, QStringLiteral("lo"));
    EXPECT_FALSE(interfaceFacing(QStringLiteral("not an address")));
}
