// SPDX-License-Identifier: Apache-2.0
#include "core/runner/cfg_boot.h"

#include "core/nodes/mas/mas_node.h"
#include "core/nodes/msbf/msbf_node.h"
#include "core/runner/boot_proxy.h"
#include "core/runner/runner.h"

namespace m2mbench::runner {

namespace {

const QString kDevice = QStringLiteral("D/G node");
const QString kMsbf = QStringLiteral("MSBF");
const QString kMas = QStringLiteral("MAS");
const QString kNscl = QStringLiteral("NSCL");

class BootSession final : public ConfigurationSession {
public:
    explicit BootSession(SessionInputs &inputs)
        : m_net(inputs.net) {
        m_bench.net = &inputs.net;
        m_bench.trace = &inputs.trace;
    }

    ~BootSession() override {
        m_net.invoke([this] {
            delete m_bench.device;
            delete m_bench.nscl;
            delete m_msbf;
            delete m_mas;
        });
    }

    Result<void> start(SessionInputs &in) {
        auto profile = bootProfile(in.pixit);
        if (!profile) {
            return fail(profile.error().wrap(QStringLiteral("CFG_BOOT")));
        }
        auto pki = makeRunPki(in.pixit, *profile);
        if (!pki) {
            return fail(pki.error().wrap(QStringLiteral("CFG_BOOT")));
        }
        m_bench.pki = *pki;
        auto msbf = msbfEndpoint(in);
        auto mas =
            pixitEndpoint(in.pixit, QStringLiteral("PX_MAS_ADDRESS"), diameter::kDefaultPort);
        if (!msbf || !mas) {
            return fail(!msbf ? msbf.error() : mas.error());
        }
        std::optional<Endpoint> masEndpoint = *mas;
        Endpoint msbfEndpointValue;
        if (!*msbf && !in.options.target.isEmpty()) {
            // The run names a SUT of another role (an NSCL URL): nothing here is under test.
            m_bench.unavailable =
                QStringLiteral("CFG_BOOT needs an MSBF, and this run's target (%1) is not one: "
                               "give --target pana://HOST:PORT or PX_MSBF_ADDRESS")
                    .arg(in.options.target);
            m_target = QStringLiteral("no MSBF named (the run's target %1 is not one)")
                           .arg(in.options.target);
            return {};
        }
        if (*msbf) {
            msbfEndpointValue = **msbf;
            m_target = QStringLiteral("MSBF at pana://%1").arg(msbfEndpointValue.toString());
        } else {
            auto embedded = startEmbedded(
                *profile, in.pixit.stringValue(QStringLiteral("PX_MAS_ADDRESS")) != u"-");
            if (!embedded) {
                return fail(embedded.error());
            }
            msbfEndpointValue = Endpoint{QStringLiteral("127.0.0.1"), embedded->first};
            if (embedded->second != 0) {
                masEndpoint = Endpoint{QStringLiteral("127.0.0.1"), embedded->second};
            }
            m_target = QStringLiteral("embedded reference MSBF at pana://127.0.0.1:%1")
                           .arg(embedded->first);
        }
        if (masEndpoint && in.pixit.stringValue(QStringLiteral("PX_MAS_ADDRESS")) != u"-") {
            m_target += QStringLiteral(", MAS at diameter://%1").arg(masEndpoint->toString());
        } else {
            masEndpoint.reset();
        }
        m_bench.msbf = msbfEndpointValue.toString();
        m_bench.base = deviceConfig(in.pixit, *profile, msbfEndpointValue);
        if (masEndpoint) {
            startNscl(in.pixit, *profile, *masEndpoint);
        }
        return {};
    }

    QList<trace::Lifeline> lifelines() const override { return bootConfigurationLifelines(); }
    QString target() const override { return m_target; }
    bool embedded() const override { return m_msbf != nullptr; }

    QList<QPair<QString, QObject *>> scriptObjects(TestContext *context) override {
        return {{QStringLiteral("device"), new BootDeviceProxy(context, &m_bench)},
                {QStringLiteral("nscl"), new NsclKeyProxy(context, &m_bench)}};
    }

private:
    static Result<std::optional<Endpoint>> msbfEndpoint(SessionInputs &in) {
        const QString target = in.options.target;
        if (target.startsWith(QLatin1String("pana://"))) {
            auto e =
                Endpoint::parse(target.mid(7).section(QLatin1Char('/'), 0, 0), pana::kDefaultPort);
            if (!e) {
                return fail(e.error().wrap(QStringLiteral("--target")));
            }
            return std::optional<Endpoint>(*e);
        }
        return pixitEndpoint(in.pixit, QStringLiteral("PX_MSBF_ADDRESS"), pana::kDefaultPort);
    }

