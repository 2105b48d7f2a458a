// SPDX-License-Identifier: Apache-2.0
#include "core/trace/frame_linker.h"
#include "core/trace/pcapng_writer.h"
#include "tests/support/printers.h"
#include "tests/trace/packet_builder.h"

#include <gtest/gtest.h>

using namespace m2mbench;
using namespace m2mbench::trace;
using test::TcpFlow;

namespace {

const QByteArray kRequest = QByteArrayLiteral("GET /m2m HTTP/1.1\r\nHost: x\r\n\r\n");
const QByteArray kResponse = QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

void add(FrameLinker &linker, qint64 frame, const QByteArray &bytes) {
    const auto segment = parseFrame(linktype::kEthernet, bytes);
    ASSERT_TRUE(segment);
    linker.addFrame(frame, *segment);
}

} // namespace

TEST(ParseFrame, DecodesEthernetIpv4Tcp) {
    const TcpFlow flow;

    const auto s = parseFrame(linktype::kEthernet, test::tcpFrame(flow, 100, kRequest));

    ASSERT_TRUE(s);
    EXPECT_EQ(s->flow.transport, Transport::Tcp);
    EXPECT_EQ(s->flow.sourcePort, 40000);
    EXPECT_EQ(s->flow.destinationPort, 8080);
    EXPECT_EQ(s->tcpSeq, 100u);
    EXPECT_EQ(s->payload, kRequest);
    EXPECT_EQ(s->flow.toString(), QStringLiteral("127.0.0.1:40000 -> 127.0.0.1:8080/tcp"));
}

TEST(ParseFrame, DecodesIpv6Udp) {
    TcpFlow flow;
    flow.src = QByteArray(15, '\0') + '\x01';
    flow.dst = flow.src;
    flow.dport = 5683;

    const auto s = parseFrame(linktype::kEthernet, test::udpFrame(flow, QByteArrayLiteral("coap")));

    ASSERT_TRUE(s);
    EXPECT_EQ(s->flow.transport, Transport::Udp);
    EXPECT_EQ(s->payload, QByteArrayLiteral("coap"));
    EXPECT_EQ(Flow::addressToString(s->flow.source), QStringLiteral("::1"));
}

TEST(ParseFrame, RefusesWhatItCannotReadWithoutReadingPastTheEnd) {
    const QByteArray frame = test::tcpFrame(TcpFlow{}, 1, kRequest);

    for (qsizetype cut = 0; cut < 54; ++cut) {
        EXPECT_FALSE(parseFrame(linktype::kEthernet, frame.left(cut))) << cut;
    }
    EXPECT_FALSE(parseFrame(999, frame));
    QByteArray arp = frame;
    arp[12] = '\x08';
    arp[13] = '\x06';
    EXPECT_FALSE(parseFrame(linktype::kEthernet, arp));
}

TEST(FrameLinker, LinksMessagesToTheFramesThatCarriedThem) {
    FrameLinker linker;
    const TcpFlow flow;
    add(linker, 1, test::tcpFrame(flow, 1, kRequest.left(10)));
    add(linker, 2, test::tcpFrame(flow, 11, kRequest.mid(10)));
    add(linker, 3, test::tcpFrame(test::reversed(flow), 1, kResponse));

    const auto request = linker.link(kRequest);
    const auto response = linker.link(kResponse);

    ASSERT_TRUE(request);
    EXPECT_EQ(request->firstFrame, 1);
    EXPECT_EQ(request->lastFrame, 2);
    EXPECT_EQ(request->framesText(), QStringLiteral("1-2"));
    EXPECT_EQ(request->flow.destinationPort, 8080);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->lastFrame, 3);
    EXPECT_EQ(response->flow.sourcePort, 8080);
}

