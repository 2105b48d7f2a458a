// SPDX-License-Identifier: Apache-2.0
#include "core/runner/dg_proxy.h"

#include "core/common/hex.h"

#include <QJSEngine>

namespace m2mbench::runner {

namespace {

struct StepOutcome {
    bool started = false;
    bool done = false;
    nodes::MsbfSessionInfo info;
};

} // namespace

DgMsbfProxy::DgMsbfProxy(TestContext *context, DgBench *bench)
    : QObject(context)
    , m_context(context)
    , m_bench(bench) {}

int DgMsbfProxy::timeoutOf(const QJSValue &options, const QString &pixitItem) const {
    if (options.isObject() && options.hasProperty(QStringLiteral("timeoutMs"))) {
        return options.property(QStringLiteral("timeoutMs")).toInt();
    }
    return m_context->pixitValues().intValue(pixitItem, m_context->stepTimeoutMs());
}

QJSValue DgMsbfProxy::infoToJs(const nodes::MsbfSessionInfo &i) const {
    QVariantMap m;
    m.insert(QStringLiteral("ok"), i.outcome == nodes::MsbfSessionInfo::Outcome::Bootstrapped);
    m.insert(QStringLiteral("outcome"), nodes::outcomeName(i.outcome));
    m.insert(QStringLiteral("reason"), i.reason);
    m.insert(QStringLiteral("sessionId"), static_cast<double>(i.sessionId));
    m.insert(QStringLiteral("peer"), i.peer);
    m.insert(QStringLiteral("identity"), i.identity);
    m.insert(QStringLiteral("nodeId"), toHex(i.nodeId));
    m.insert(QStringLiteral("resultCode"), static_cast<double>(i.resultCode));
    m.insert(QStringLiteral("kmrIndex"), static_cast<double>(i.kmrIndex));
    m.insert(QStringLiteral("kmrSource"), i.kmrSource);
    m.insert(QStringLiteral("tlsVersion"), i.tlsVersion);
    m.insert(QStringLiteral("deviceSubject"), i.deviceCertificate.subject);
    m.insert(QStringLiteral("keyId"), static_cast<double>(i.keyId));
    m.insert(QStringLiteral("authentications"), i.authentications);
    m.insert(QStringLiteral("pingsAnswered"), i.pingsAnswered);
    m.insert(QStringLiteral("retransmissions"), i.retransmissions);
    m.insert(QStringLiteral("discarded"), i.discarded);
    m.insert(QStringLiteral("lastDiscard"), i.lastDiscard);
    QVariantMap received;
    for (auto it = i.received.cbegin(); it != i.received.cend(); ++it) {
        received.insert(it.key(), it.value());
    }
    m.insert(QStringLiteral("received"), received);
    m.insert(QStringLiteral("seq"), static_cast<double>(i.lastReceivedSeq));
    m.insert(QStringLiteral("requestSeq"), static_cast<double>(i.lastSentSeq));
    return m_context->engine()->toScriptValue(m);
}

QJSValue DgMsbfProxy::awaitBootstrap(const QJSValue &options) {
    if (!m_bench->unavailable.isEmpty()) {
        m_context->failStep(m_bench->unavailable, Verdict::Inconc, 0);
        return {};
    }
    const bool rogue = options.isObject() &&
                       options.property(QStringLiteral("serverCertificate")).toString() == u"rogue";
    nodes::MsbfFaults faults;
    if (options.isObject()) {
        faults.corruptFinalAuth = options.property(QStringLiteral("corruptFinalAuth")).toBool();
        faults.withholdFinal = options.property(QStringLiteral("withholdFinal")).toBool();
        faults.rejectAll = options.property(QStringLiteral("rejectDevice")).toBool();
    }
    const int timeoutMs = timeoutOf(options, QStringLiteral("PX_DG_WAIT_MS"));
    if (m_bench->trigger == DgBench::Trigger::WaitForPci) {
        m_context->log(
            QStringLiteral("waiting up to %1 ms for the device under test to start its bootstrap")
                .arg(timeoutMs));
    }
    auto promise = std::make_shared<std::promise<StepOutcome>>();
    auto future = promise->get_future();
    DgBench *bench = m_bench;
    bench->net->post([bench, rogue, faults, timeoutMs, promise] {
        nodes::MsbfNode *msbf = bench->msbf;
        msbf->faults() = faults;
        msbf->setServerCredential(rogue ? bench->pki.rogueMsbf : bench->pki.msbf);
        const quint32 before = msbf->latestSessionId();
        if (bench->trigger == DgBench::Trigger::Embedded) {
            delete bench->embedded;
            bench->embedded =
                new nodes::DeviceBootstrap(*bench->embeddedConfig); // the SUT: no trace
            bench->embedded->start();
        } else if (bench->trigger == DgBench::Trigger::PaaInitiated) {
            msbf->initiate(QHostAddress(bench->device.host), bench->device.port);
        }
        msbf->waitFor(
            [msbf, before] {
                const auto i = msbf->info(msbf->latestSessionId());
                return msbf->latestSessionId() != before && i &&
                       i->outcome != nodes::MsbfSessionInfo::Outcome::Pending;
            },
            timeoutMs,
            [msbf, before, promise](bool decided) {
                StepOutcome o;
                o.started = msbf->latestSessionId() != before;
                o.done = decided;
                if (auto i = msbf->info(msbf->latestSessionId())) {
                    o.info = *i;
                }
                promise->set_value(o);
            });
    });
    const auto got = m_context->await(future, timeoutMs, [] {});
    bench->net->invoke([bench] {
        bench->msbf->faults() = nodes::MsbfFaults();
        bench->msbf->setServerCredential(bench->pki.msbf);
    });
    if (!got || !got->started) {
        m_context->failStep(
            QStringLiteral(
                "the device under test started no bootstrap within %1 ms (PX_DG_DEVICE_ADDRESS)")
                .arg(timeoutMs),
            Verdict::Inconc, 0);
        return {};
    }
    QJSValue v = infoToJs(got->info);
    v.setProperty(QStringLiteral("timedOut"), !got->done);
    return v;
}

QJSValue DgMsbfProxy::step(const QJSValue &options,
                           const std::function<bool(nodes::MsbfNode &, quint32)> &act,
                           const std::function<bool(const nodes::MsbfSessionInfo &,
                                                    const nodes::MsbfSessionInfo &)> &done) {
    if (!m_bench->unavailable.isEmpty()) {
        m_context->failStep(m_bench->unavailable, Verdict::Inconc, 0);
        return {};
    }
    const int timeoutMs = timeoutOf(options, QStringLiteral("PX_STEP_TIMEOUT_MS"));
    auto promise = std::make_shared<std::promise<StepOutcome>>();
    auto future = promise->get_future();
    nodes::MsbfNode *msbf = m_bench->msbf;
    m_bench->net->post([msbf, act, done, timeoutMs, promise] {
        const quint32 id = msbf->latestSessionId();
        const auto before = msbf->info(id);
        if (!before || !act(*msbf, id)) {
            promise->set_value(
                StepOutcome{false, false, before.value_or(nodes::MsbfSessionInfo())});
            return;
        }
        msbf->waitFor([msbf, id, before, done] { return done(*before, *msbf->info(id)); },
                      timeoutMs,
                      [msbf, id, promise](bool ok) {
                          promise->set_value(StepOutcome{true, ok, *msbf->info(id)});
                      });
    });
    const auto got = m_context->await(future, timeoutMs, [] {});
    QJSValue v = infoToJs(got ? got->info : nodes::MsbfSessionInfo());
    v.setProperty(QStringLiteral("started"), got && got->started);
    v.setProperty(QStringLiteral("answered"), got && got->done);
    return v;
}

QJSValue DgMsbfProxy::ping(const QJSValue &options) {
    return step(
        options, [](nodes::MsbfNode &m, quint32 id) { return m.ping(id); },
        [](const nodes::MsbfSessionInfo &b, const nodes::MsbfSessionInfo &a) {
            return a.pingsAnswered > b.pingsAnswered;
        });
}

QJSValue DgMsbfProxy::reauthenticate(const QJSValue &options) {
    QJSValue o = options.isObject() ? options : m_context->engine()->newObject();
    if (!o.hasProperty(QStringLiteral("timeoutMs"))) {
        o.setProperty(QStringLiteral("timeoutMs"),
                      m_context->pixitValues().intValue(QStringLiteral("PX_DG_WAIT_MS"), 10000));
    }
    return step(
        o, [](nodes::MsbfNode &m, quint32 id) { return m.reauthenticate(id); },
        [](const nodes::MsbfSessionInfo &b, const nodes::MsbfSessionInfo &a) {
            return a.authentications > b.authentications ||
                   a.outcome != nodes::MsbfSessionInfo::Outcome::Bootstrapped;
        });
}

QJSValue DgMsbfProxy::terminate(const QJSValue &options) {
    return step(
        options, [](nodes::MsbfNode &m, quint32 id) { return m.terminate(id); },
        [](const nodes::MsbfSessionInfo &b, const nodes::MsbfSessionInfo &a) {
            return a.received.value(QStringLiteral("PTA")) >
                   b.received.value(QStringLiteral("PTA"));
        });
}

QJSValue DgMsbfProxy::replayTermination(const QJSValue &options) {
    QJSValue o = options.isObject() ? options : m_context->engine()->newObject();
    if (!o.hasProperty(QStringLiteral("timeoutMs"))) {
        o.setProperty(QStringLiteral("timeoutMs"), 1500);
    }
    QJSValue v = step(
        o,
        [](nodes::MsbfNode &m, quint32 id) {
            pana::PaaSession *s = m.session(id);
            pana::Message ptr;
            ptr.type = pana::MessageType::Termination;
            ptr.avps = {pana::Avp::u32(pana::AvpCode::TerminationCause,
                                       pana::TerminationCause::Administrative)};
            return s != nullptr && s->sendReplayedRequest(ptr);
        },
        [](const nodes::MsbfSessionInfo &b, const nodes::MsbfSessionInfo &a) {
            return a.received.value(QStringLiteral("PTA")) >
                   b.received.value(QStringLiteral("PTA"));
        });
    v.setProperty(QStringLiteral("terminated"), v.property(QStringLiteral("answered")));
    return v;
}

QJSValue DgMsbfProxy::session() {
    if (!m_bench->unavailable.isEmpty()) {
        m_context->failStep(m_bench->unavailable, Verdict::Inconc, 0);
        return {};
    }
    const auto info = m_bench->net->invoke(
        [this] { return m_bench->msbf->info(m_bench->msbf->latestSessionId()); });
    return infoToJs(info.value_or(nodes::MsbfSessionInfo()));
}

} // namespace m2mbench::runner
