// SPDX-License-Identifier: Apache-2.0
#pragma once

// A bootstrap test bed: MAS and MSBF on a "SUT" network thread, the device on another, all on
// 127.0.0.1 with ports picked by the system, the test PKI of tests/protocol/boot_pki.h.

#include "core/nodes/device/bootstrap_client.h"
#include "core/nodes/mas/mas_node.h"
#include "core/nodes/msbf/msbf_node.h"
#include "core/nodes/network_thread.h"
#include "tests/protocol/boot_pki.h"

#include <future>

namespace m2mbench::test {

inline crypto::Profile bootProfile() {
    crypto::Profile p = *crypto::Profile::builtin();
    p.bootstrap.msbfFqdn = BootPki::get().msbfName;
    p.bootstrap.nodeIdUriPrefix = BootPki::get().uriPrefix;
    p.bootstrap.realm = QStringLiteral("m2mbench.test");
    return p;
}

inline nodes::DeviceRecord bootDevice() {
    return nodes::DeviceRecord{BootPki::get().identity,
                               BootPki::get().nodeId,
                               QStringLiteral("gscl-test-01"),
                               {QStringLiteral("nscl.m2mbench.test")}};
}

class BootBed {
public:
    nodes::NetworkThread sut{QStringLiteral("test-sut")};
    nodes::NetworkThread net{QStringLiteral("test-net")};
    trace::Trace trace;
    nodes::MasNode *mas = nullptr;
    nodes::MsbfNode *msbf = nullptr;
    nodes::DeviceBootstrap *device = nullptr;
    quint16 masPort = 0;
    quint16 msbfPort = 0;

    ~BootBed() {
        net.invoke([this] { delete device; });
        sut.invoke([this] {
            delete msbf;
            delete mas;
        });
    }

    void startMas(const QString &db = QStringLiteral(":memory:")) {
        sut.invoke([&] {
            nodes::MasConfig c;
            c.profile = bootProfile().bootstrap;
            c.databasePath = db;
            mas = new nodes::MasNode(c);
            masPort = *mas->listen(QHostAddress::LocalHost, 0);
        });
    }

    void startMsbf(nodes::MsbfConfig c = {}) {
        sut.invoke([&] {
            c.profile = bootProfile();
            c.port = 0;
            if (c.credential.certificatePem.isEmpty()) {
                c.credential = BootPki::get().msbf;
            }
            c.caPem = BootPki::get().ca.certificatePem;
            if (c.devices.isEmpty()) {
                c.devices = {bootDevice()};
            }
            if (masPort != 0 && !c.mas) {
                c.mas = nodes::MsbfConfig::Mas{QStringLiteral("127.0.0.1"), masPort, 3000, true};
            }
            msbf = new nodes::MsbfNode(c, &trace);
            auto port = msbf->listen();
            EXPECT_TRUE(port) << (port ? "" : port.error().message.toStdString());
            msbfPort = port.value_or(0);
        });
    }

    nodes::DeviceBootstrapConfig deviceConfig() const {
        nodes::DeviceBootstrapConfig c;
        c.profile = bootProfile();
        c.msbfPort = msbfPort;
        c.nodeId = BootPki::get().nodeId;
        c.credential = BootPki::get().device;
        c.caPem = BootPki::get().ca.certificatePem;
        return c;
    }

    /// Runs one bootstrap to its end (or the timeout) and returns the device's result.
    nodes::BootstrapResult bootstrap(nodes::DeviceBootstrapConfig c, int timeoutMs = 8000) {
        auto done = std::make_shared<std::promise<nodes::BootstrapResult>>();
        auto future = done->get_future();
        net.invoke([&] {
            delete device;
            device = new nodes::DeviceBootstrap(c, &trace);
            auto ok = device->start();
            EXPECT_TRUE(ok) << (ok ? "" : ok.error().message.toStdString());
            nodes::DeviceBootstrap *d = device;
            d->waitFor(
                [d] { return d->result().outcome != nodes::BootstrapResult::Outcome::Pending; },
                timeoutMs, [d, done](bool) { done->set_value(d->result()); });
        });
        return future.get();
    }

    /// Runs `fn` on the device's thread and waits for `condition` there.
    bool deviceWait(const std::function<void(nodes::DeviceBootstrap &)> &fn,
                    const std::function<bool(nodes::DeviceBootstrap &)> &condition,
                    int timeoutMs = 5000) {
        auto done = std::make_shared<std::promise<bool>>();
        auto future = done->get_future();
        net.post([this, fn, condition, timeoutMs, done] {
            fn(*device);
            nodes::DeviceBootstrap *d = device;
            d->waitFor([d, condition] { return condition(*d); }, timeoutMs,
                       [done](bool ok) { done->set_value(ok); });
        });
        return future.get();
    }

    std::optional<nodes::MsbfSessionInfo> msbfInfo() {
        return sut.invoke([this] { return msbf->info(msbf->latestSessionId()); });
    }

    /// Waits on the SUT thread until the MSBF's latest session satisfies `condition`.
    bool msbfWait(const std::function<bool(const nodes::MsbfSessionInfo &)> &condition,
                  int timeoutMs = 5000) {
        auto done = std::make_shared<std::promise<bool>>();
        auto future = done->get_future();
        sut.post([this, condition, timeoutMs, done] {
            nodes::MsbfNode *m = msbf;
            m->waitFor(
                [m, condition] {
                    const auto i = m->info(m->latestSessionId());
                    return i && condition(*i);
                },
                timeoutMs, [done](bool ok) { done->set_value(ok); });
        });
        return future.get();
    }
};

} // namespace m2mbench::test
