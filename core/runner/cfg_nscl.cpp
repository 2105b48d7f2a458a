// SPDX-License-Identifier: Apache-2.0
#include "core/runner/cfg_nscl.h"

#include "core/nodes/device/device_node.h"
#include "core/nodes/nscl/nscl_faults.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/runner/connection_proxy.h"
#include "core/runner/mid_proxy.h"
#include "core/runner/runner.h"
#include "core/runner/secure_setup.h"

#include <QUrl>

namespace m2mbench::runner {

namespace {

const QString kDevice = QStringLiteral("D/GSCL");
const QString kNscl = QStringLiteral("NSCL");

struct Target {
    QString host;
    quint16 port = 0;
    QString basePath;
};

Result<Target> parseTarget(const QString &text) {
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != u"http" || url.host().isEmpty()) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("--target '%1' must be an http URL such as http://192.0.2.10:8080/m2m")
                .arg(text));
    }
    Target t;
    t.host = url.host();
    t.port = static_cast<quint16>(url.port(80));
    t.basePath = url.path();
    while (t.basePath.endsWith(QLatin1Char('/'))) {
        t.basePath.chop(1);
    }
    return t;
}

class NsclSession final : public ConfigurationSession {
public:
    NsclSession(SessionInputs &inputs)
        : m_net(inputs.net) {}

    ~NsclSession() override {
        m_net.invoke([this] {
            delete m_device;
            delete m_nscl;
        });
    }

    Result<void> start(SessionInputs &in) {
        auto security = deviceSecurity(in);
        if (!security) {
            return fail(security.error().wrap(QStringLiteral("CFG_NSCL")));
        }
        Target target;
        if (in.options.target.isEmpty()) {
            auto started = startEmbedded(in, *security);
            if (!started) {
                return fail(started.error());
            }
            target = *started;
        } else {
            auto t = parseTarget(in.options.target);
            if (!t) {
                return fail(t.error());
            }
            target = *t;
            if (!target.basePath.isEmpty()) {
                if (auto ok = in.pixit.set(QStringLiteral("PX_NSCL_BASE"), target.basePath); !ok) {
                    return ok;
                }
            }
            auto addresses = nsclAddressesFrom(in.pixit, target.host);
            if (!addresses) {
                return fail(addresses.error().wrap(QStringLiteral("CFG_NSCL")));
            }
            for (auto *to : {&security->connectionHost, &security->httpsHost, &security->coapHost,
                             &security->coapsHost}) {
                *to = QString();
            }
            const nodes::DeviceSecurityConfig &a = addresses->security;
            security->connectionHost = a.connectionHost;
            security->connectionPort = a.connectionPort;
            security->httpsHost = a.httpsHost;
            security->httpsPort = a.httpsPort;
            security->coapHost = a.coapHost;
            security->coapPort = a.coapPort;
            security->coapsHost = a.coapsHost;
            security->coapsPort = a.coapsPort;
            security->unavailable = addresses->missing;
            m_target = in.options.target;
        }
        security->basePath = target.basePath;
        nodes::DeviceConfig dc;
        dc.name = kDevice;
        dc.peerName = kNscl;
        dc.host = target.host;
        dc.port = target.port;
        dc.binding = in.options.binding;
        dc.security = *security;
        m_net.invoke([&] { m_device = new nodes::DeviceNode(dc, &in.trace); });
        return {};
    }

    /// The emulated node's keys and binding settings from PIXIT.
    static Result<nodes::DeviceSecurityConfig> deviceSecurity(SessionInputs &in) {
        nodes::DeviceSecurityConfig s;
        if (auto ok = applyBindingPixit(in.pixit, s); !ok) {
            return fail(ok.error());
        }
        auto profile = runProfile(in.options);
        auto keys = deviceKeysFrom(in.pixit);
        if (!profile || !keys) {
            return fail(!profile ? profile.error() : keys.error());
        }
        s.profile = *profile;
        s.keys = *keys;
        s.coapBinding.status = coap::StatusProfile::fromHttp(in.options.binding.status);
        return s;
    }