    /// The reference MSBF and MAS on the network thread, as the SUT; returns their ports.
    Result<QPair<quint16, quint16>> startEmbedded(const crypto::Profile &profile, bool withMas) {
        return m_net.invoke([&]() -> Result<QPair<quint16, quint16>> {
            quint16 masPort = 0;
            if (withMas) {
                nodes::MasConfig mc;
                mc.profile = profile.bootstrap;
                mc.originHost = profile.bootstrap.masFqdn;
                mc.originRealm = profile.bootstrap.realm;
                m_mas = new nodes::MasNode(mc);
                auto port = m_mas->listen(QHostAddress::LocalHost, 0);
                if (!port) {
                    return fail(
                        port.error().wrap(QStringLiteral("starting the embedded reference MAS")));
                }
                masPort = *port;
            }
            nodes::MsbfConfig c;
            c.profile = profile;
            c.port = 0;
            c.credential = m_bench.pki.msbf;
            c.caPem = m_bench.pki.caPem;
            c.devices = {
                nodes::DeviceRecord{m_bench.pki.identity, m_bench.pki.nodeId,
                                    crypto::sclIdFor(profile.bootstrap, m_bench.pki.nodeId),
                                    profile.bootstrap.nsclList}};
            if (withMas) {
                c.mas = nodes::MsbfConfig::Mas{QStringLiteral("127.0.0.1"), masPort, 3000, true};
            }
            m_msbf = new nodes::MsbfNode(c);
            auto port = m_msbf->listen();
            if (!port) {
                return fail(
                    port.error().wrap(QStringLiteral("starting the embedded reference MSBF")));
            }
            return qMakePair(*port, masPort);
        });
    }

    nodes::DeviceBootstrapConfig deviceConfig(const Pixit &pixit, const crypto::Profile &profile,
                                              const Endpoint &msbf) const {
        nodes::DeviceBootstrapConfig c;
        c.profile = profile;
        c.name = kDevice;
        c.peerName = kMsbf;
        c.msbfHost = msbf.host;
        c.msbfPort = msbf.port;
        QHostAddress address(msbf.host);
        c.bindAddress = address.isLoopback() ? QHostAddress(QHostAddress::LocalHost)
                        : address.protocol() == QAbstractSocket::IPv6Protocol
                            ? QHostAddress(QHostAddress::AnyIPv6)
                            : QHostAddress(QHostAddress::AnyIPv4);
        c.nodeId = m_bench.pki.nodeId;
        c.identity = m_bench.pki.identity;
        c.credential = m_bench.pki.device;
        c.caPem = m_bench.pki.caPem;
        c.expectedServerName = pixit.stringValue(QStringLiteral("PX_BOOT_MSBF_NAME"));
        const QString tls = pixit.stringValue(QStringLiteral("PX_BOOT_TLS_VERSION"));
        if (tls == u"1.2") {
            c.tlsMaxVersion = 0x0303;
        } else if (tls == u"1.3") {
            c.tlsMinVersion = 0x0304;
        }
        return c;
    }

    void startNscl(const Pixit &pixit, const crypto::Profile &profile, const Endpoint &mas) {
        nodes::MasClientConfig c;
        c.profile = profile.bootstrap;
        c.host = mas.host;
        c.port = mas.port;
        c.originHost = pixit.stringValue(QStringLiteral("PX_NSCL_DIAMETER_HOST"),
                                         QStringLiteral("nscl.m2mbench.example"));
        c.originRealm = profile.bootstrap.realm;
        c.destinationRealm = profile.bootstrap.realm;
        c.lifeline = kNscl;
        c.peerLifeline = kMas;
        m_net.invoke([&] { m_bench.nscl = new nodes::MasClient(c, m_bench.trace); });
    }

    nodes::NetworkThread &m_net;
    BootBench m_bench;
    nodes::MsbfNode *m_msbf = nullptr;
    nodes::MasNode *m_mas = nullptr;
    QString m_target;
};

} // namespace

QList<trace::Lifeline> bootConfigurationLifelines() {
    return {trace::Lifeline{kDevice, false}, trace::Lifeline{kMsbf, true},
            trace::Lifeline{kMas, true}, trace::Lifeline{kNscl, false}};
}

QString bootNotApplicable(const RunOptions &options) {
    if (options.target.isEmpty() || options.target.startsWith(QLatin1String("pana://")) ||
        !pixitFromOptions(options, QStringLiteral("PX_MSBF_ADDRESS")).isEmpty()) {
        return {};
    }
    return QStringLiteral("not applicable: the run's target %1 is not an MSBF (name one with "
                          "--target pana://HOST:PORT or PX_MSBF_ADDRESS)")
        .arg(options.target);
}

Result<std::unique_ptr<ConfigurationSession>> startBootConfiguration(SessionInputs &inputs) {
    auto session = std::make_unique<BootSession>(inputs);
    if (auto ok = session->start(inputs); !ok) {
        return fail(ok.error());
    }
    return std::unique_ptr<ConfigurationSession>(std::move(session));
}

} // namespace m2mbench::runner
