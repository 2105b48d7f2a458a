// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/device/device_node.h"
#include "core/nodes/network_thread.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/protocol/decode.h"
#include "tests/support/fake_sut.h"
#include "tests/support/printers.h"

#include <gtest/gtest.h>

#include <future>

using namespace m2mbench;
using namespace m2mbench::nodes;

namespace {

MidExchange requestOn(NetworkThread &net, DeviceNode *device, const mid::Request &req,
                      int timeoutMs) {
    std::promise<MidExchange> promise;
    auto future = promise.get_future();
    net.post([&] {
        device->request(req, timeoutMs, [&](const MidExchange &ex) { promise.set_value(ex); });
    });
    EXPECT_EQ(future.wait_for(std::chrono::milliseconds(timeoutMs + 3000)),
              std::future_status::ready);
    return future.get();
}

} // namespace

TEST(DeviceNode, RecordsRequestAndResponseInTheTrace) {
    trace::Trace trace;
    NetworkThread net;
    NsclNode *nscl = nullptr;
    const quint16 port = net.invoke([&] {
        nscl = new NsclNode({}, {}, net.context());
        return nscl->listenHttp(QHostAddress::LocalHost, 0).value();
    });
    DeviceConfig cfg;
    cfg.port = port;
    DeviceNode *device = net.invoke([&] { return new DeviceNode(cfg, &trace, net.context()); });
    mid::Request req;
    req.method = mid::Method::Retrieve;
    req.target = QStringLiteral("/m2m");
    req.requestingEntity = QStringLiteral("gscl");

    const MidExchange ex = requestOn(net, device, req, 2000);

    ASSERT_TRUE(ex.decoded);
    EXPECT_EQ(ex.decoded->status, mid::StatusCode::Ok);
    const auto sent = trace.at(ex.requestSeq);
    const auto received = trace.at(ex.responseSeq);
    EXPECT_EQ(sent.kind, trace::EventKind::MessageSent);
    EXPECT_EQ(sent.from, QStringLiteral("D/GSCL"));
    EXPECT_EQ(sent.summary, QStringLiteral("RETRIEVE /m2m"));
    EXPECT_TRUE(sent.raw.startsWith("GET /m2m HTTP/1.1\r\n"));
    EXPECT_EQ(received.kind, trace::EventKind::MessageReceived);
    EXPECT_EQ(received.relatesTo, ex.requestSeq);
    EXPECT_TRUE(received.summary.startsWith(QLatin1String("200 STATUS_OK")));
    EXPECT_TRUE(received.fields.isEmpty()); // decoded on demand, off the hot path
    const auto fields = protocol::decodedFields(received);
    ASSERT_FALSE(fields.isEmpty());
    EXPECT_EQ(fields.first().name, QStringLiteral("mId status"));
    EXPECT_EQ(fields.first().value, QStringLiteral("STATUS_OK"));
}

TEST(DeviceNode, KeepsGarbageAsEvidence) {
    trace::Trace trace;
    NetworkThread net;
    test::FakeSut sut(test::FakeSut::Behaviour::Garbage);
    DeviceConfig cfg;
    cfg.port = sut.port();
    DeviceNode *device = net.invoke([&] { return new DeviceNode(cfg, &trace, net.context()); });
    mid::Request req;
    req.target = QStringLiteral("/m2m");

    const MidExchange ex = requestOn(net, device, req, 2000);

    EXPECT_FALSE(ex.decoded);
    EXPECT_EQ(ex.transport.outcome, http::Exchange::Outcome::Malformed);
    const auto evidence = trace.at(ex.responseSeq);
    EXPECT_EQ(evidence.kind, trace::EventKind::MessageReceived);
    EXPECT_TRUE(evidence.summary.startsWith(QLatin1String("[malformed]")));
    EXPECT_FALSE(evidence.raw.isEmpty());
}
