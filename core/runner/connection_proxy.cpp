// SPDX-License-Identifier: Apache-2.0
#include "core/runner/connection_proxy.h"

#include "core/common/hex.h"
#include "core/protocol/mid/resources.h"

#include <QJSEngine>
#include <QThread>

namespace m2mbench::runner {

ConnectionProxy::ConnectionProxy(TestContext *context, nodes::DeviceNode *node)
    : QObject(context)
    , m_context(context)
    , m_node(node) {}

QJSValue ConnectionProxy::stateToJs(const nodes::ConnectionState &s) const {
    QVariantMap m;
    m.insert(QStringLiteral("connectionId"), QString::number(s.connectionId));
    m.insert(QStringLiteral("kmcIndex"), static_cast<double>(s.kmcIndex));
    m.insert(QStringLiteral("lifetime"),
             s.expiry.isValid() ? mid::formatDateTime(s.expiry) : QString());
    m.insert(QStringLiteral("secondsLeft"),
             s.expiry.isValid()
                 ? static_cast<double>(QDateTime::currentDateTimeUtc().msecsTo(s.expiry)) / 1000.0
                 : -1.0);
    m.insert(QStringLiteral("sclId"), s.sclId);
    m.insert(QStringLiteral("identity"), QString::fromLatin1(s.identity()));
    m.insert(QStringLiteral("cipher"), s.cipher);
    m.insert(QStringLiteral("kmcRecord"), s.kmcRecordId);
    return m_context->engine()->toScriptValue(m);
}

QJSValue ConnectionProxy::connect(const QJSValue &options) {
    // Without an address of the NSCL's service connection the bench cannot test it: that is the
    // run's configuration, never the SUT's fault, so inconclusive and the test case says why.
    const nodes::DeviceSecurityConfig &security = m_node->config().security;
    if (security.connectionPort == 0 && security.httpsPort == 0) {
        m_context->failStep(
            QStringLiteral("service connection: cannot be tested: %1")
                .arg(security.unavailable.value(
                    nodes::MidBinding::HttpsPsk,
                    QStringLiteral("no address of the NSCL's service connection is known (PIXIT "
                                   "PX_NSCL_CONNECTION_ADDRESS or PX_NSCL_HTTPS_PSK_ADDRESS)"))),
            Verdict::Inconc, 0);
        return {};
    }
    nodes::ConnectOptions o;
    int timeoutMs = m_context->stepTimeoutMs();
    const nodes::DeviceKeys &keys = m_node->config().security.keys;
    if (options.isObject()) {
        if (options.property(QStringLiteral("wrongKmr")).toBool()) {
            QByteArray k = keys.kmr.exposeBytes();
            for (char &c : k) {
                c = static_cast<char>(c ^ 0x5a);
            }
            o.kmr = SecureBytes::fromByteArray(k);
            k.fill('\0');
        }
        if (options.hasProperty(QStringLiteral("kmr"))) {
            auto k = fromHex(options.property(QStringLiteral("kmr")).toString());
            if (!k) {
                m_context->engine()->throwError(QJSValue::TypeError,
                                                QStringLiteral("connect: kmr is not hex"));
                return {};
            }
            o.kmr = SecureBytes::fromByteArray(*k);
        }
        if (options.hasProperty(QStringLiteral("identity"))) {
            o.identity = options.property(QStringLiteral("identity")).toString().toUtf8();
        } else if (options.hasProperty(QStringLiteral("nodeId"))) {
            const auto node = fromHex(options.property(QStringLiteral("nodeId")).toString());
            const quint32 index = options.hasProperty(QStringLiteral("kmrIndex"))
                                      ? options.property(QStringLiteral("kmrIndex")).toUInt()
                                      : keys.kmrIndex;
            o.identity = node ? tls::PskIdentity{*node, index}.toText() : QByteArray("?");
        }
        o.requestedLifetimeSeconds =
            options.property(QStringLiteral("lifetime")).toInt(); // 0 when absent
        if (options.hasProperty(QStringLiteral("timeoutMs"))) {
            timeoutMs = options.property(QStringLiteral("timeoutMs")).toInt();
        }
    }
    auto promise = std::make_shared<std::promise<nodes::ConnectResult>>();
    auto future = promise->get_future();
    nodes::DeviceNode *node = m_node;
    const nodes::NetworkThread &net = m_context->net();
    net.post([node, o, timeoutMs, promise] {
        node->connectService(o, timeoutMs,
                             [promise](const nodes::ConnectResult &r) { promise->set_value(r); });
    });
    const auto r = m_context->await(future, timeoutMs,
                                    [&net, node] { net.post([node] { node->cancelAll(); }); });
    if (!r) {
        m_context->failStep(QStringLiteral("service connection: the node did not finish in time"),
                            m_context->phase() == u"body" ? Verdict::Fail : Verdict::Inconc, 0);
        return {};
    }
    QJSValue out = r->state ? stateToJs(*r->state) : m_context->engine()->newObject();
    out.setProperty(QStringLiteral("ok"), r->state.has_value() && r->confirmed);
    out.setProperty(QStringLiteral("outcome"), http::outcomeName(r->outcome));
    out.setProperty(QStringLiteral("detail"), r->detail);
    out.setProperty(QStringLiteral("confirmed"), r->confirmed);
    out.setProperty(QStringLiteral("cipher"), r->cipher);
    // The parameter set as the NSCL sent it: expectValid(rsp, "connectionParamSet") judges it.
    out.setProperty(QStringLiteral("body"), QString::fromUtf8(r->paramSet));
    out.setProperty(QStringLiteral("seq"), static_cast<double>(r->responseSeq));
    out.setProperty(QStringLiteral("requestSeq"), static_cast<double>(r->requestSeq));
    return out;
}

QJSValue ConnectionProxy::current() {
    const auto state = m_context->net().invoke([node = m_node] { return node->connection(); });
    return state ? stateToJs(*state) : QJSValue(QJSValue::NullValue);
}

void ConnectionProxy::forget() {
    m_context->net().invoke([node = m_node] { node->forgetConnection(); });
}

void ConnectionProxy::waitSeconds(double seconds) {
    const int limit = m_context->pixitValues().intValue(QStringLiteral("PX_TC_TIMEOUT_MS"), 120000);
    const qint64 ms = std::clamp<qint64>(static_cast<qint64>(seconds * 1000.0), 0, limit);
    m_context->log(QStringLiteral("waiting %1 s").arg(static_cast<double>(ms) / 1000.0));
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms && !m_context->stopRequested()) {
        QThread::msleep(static_cast<unsigned long>(std::min<qint64>(50, ms - t.elapsed())));
    }
}

QJSValue ConnectionProxy::deriveKma(const QString &appId) {
    const auto kma =
        m_context->net().invoke([node = m_node, appId] { return node->deriveKma(appId); });
    QVariantMap m;
    m.insert(QStringLiteral("ok"), kma.has_value());
    m.insert(QStringLiteral("recordId"), kma ? kma->recordId : QString());
    m.insert(QStringLiteral("detail"), kma ? QString() : kma.error().message);
    return m_context->engine()->toScriptValue(m);
}

QJSValue ConnectionProxy::keyRecords() {
    const auto records =
        m_context->net().invoke([node = m_node] { return node->keys().records(); });
    QVariantList list;
    for (const auto &r : records) {
        list.append(QVariantMap{{QStringLiteral("id"), r->id},
                                {QStringLiteral("name"), r->name},
                                {QStringLiteral("formula"), r->formulaId},
                                {QStringLiteral("parents"), r->parents}});
    }
    return m_context->engine()->toScriptValue(list);
}

} // namespace m2mbench::runner
