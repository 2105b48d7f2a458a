// SPDX-License-Identifier: Apache-2.0
#include "core/runner/dg_connection.h"

#include "core/protocol/mid/resources.h"
#include "core/runner/boot_support.h"
#include "core/runner/cfg_dg.h"
#include "core/runner/runner.h"
#include "core/runner/secure_setup.h"

#include <QElapsedTimer>
#include <QJSEngine>
#include <QThread>

namespace m2mbench::runner {

namespace {

const QString kDevice = QStringLiteral("D/G node");
const QString kNscl = QStringLiteral("NSCL");

Result<Endpoint> listenItem(const Pixit &pixit, const QString &id) {
    const QString text = pixit.stringValue(id);
    auto e = Endpoint::parse(text.isEmpty() ? QStringLiteral("127.0.0.1:0") : text);
    if (!e || QHostAddress(e->host).isNull()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("PIXIT %1 must be a numeric ADDR:PORT").arg(id));
    }
    return *e;
}

/// The bootstrap session of CFG_DG with the bench NSCL of the service connection beside it.
class DgServiceSession final : public ConfigurationSession {
public:
    DgServiceSession(std::unique_ptr<ConfigurationSession> base, SessionInputs &in)
        : m_base(std::move(base))
        , m_net(in.net) {
        m_bench.net = &in.net;
    }

    ~DgServiceSession() override {
        m_net.invoke([this] {
            delete m_bench.agent2;
            delete m_bench.embedded2;
            delete m_bench.agent;
            delete m_bench.embedded;
            delete m_bench.nscl;
        });
    }

    Result<void> start(SessionInputs &in) {
        m_bench.unavailable = dgNotApplicable(in.options);
        if (!m_bench.unavailable.isEmpty()) {
            return {};
        }
        auto keys = deviceKeysFrom(in.pixit, KeyItems{QStringLiteral("PX_DG_SC_NODE_ID"),
                                                      QStringLiteral("PX_DG_SC_KMR"),
                                                      QStringLiteral("PX_DG_SC_KMR_INDEX"),
                                                      {},
                                                      {},
                                                      QStringLiteral("PX_DG_SC_SCL_ID")});
        auto profile = runProfile(in.options);
        if (!keys || !profile) {
            return fail((!keys ? keys.error() : profile.error()).wrap(QStringLiteral("CFG_DG")));
        }
        m_bench.keys = *keys;
        m_bench.sclId = keys->sclId;
        m_bench.script->clock.start();
        EmbeddedSecurity es;
        es.profile = *profile;
        es.keys = *keys;
        es.status = in.options.binding.status;
        es.trace = &in.trace;
        es.lifeline = kNscl;
        es.peerLifeline = kDevice;
        es.recordMessages = true; // the bench is the NSCL: it records what the SUT sends
        es.tlsCiphers = QLatin1String(tls::kDefaultTlsCiphers);
        es.dtlsCiphers = QLatin1String(tls::kDefaultDtlsCiphers);
        const QStringList items = {
            QStringLiteral("PX_DG_SC_HTTP_LISTEN"), QStringLiteral("PX_DG_SC_CONNECTION_LISTEN"),
            QStringLiteral("PX_DG_SC_HTTPS_LISTEN"), QStringLiteral("PX_DG_SC_COAP_LISTEN"),
            QStringLiteral("PX_DG_SC_COAPS_LISTEN")};
        QList<Endpoint> at;
        for (const QString &id : items) {
            auto e = listenItem(in.pixit, id);
            if (!e) {
                return fail(e.error());
            }
            at.append(*e);
        }
        if (!in.pixit.stringValue(QStringLiteral("PX_DG_SC_CONNECTION_LISTEN")).isEmpty()) {
            es.connectionListen = at[1];
        }
        es.httpsListen = at[2];
        es.coapListen = at[3];
        es.coapsListen = at[4];
        auto started = m_net.invoke([&]() -> Result<std::pair<quint16, SecurePorts>> {
            m_bench.nscl = new nodes::NsclNode();
            m_bench.nscl->setMidHook(dgNsclHook(m_bench.script));
            auto http = m_bench.nscl->listenHttp(QHostAddress(at[0].host), at[0].port);
            if (!http) {
                return fail(http.error());
            }
            auto secure = startEmbeddedSecurity(m_bench.nscl, es);
            if (!secure) {
                return fail(secure.error());
            }
            m_bench.nscl->security()->setObserving(true);
            return std::pair{*http, *secure};
        });
        if (!started) {
            return fail(started.error().wrap(QStringLiteral("starting the bench NSCL of CFG_DG")));
        }
        const auto [http, ports] = *started;
        m_where =
            QStringLiteral("bench NSCL at http://%1:%2/m2m (HTTP/TLS-PSK https://%3:%4, "
                           "coap://%5:%6, coaps://%7:%8%9)")
                .arg(at[0].host)
                .arg(http)
                .arg(at[2].host)
                .arg(ports.https)
                .arg(at[3].host)
                .arg(ports.coap)
                .arg(at[4].host)
                .arg(ports.coaps)
                .arg(ports.connection == 0 ? QString()
                                           : QStringLiteral(", service connection https://%1:%2")
                                                 .arg(at[1].host)
                                                 .arg(ports.connection));
        if (m_base->embedded()) {
            return startEmbeddedDevice(in, http, ports, *profile);
        }
        return {};
    }