    /// The embedded reference NSCL on every binding, its MAS holding the node's Kmr.
    Result<Target> startEmbedded(SessionInputs &in, nodes::DeviceSecurityConfig &security) {
        nodes::NsclConfig cfg;
        cfg.basePath = in.pixit.stringValue(QStringLiteral("PX_NSCL_BASE"), QStringLiteral("/m2m"));
        cfg.validator = in.validator;
        auto faults = nodes::parseNsclFaults(in.options.nsclFaults);
        if (!faults) {
            return fail(faults.error());
        }
        cfg.faults = *faults;
        // The embedded NSCL holds a long poll as long as the PIXIT says the SUT does.
        cfg.longPollTimeoutMs = static_cast<int>(
            in.pixit.intValue(QStringLiteral("PX_LONG_POLL_HOLD_MS"), cfg.longPollTimeoutMs));
        EmbeddedSecurity es;
        es.profile = security.profile;
        es.keys = security.keys;
        es.useMas = in.pixit.stringValue(QStringLiteral("PX_NSCL_KMR_LOOKUP"),
                                         QStringLiteral("mas")) == u"mas";
        es.tlsCiphers = security.tlsCiphers;
        es.dtlsCiphers = in.pixit.stringValue(QStringLiteral("PX_DTLS_CIPHERS"),
                                              QLatin1String(tls::kDefaultDtlsCiphers));
        es.status = in.options.binding.status;
        es.trace = &in.trace;
        es.lifeline = kNscl;
        es.peerLifeline = kDevice;
        auto ports = m_net.invoke([&]() -> Result<std::pair<quint16, SecurePorts>> {
            m_nscl = new nodes::NsclNode(cfg, in.options.binding);
            auto http = m_nscl->listenHttp(QHostAddress::LocalHost, 0);
            if (!http) {
                return fail(http.error());
            }
            auto secure = startEmbeddedSecurity(m_nscl, es);
            if (!secure) {
                return fail(secure.error());
            }
            return std::pair{*http, *secure};
        });
        if (!ports) {
            return fail(ports.error().wrap(QStringLiteral("starting the embedded reference NSCL")));
        }
        const auto [http, secure] = *ports;
        security.connectionPort = secure.connection;
        security.httpsPort = secure.https;
        security.coapPort = secure.coap;
        security.coapsPort = secure.coaps;
        // Every binding is named as a URL, so that a live capture listens to all of them.
        m_target = QStringLiteral("embedded reference NSCL at http://127.0.0.1:%1%2 (service "
                                  "connection and HTTP/TLS-PSK https://127.0.0.1:%3, "
                                  "coap://127.0.0.1:%4, coaps://127.0.0.1:%5)")
                       .arg(http)
                       .arg(cfg.basePath)
                       .arg(secure.https)
                       .arg(secure.coap)
                       .arg(secure.coaps);
        if (secure.mas != 0) {
            // The NSCL asks its MAS for Kmr over Diameter: part of the run, so of its capture.
            m_target += QStringLiteral("; its MAS at diameter://127.0.0.1:%1").arg(secure.mas);
        }
        if (!cfg.faults.isEmpty()) {
            // Said wherever the target is shown (console, JUnit, reports): not a clean run.
            QStringList names(cfg.faults.cbegin(), cfg.faults.cend());
            names.sort();
            m_target += QStringLiteral(" WITH FAULTS ON PURPOSE: %1").arg(names.join(u", "));
        }
        return Target{QStringLiteral("127.0.0.1"), http, cfg.basePath};
    }

    QList<trace::Lifeline> lifelines() const override { return nsclConfigurationLifelines(); }
    QString target() const override { return m_target; }
    bool embedded() const override { return m_nscl != nullptr; }

    QList<QPair<QString, QObject *>> scriptObjects(TestContext *context) override {
        return {{QStringLiteral("device"), new MidNodeProxy(context, m_device)},
                {QStringLiteral("connection"), new ConnectionProxy(context, m_device)}};
    }

private:
    nodes::NetworkThread &m_net;
    nodes::NsclNode *m_nscl = nullptr;
    nodes::DeviceNode *m_device = nullptr;
    QString m_target;
};

} // namespace

QList<trace::Lifeline> nsclConfigurationLifelines() {
    return {trace::Lifeline{kDevice, false}, trace::Lifeline{kNscl, true},
            trace::Lifeline{QStringLiteral("MAS"), false}};
}

Result<std::unique_ptr<ConfigurationSession>> startNsclConfiguration(SessionInputs &inputs) {
    auto session = std::make_unique<NsclSession>(inputs);
    if (auto ok = session->start(inputs); !ok) {
        return fail(ok.error());
    }
    return std::unique_ptr<ConfigurationSession>(std::move(session));
}

} // namespace m2mbench::runner
