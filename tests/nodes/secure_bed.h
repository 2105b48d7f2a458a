// SPDX-License-Identifier: Apache-2.0
#pragma once

// A service-connection test bed: the reference NSCL with every binding (HTTP, service connection,
// HTTPS-PSK, CoAP, CoAPS) and a MAS it asks for Kmr over Diameter, on a "SUT" network thread;
// the emulated D/G node on another; 127.0.0.1 and ports picked by the system.

#include "core/nodes/device/device_node.h"
#include "core/nodes/mas/mas_client.h"
#include "core/nodes/mas/mas_node.h"
#include "core/nodes/network_thread.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/trace/trace.h"

#include <gtest/gtest.h>

#include <future>

namespace m2mbench::test {

inline const QByteArray kBedNodeId = QByteArray::fromHex("00112233445566778899aabbccddeeff");
inline const QString kBedSclId = QStringLiteral("gscl-bench-01");

inline SecureBytes bedKey(char fill) {
    return SecureBytes::fromByteArray(QByteArray(32, fill));
}

class SecureBed {
public:
    nodes::NetworkThread sut{QStringLiteral("test-sut")};
    nodes::NetworkThread net{QStringLiteral("test-net")};
    trace::Trace trace;
    nodes::MasNode *mas = nullptr;
    nodes::MasClient *masClient = nullptr;
    nodes::NsclNode *nscl = nullptr;
    nodes::DeviceNode *device = nullptr;
    quint16 httpPort = 0, connectionPort = 0, httpsPort = 0, coapPort = 0, coapsPort = 0;

    ~SecureBed() {
        net.invoke([this] { delete device; });
        sut.invoke([this] {
            delete nscl;
            delete masClient;
            delete mas;
        });
    }

    /// The MAS holding Kmr index 1 of the bed's node ('k' * 32), the NSCL asking it.
    void start(nodes::NsclSecurityConfig security = {}, bool useMas = true) {
        sut.invoke([&] {
            nodes::MasConfig mc;
            mc.profile = crypto::Profile::builtin()->bootstrap;
            mas = new nodes::MasNode(mc);
            ASSERT_TRUE(mas->open());
            const quint16 masPort = *mas->listen(QHostAddress::LocalHost, 0);
            diameter::KeyRecord rec{kBedNodeId, 1, bedKey('k'),
                                    QDateTime::currentDateTimeUtc().addDays(1), kBedSclId};
            ASSERT_TRUE(mas->store().put(rec));
            nodes::MasClientConfig cc;
            cc.profile = mc.profile;
            cc.port = masPort;
            cc.originHost = QStringLiteral("nscl.m2mbench.example");
            cc.lifeline = QStringLiteral("NSCL");
            masClient = new nodes::MasClient(cc, &trace);
            nscl = new nodes::NsclNode();
            httpPort = *nscl->listenHttp(QHostAddress::LocalHost, 0);
            security.profile = *crypto::Profile::builtin();
            security.trace = &trace;
            auto s = nscl->enableSecurity(security);
            ASSERT_TRUE(s) << s.error().message.toStdString();
            if (useMas) {
                (*s)->kmr().setMas(masClient, 3000);
            }
            connectionPort = *(*s)->listenConnection(QHostAddress::LocalHost, 0);
            httpsPort = *(*s)->listenHttpsPsk(QHostAddress::LocalHost, 0);
            coapPort = *(*s)->listenCoap(QHostAddress::LocalHost, 0);
            auto coaps = (*s)->listenCoaps(QHostAddress::LocalHost, 0);
            ASSERT_TRUE(coaps) << coaps.error().message.toStdString();
            coapsPort = *coaps;
        });
    }

    nodes::DeviceConfig deviceConfig(nodes::MidBinding binding) const {
        nodes::DeviceConfig c;
        c.port = httpPort;
        c.security.binding = binding;
        c.security.connectionPort = connectionPort;
        c.security.httpsPort = httpsPort;
        c.security.coapPort = coapPort;
        c.security.coapsPort = coapsPort;
        c.security.profile = *crypto::Profile::builtin();
        c.security.keys.nodeId = kBedNodeId;
        c.security.keys.kmrIndex = 1;
        c.security.keys.kmr = bedKey('k');
        c.security.keys.sclId = kBedSclId;
        return c;
    }

    void startDevice(nodes::MidBinding binding) { startDevice(deviceConfig(binding)); }
    void startDevice(const nodes::DeviceConfig &c) {
        net.invoke([&] { device = new nodes::DeviceNode(c, &trace); });
    }

    nodes::ConnectResult connect(const nodes::ConnectOptions &options = {}) {
        std::promise<nodes::ConnectResult> p;
        auto f = p.get_future();
        net.post([&] {
            device->connectService(options, 5000,
                                   [&p](const nodes::ConnectResult &r) { p.set_value(r); });
        });
        return f.get();
    }

    nodes::MidExchange send(const mid::Request &request,
                            std::optional<nodes::MidBinding> binding = std::nullopt) {
        std::promise<nodes::MidExchange> p;
        auto f = p.get_future();
        net.post([&] {
            device->requestOver(binding.value_or(device->binding()), request, std::nullopt, 5000,
                                [&p](const nodes::MidExchange &ex) { p.set_value(ex); });
        });
        return f.get();
    }

    /// Events of a kind whose summary or text contains `needle`.
    int countEvents(trace::EventKind kind, const QString &needle) const {
        int n = 0;
        for (const auto &e : trace.since(0)) {
            if (e.kind == kind && (e.summary.contains(needle) || e.text.contains(needle))) {
                ++n;
            }
        }
        return n;
    }
};

inline mid::Request midRequest(mid::Method method, const QString &target,
                               const QByteArray &body = {}, const QString &entity = kBedSclId) {
    mid::Request r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.requestingEntity = entity;
    return r;
}

} // namespace m2mbench::test