    QList<trace::Lifeline> lifelines() const override { return dgServiceConfigurationLifelines(); }
    QString target() const override {
        return m_where.isEmpty() ? m_base->target()
                                 : m_base->target() + QStringLiteral("; ") + m_where;
    }
    bool embedded() const override { return m_base->embedded(); }

    QList<QPair<QString, QObject *>> scriptObjects(TestContext *context) override {
        auto objects = m_base->scriptObjects(context);
        objects.append({QStringLiteral("nscl"), new DgNsclProxy(context, &m_bench)});
        return objects;
    }

private:
    Result<void> startEmbeddedDevice(SessionInputs &in, quint16 http, const SecurePorts &ports,
                                     const crypto::Profile &profile) {
        nodes::DeviceConfig dc;
        dc.name = kDevice;
        dc.peerName = kNscl;
        dc.port = http;
        dc.binding = in.options.binding;
        dc.security.connectionPort = ports.connection;
        dc.security.httpsPort = ports.https;
        dc.security.coapPort = ports.coap;
        dc.security.coapsPort = ports.coaps;
        dc.security.keys = m_bench.keys;
        dc.security.profile = profile;
        if (auto ok = applyBindingPixit(in.pixit, dc.security, QStringLiteral("PX_DG_SC_BINDING"));
            !ok) {
            return fail(ok.error());
        }
        auto agent = dgSclConfigFrom(in.pixit, m_bench.keys.sclId);
        if (!agent) {
            return fail(agent.error().wrap(QStringLiteral("CFG_DG")));
        }
        nodes::DgSclConfig second = *agent;
        second.sclId = in.pixit.stringValue(QStringLiteral("PX_DG_GW2_SCL_ID"),
                                            QStringLiteral("gscl-bench-02"));
        second.gateway = true;
        second.pocs = {QStringLiteral("http://%1.invalid/m2m").arg(second.sclId)};
        second.binding = nodes::MidBinding::Http;
        nodes::DeviceConfig dc2 = dc;
        dc2.name = kDevice + QStringLiteral(" 2");
        dc2.security.binding = nodes::MidBinding::Http;
        m_net.invoke([&] {
            m_bench.embedded = new nodes::DeviceNode(dc, &in.trace);
            m_bench.agent = new nodes::DgSclAgent(m_bench.embedded, *agent, &in.trace);
            m_bench.embedded2 = new nodes::DeviceNode(dc2, &in.trace);
            m_bench.agent2 = new nodes::DgSclAgent(m_bench.embedded2, second, &in.trace);
        });
        return {};
    }

    std::unique_ptr<ConfigurationSession> m_base;
    nodes::NetworkThread &m_net;
    DgNsclBench m_bench;
    QString m_where;
};

} // namespace

QList<trace::Lifeline> dgServiceConfigurationLifelines() {
    auto lanes = dgConfigurationLifelines();
    lanes.append(trace::Lifeline{kDevice + QStringLiteral(" 2"), true});
    lanes.append(trace::Lifeline{kNscl, false});
    lanes.append(trace::Lifeline{QStringLiteral("MAS"), false});
    return lanes;
}

Result<std::unique_ptr<ConfigurationSession>> startDgServiceConfiguration(SessionInputs &inputs) {
    auto base = startDgConfiguration(inputs);
    if (!base) {
        return fail(base.error());
    }
    auto session = std::make_unique<DgServiceSession>(std::move(*base), inputs);
    if (auto ok = session->start(inputs); !ok) {
        return fail(ok.error());
    }
    return std::unique_ptr<ConfigurationSession>(std::move(session));
}

} // namespace m2mbench::runner
