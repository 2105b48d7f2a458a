// SPDX-License-Identifier: Apache-2.0
#include "core/runner/cfg_nscl.h"

#include "core/nodes/device/device_node.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/runner/mid_proxy.h"
#include "core/runner/runner.h"

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
        Target target;
        if (in.options.target.isEmpty()) {
            nodes::NsclConfig cfg;
            cfg.basePath =
                in.pixit.stringValue(QStringLiteral("PX_NSCL_BASE"), QStringLiteral("/m2m"));
            cfg.validator = in.validator;
            auto port = m_net.invoke([&]() -> Result<quint16> {
                m_nscl = new nodes::NsclNode(cfg, in.options.binding);
                return m_nscl->listenHttp(QHostAddress::LocalHost, 0);
            });
            if (!port) {
                return fail(
                    port.error().wrap(QStringLiteral("starting the embedded reference NSCL")));
            }
            target = Target{QStringLiteral("127.0.0.1"), *port, cfg.basePath};
            m_target = QStringLiteral("embedded reference NSCL at http://127.0.0.1:%1%2")
                           .arg(*port)
                           .arg(cfg.basePath);
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
            m_target = in.options.target;
        }
        nodes::DeviceConfig dc;
        dc.name = kDevice;
        dc.peerName = kNscl;
        dc.host = target.host;
        dc.port = target.port;
        dc.binding = in.options.binding;
        m_net.invoke([&] { m_device = new nodes::DeviceNode(dc, &in.trace); });
        return {};
    }

    QList<trace::Lifeline> lifelines() const override { return nsclConfigurationLifelines(); }
    QString target() const override { return m_target; }
    bool embedded() const override { return m_nscl != nullptr; }

    QList<QPair<QString, QObject *>> scriptObjects(TestContext *context) override {
        return {{QStringLiteral("device"), new MidNodeProxy(context, m_device)}};
    }

private:
    nodes::NetworkThread &m_net;
    nodes::NsclNode *m_nscl = nullptr;
    nodes::DeviceNode *m_device = nullptr;
    QString m_target;
};

} // namespace

QList<trace::Lifeline> nsclConfigurationLifelines() {
    return {trace::Lifeline{kDevice, false}, trace::Lifeline{kNscl, true}};
}

Result<std::unique_ptr<ConfigurationSession>> startNsclConfiguration(SessionInputs &inputs) {
    auto session = std::make_unique<NsclSession>(inputs);
    if (auto ok = session->start(inputs); !ok) {
        return fail(ok.error());
    }
    return std::unique_ptr<ConfigurationSession>(std::move(session));
}

} // namespace m2mbench::runner