TEST(FrameLinker, WaitsForBytesNotCapturedYetAndIgnoresRetransmissions) {
    FrameLinker linker;
    const TcpFlow flow;
    add(linker, 1, test::tcpFrame(flow, 1, kRequest.left(5)));

    EXPECT_FALSE(linker.link(kRequest)); // sent, recorded, not yet all on the wire
    add(linker, 2, test::tcpFrame(flow, 1, kRequest.left(5))); // retransmission
    add(linker, 3, test::tcpFrame(flow, 6, kRequest.mid(5)));
    const auto link = linker.link(kRequest);

    ASSERT_TRUE(link);
    EXPECT_EQ(link->firstFrame, 1);
    EXPECT_EQ(link->lastFrame, 3);
}

TEST(FrameLinker, KeepsIdenticalMessagesOnDifferentFlowsApartAndInOrder) {
    FrameLinker linker;
    TcpFlow a;
    TcpFlow b;
    b.sport = 40001;
    add(linker, 1, test::tcpFrame(a, 1, kRequest));
    add(linker, 2, test::tcpFrame(b, 1, kRequest));
    add(linker, 3, test::tcpFrame(a, 1 + static_cast<quint32>(kRequest.size()), kRequest));

    const auto first = linker.link(kRequest);
    const auto second = linker.link(kRequest);
    const auto third = linker.link(kRequest);

    ASSERT_TRUE(first && second && third);
    EXPECT_EQ(first->lastFrame, 1);
    EXPECT_EQ(second->lastFrame, 2);
    EXPECT_EQ(third->lastFrame, 3);
    EXPECT_FALSE(linker.link(kRequest));
}

TEST(FrameLinker, AResponseGivenItsFlowIsNotClaimedByAnIdenticalOneElsewhere) {
    // Two connections answer the same bytes; on the first, bytes no event claimed come first,
    // so without its flow the response would take the second connection's copy.
    FrameLinker linker;
    TcpFlow a;
    TcpFlow b;
    b.sport = 40001;
    add(linker, 1,
        test::tcpFrame(test::reversed(a), 1, QByteArrayLiteral("unclaimed") + kResponse));
    add(linker, 2, test::tcpFrame(test::reversed(b), 1, kResponse));
    const Flow onA =
        parseFrame(linktype::kEthernet, test::tcpFrame(test::reversed(a), 1, "x"))->flow;
    const Flow onB =
        parseFrame(linktype::kEthernet, test::tcpFrame(test::reversed(b), 1, "x"))->flow;

    const auto first = linker.link(kResponse, false, onA);
    const auto second = linker.link(kResponse, false, onB);
    const auto none = linker.link(kResponse, false, onB);

    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->lastFrame, 1);
    EXPECT_EQ(first->flow, onA);
    EXPECT_EQ(second->lastFrame, 2);
    EXPECT_FALSE(none); // waits on its own flow rather than looking elsewhere
    EXPECT_EQ(onA.reversed().reversed(), onA);
    EXPECT_EQ(onA.reversed().destinationPort, onA.sourcePort);
}

TEST(FrameLinker, SkipsBytesNoEventClaimsAndLinksPartialMessagesWhenAsked) {
    FrameLinker linker;
    const TcpFlow flow;
    add(linker, 1, test::tcpFrame(flow, 1, QByteArrayLiteral("garbage") + kRequest));
    add(linker, 2, test::tcpFrame(test::reversed(flow), 1, kResponse.left(8)));

    const auto request = linker.link(kRequest);
    const auto cut = linker.link(kResponse, false);
    const auto partial = linker.link(kResponse, true);

    ASSERT_TRUE(request);
    EXPECT_EQ(request->lastFrame, 1);
    EXPECT_FALSE(cut);
    ASSERT_TRUE(partial);
    EXPECT_EQ(partial->lastFrame, 2);
}

TEST(FrameLinker, BoundsWhatItBuffersPerFlow) {
    FrameLinker::Limits limits;
    limits.maxBufferedPerFlow = 64;
    FrameLinker linker(limits);
    const TcpFlow flow;
    add(linker, 1, test::tcpFrame(flow, 1, QByteArray(60, 'a')));
    add(linker, 2, test::tcpFrame(flow, 61, QByteArray(60, 'b')));

    EXPECT_TRUE(linker.link(QByteArray(60, 'a')));
    EXPECT_FALSE(linker.link(QByteArray(60, 'b'))); // dropped: the buffer was full
}
