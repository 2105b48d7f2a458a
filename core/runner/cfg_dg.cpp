// SPDX-License-Identifier: Apache-2.0
#include "core/runner/cfg_dg.h"

#include "core/runner/boot_support.h"
#include "core/runner/dg_proxy.h"
#include "core/runner/runner.h"

namespace m2mbench::runner {

namespace {

const QString kDevice = QStringLiteral("D/G node");
const QString kMsbf = QStringLiteral("MSBF");

class DgSession final : public ConfigurationSession {
public:
    explicit DgSession(SessionInputs &inputs)
        : m_net(inputs.net) {
        m_bench.net = &inputs.net;
    }

    ~DgSession() override {
        m_net.invoke([this] {
            delete m_bench.embedded;
            delete m_bench.msbf;
        });
    }

    Result<void> start(SessionInputs &in) {
        const QString device =
            in.pixit.stringValue(QStringLiteral("PX_DG_DEVICE_ADDRESS")).trimmed();
        if (device.isEmpty() && !in.options.target.isEmpty()) {
            m_bench.unavailable =
                QStringLiteral("CFG_DG needs a D/G node, and this run's target (%1) is not one: "
                               "give PX_DG_DEVICE_ADDRESS (HOST:PORT, or 'wait')")
                    .arg(in.options.target);
            m_target = QStringLiteral("no D/G node named (the run's target %1 is not one)")
                           .arg(in.options.target);
            return {};
        }
        auto profile = bootProfile(in.pixit);
        if (!profile) {
            return fail(profile.error().wrap(QStringLiteral("CFG_DG")));
        }
        auto pki = makeRunPki(in.pixit, *profile);
        if (!pki) {
            return fail(pki.error().wrap(QStringLiteral("CFG_DG")));
        }
        m_bench.pki = *pki;
        auto listen =
            pixitEndpoint(in.pixit, QStringLiteral("PX_DG_MSBF_LISTEN"), pana::kDefaultPort);
        if (!listen) {
            return fail(listen.error());
        }
        const Endpoint at = listen->value_or(Endpoint{QStringLiteral("127.0.0.1"), 0});
        auto port = startMsbf(in, *profile, at);
        if (!port) {
            return fail(port.error());
        }
        if (device.isEmpty()) {
            m_bench.trigger = DgBench::Trigger::Embedded;
            m_bench.embeddedConfig = embeddedDevice(*profile, *port);
            m_target =
                QStringLiteral("embedded reference D/G node (bench MSBF at pana://127.0.0.1:%1)")
                    .arg(*port);
        } else if (device == u"wait") {
            m_bench.trigger = DgBench::Trigger::WaitForPci;
            m_target = QStringLiteral("the D/G node that contacts the bench MSBF at pana://%1:%2")
                           .arg(at.host)
                           .arg(*port);
        } else {
            auto endpoint = Endpoint::parse(device, pana::kDefaultPort);
            if (!endpoint) {
                return fail(endpoint.error().wrap(QStringLiteral("PIXIT PX_DG_DEVICE_ADDRESS")));
            }
            m_bench.trigger = DgBench::Trigger::PaaInitiated;
            m_bench.device = *endpoint;
            m_target = QStringLiteral("D/G node at pana://%1").arg(endpoint->toString());
        }
        return {};
    }

    QList<trace::Lifeline> lifelines() const override { return dgConfigurationLifelines(); }
    QString target() const override { return m_target; }
    bool embedded() const override {
        return m_bench.trigger == DgBench::Trigger::Embedded && m_bench.unavailable.isEmpty();
    }

    QList<QPair<QString, QObject *>> scriptObjects(TestContext *context) override {
        return {{QStringLiteral("msbf"), new DgMsbfProxy(context, &m_bench)}};
    }

private:
    Result<quint16> startMsbf(SessionInputs &in, const crypto::Profile &profile,
                              const Endpoint &at) {
        QHostAddress address;
        if (!address.setAddress(at.host)) {
            return fail(
                Error::Kind::Config,
                QStringLiteral("PX_DG_MSBF_LISTEN needs a numeric address, not '%1'").arg(at.host));
        }
        nodes::MsbfConfig c;
        c.profile = profile;
        c.name = kMsbf;
        c.peerName = kDevice;
        c.address = address;
        c.port = at.port;
        c.credential = m_bench.pki.msbf;
        c.caPem = m_bench.pki.caPem;
        c.devices = {nodes::DeviceRecord{m_bench.pki.identity, m_bench.pki.nodeId,
                                         crypto::sclIdFor(profile.bootstrap, m_bench.pki.nodeId),
                                         profile.bootstrap.nsclList}};
        c.acceptAnyDevice = in.pixit.value(QStringLiteral("PX_DG_ACCEPT_ANY_DEVICE")).toBool();
        return m_net.invoke([&]() -> Result<quint16> {
            m_bench.msbf = new nodes::MsbfNode(c, &in.trace);
            auto port = m_bench.msbf->listen();
            if (!port) {
                return fail(port.error().wrap(QStringLiteral("starting the bench MSBF")));
            }
            return *port;
        });
    }

    nodes::DeviceBootstrapConfig embeddedDevice(const crypto::Profile &profile,
                                                quint16 msbfPort) const {
        nodes::DeviceBootstrapConfig c;
        c.profile = profile;
        c.msbfPort = msbfPort;
        c.nodeId = m_bench.pki.nodeId;
        c.identity = m_bench.pki.identity;
        c.credential = m_bench.pki.device;
        c.caPem = m_bench.pki.caPem;
        return c;
    }

    nodes::NetworkThread &m_net;
    DgBench m_bench;
    QString m_target;
};

} // namespace

QList<trace::Lifeline> dgConfigurationLifelines() {
    return {trace::Lifeline{kDevice, true}, trace::Lifeline{kMsbf, false}};
}

QString dgNotApplicable(const RunOptions &options) {
    if (options.target.isEmpty() ||
        !pixitFromOptions(options, QStringLiteral("PX_DG_DEVICE_ADDRESS")).isEmpty()) {
        return {};
    }
    return QStringLiteral("not applicable: the run's target %1 is not a D/G node (name one with "
                          "PX_DG_DEVICE_ADDRESS)")
        .arg(options.target);
}

Result<std::unique_ptr<ConfigurationSession>> startDgConfiguration(SessionInputs &inputs) {
    auto session = std::make_unique<DgSession>(inputs);
    if (auto ok = session->start(inputs); !ok) {
        return fail(ok.error());
    }
    return std::unique_ptr<ConfigurationSession>(std::move(session));
}

} // namespace m2mbench::runner
