// SPDX-License-Identifier: Apache-2.0
#include "core/runner/boot_proxy.h"

#include "core/common/hex.h"
#include "core/protocol/mid/resources.h"

#include <QJSEngine>

namespace m2mbench::runner {

namespace {

QJSValue orNull(const QString &s) {
    return s.isEmpty() ? QJSValue(QJSValue::NullValue) : QJSValue(s);
}

QString resultCodeName(quint32 code) {
    switch (code) {
    case pana::ResultCode::Success: return QStringLiteral("PANA_SUCCESS");
    case pana::ResultCode::AuthenticationRejected:
        return QStringLiteral("PANA_AUTHENTICATION_REJECTED");
    case pana::ResultCode::AuthorizationRejected:
        return QStringLiteral("PANA_AUTHORIZATION_REJECTED");
    default: break;
    }
    return QString::number(code);
}

/// Applies a script's options to a copy of the bench's device configuration.
nodes::DeviceBootstrapConfig configFor(const BootBench &bench, const QJSValue &o) {
    nodes::DeviceBootstrapConfig c = bench.base;
    if (!o.isObject()) {
        return c;
    }
    if (o.hasProperty(QStringLiteral("identity"))) {
        c.identity = o.property(QStringLiteral("identity")).toString();
    }
    if (o.property(QStringLiteral("certificate")).toString() == u"wrong") {
        c.credential = bench.pki.rogueDevice;
    }
    const QString tls = o.property(QStringLiteral("tls")).toString();
    if (tls == u"1.2") {
        c.tlsMinVersion = c.tlsMaxVersion = 0x0303;
    } else if (tls == u"1.3") {
        c.tlsMinVersion = c.tlsMaxVersion = 0x0304;
    }
    if (o.hasProperty(QStringLiteral("fragmentSize"))) {
        c.profile.bootstrap.eapTlsFragmentSize = o.property(QStringLiteral("fragmentSize")).toInt();
    }
    if (o.hasProperty(QStringLiteral("piggyback"))) {
        pana::SessionConfig s = c.pana.value_or(pana::SessionConfig());
        c.pana = s;
        c.pana->piggybackEap = o.property(QStringLiteral("piggyback")).toBool();
    }
    return c;
}

QList<int> intList(const QJSValue &array) {
    QList<int> out;
    const int n = array.property(QStringLiteral("length")).toInt();
    for (int i = 0; i < n; ++i) {
        out << array.property(static_cast<quint32>(i)).toInt();
    }
    return out;
}

} // namespace

QJSValue bootstrapResultToJs(QJSEngine *engine, const nodes::BootstrapResult &r) {
    QJSValue v = engine->newObject();
    v.setProperty(QStringLiteral("ok"), r.outcome == nodes::BootstrapResult::Outcome::Bootstrapped);
    v.setProperty(QStringLiteral("outcome"), nodes::outcomeName(r.outcome));
    v.setProperty(QStringLiteral("reason"), r.reason);
    v.setProperty(QStringLiteral("resultCode"), r.resultCode
                                                    ? QJSValue(static_cast<int>(*r.resultCode))
                                                    : QJSValue(QJSValue::NullValue));
    v.setProperty(QStringLiteral("resultName"), r.resultCode
                                                    ? QJSValue(resultCodeName(*r.resultCode))
                                                    : QJSValue(QJSValue::NullValue));
    v.setProperty(QStringLiteral("body"), QString::fromUtf8(r.bootstrapParamSet));
    v.setProperty(QStringLiteral("nodeId"), orNull(toHex(r.nodeId)));
    v.setProperty(QStringLiteral("sclId"), orNull(r.sclId));
    v.setProperty(QStringLiteral("nsclList"), engine->toScriptValue(r.nsclList));
    v.setProperty(QStringLiteral("masFqdn"), orNull(r.masFqdn));
    v.setProperty(QStringLiteral("kmrIndex"), static_cast<double>(r.kmrIndex));
    v.setProperty(QStringLiteral("kmrExpiry"), r.kmrExpiry.isValid()
                                                   ? QJSValue(mid::formatDateTime(r.kmrExpiry))
                                                   : QJSValue(QJSValue::NullValue));
    v.setProperty(QStringLiteral("kmrSource"), orNull(r.kmrSource));
    v.setProperty(QStringLiteral("kmrDerived"), r.kmr.value.size() == 32);
    v.setProperty(QStringLiteral("kmrRecord"), orNull(r.kmr.recordId));
    v.setProperty(QStringLiteral("tlsVersion"), orNull(r.tlsVersion));
    v.setProperty(QStringLiteral("tlsCipher"), orNull(r.tlsCipher));
    v.setProperty(QStringLiteral("serverSubject"), orNull(r.serverCertificate.subject));
    v.setProperty(QStringLiteral("keyId"), static_cast<double>(r.keyId));
    v.setProperty(QStringLiteral("sessionLifetime"), static_cast<double>(r.sessionLifetime));
    v.setProperty(QStringLiteral("finalAuth"), pana::authCheckName(r.finalAuth));
    v.setProperty(QStringLiteral("rejectedFinalPars"), r.rejectedFinalPars);
    v.setProperty(QStringLiteral("authentications"), r.authentications);
    v.setProperty(QStringLiteral("datagramsFromMsbf"), r.datagramsFromMsbf);
    v.setProperty(QStringLiteral("retransmissionsSeen"), r.repeatedDatagrams);
    v.setProperty(QStringLiteral("firstRetransmissionAfterMs"),
                  static_cast<double>(r.firstRepeatAfterMs));
    v.setProperty(QStringLiteral("seq"), static_cast<double>(r.finalParSeq));
    v.setProperty(QStringLiteral("elapsedMs"), static_cast<double>(r.elapsedMs));
    return v;
}

BootDeviceProxy::BootDeviceProxy(TestContext *context, BootBench *bench)
    : QObject(context)
    , m_context(context)
    , m_bench(bench) {}

bool BootDeviceProxy::refuseWhenUnavailable() {
    if (m_bench->unavailable.isEmpty()) {
        return false;
    }
    m_context->failStep(m_bench->unavailable, Verdict::Inconc, 0);
    return true;
}

int BootDeviceProxy::timeoutOf(const QJSValue &options, const QString &pixitItem) const {
    if (options.isObject() && options.hasProperty(QStringLiteral("timeoutMs"))) {
        return options.property(QStringLiteral("timeoutMs")).toInt();
    }
    return m_context->pixitValues().intValue(pixitItem, m_context->stepTimeoutMs());
}

QJSValue BootDeviceProxy::bootstrap(const QJSValue &options) {
    if (refuseWhenUnavailable()) {
        return {};
    }
    const nodes::DeviceBootstrapConfig config = configFor(*m_bench, options);
    const int timeoutMs = timeoutOf(options, QStringLiteral("PX_BOOT_TIMEOUT_MS"));
    const QList<int> drops = options.isObject()
                                 ? intList(options.property(QStringLiteral("dropRequests")))
                                 : QList<int>();
    const bool allowFailure =
        options.isObject() && options.property(QStringLiteral("allowFailure")).toBool();
    auto promise = std::make_shared<std::promise<std::pair<bool, nodes::BootstrapResult>>>();
    auto future = promise->get_future();
    BootBench *bench = m_bench;
    bench->net->post([bench, config, timeoutMs, drops, promise] {
        delete bench->device;
        bench->device = new nodes::DeviceBootstrap(config, bench->trace);
        nodes::DeviceBootstrap *d = bench->device;
        if (auto ok = d->start(); !ok) {
            nodes::BootstrapResult r;
            r.outcome = nodes::BootstrapResult::Outcome::Failed;
            r.reason = ok.error().message;
            promise->set_value({true, r});
            return;
        }
        d->faults().dropRequests = drops;
        d->waitFor([d] { return d->result().outcome != nodes::BootstrapResult::Outcome::Pending; },
                   timeoutMs,
                   [d, promise](bool decided) {
                       promise->set_value({decided, d->result()});
                   });
    });
    const auto got = m_context->await(future, timeoutMs, [bench] {
        bench->net->post([bench] {
            if (bench->device) {
                bench->device->cancel(QStringLiteral("stopped"));
            }
        });
    });
    if (got && got->first) {
        return bootstrapResultToJs(m_context->engine(), got->second);
    }
    nodes::BootstrapResult r = got ? got->second : nodes::BootstrapResult();
    bench->net->post([bench] {
        if (bench->device) {
            bench->device->cancel(QStringLiteral("no decision within the bootstrap timeout"));
        }
    });
    const bool unreachable = r.datagramsFromMsbf == 0;
    const QString detail =
        unreachable ? QStringLiteral("the MSBF at %1 never answered within %2 ms (unreachable?)")
                          .arg(m_bench->msbf)
                          .arg(timeoutMs)
                    : QStringLiteral(
                          "no decision within %1 ms after %2 datagram(s) from the MSBF; last: %3")
                          .arg(timeoutMs)
                          .arg(r.datagramsFromMsbf)
                          .arg(r.lastNote);
    if (allowFailure) {
        QJSValue v = bootstrapResultToJs(m_context->engine(), r);
        v.setProperty(QStringLiteral("outcome"), QStringLiteral("timeout"));
        v.setProperty(QStringLiteral("reason"), detail);
        return v;
    }
    const Verdict v =
        unreachable || m_context->phase() != u"body" ? Verdict::Inconc : Verdict::Fail;
    m_context->failStep(QStringLiteral("bootstrap: ") + detail, v, r.finalParSeq);
    return {};
}

QJSValue BootDeviceProxy::result() {
    if (refuseWhenUnavailable()) {
        return {};
    }
    const auto r = m_bench->net->invoke(
        [this] { return m_bench->device ? m_bench->device->result() : nodes::BootstrapResult(); });
    return bootstrapResultToJs(m_context->engine(), r);
}

QJSValue BootDeviceProxy::sessionStep(
    const QString &what, const QJSValue &options,
    const std::function<bool(nodes::DeviceBootstrap &)> &act,
    const std::function<bool(nodes::DeviceBootstrap &)> &done,
    const std::function<void(nodes::DeviceBootstrap &, QVariantMap &)> &fill) {
    const int timeoutMs = timeoutOf(options, QStringLiteral("PX_STEP_TIMEOUT_MS"));
    struct Outcome {
        bool started = false;
        bool answered = false;
    };
    auto promise = std::make_shared<std::promise<Outcome>>();
    auto future = promise->get_future();
    BootBench *bench = m_bench;
    bench->net->post([bench, act, done, timeoutMs, promise] {
        nodes::DeviceBootstrap *d = bench->device;
        if (!d || !d->session() || !act(*d)) {
            promise->set_value({false, false});
            return;
        }
        d->waitFor([d, done] { return done(*d); }, timeoutMs,
                   [promise](bool ok) {
                       promise->set_value({true, ok});
                   });
    });
    const auto got = m_context->await(future, timeoutMs, [] {});
    QVariantMap facts;
    facts.insert(QStringLiteral("started"), got && got->started);
    facts.insert(QStringLiteral("answered"), got && got->answered);
    if (!got || !got->started) {
        facts.insert(QStringLiteral("detail"),
                     QStringLiteral("%1: no open PANA session to use (bootstrap first)").arg(what));
    }
    // Facts are gathered on the network thread; script values are made here, on the runner's.
    const bool answered = got && got->answered;
    m_bench->net->invoke([&] {
        if (m_bench->device && !answered && m_bench->device->session()) {
            m_bench->device->session()->abandonRequest(); // lock-step: free the way for the next
        }
        if (m_bench->device) {
            fill(*m_bench->device, facts);
            facts.insert(QStringLiteral("seq"),
                         static_cast<double>(m_bench->device->lastReceivedSeq()));
        }
    });
    return m_context->engine()->toScriptValue(facts);
}

QJSValue BootDeviceProxy::ping(const QJSValue &options) {
    if (refuseWhenUnavailable()) {
        return {};
    }
    const bool corrupt =
        options.isObject() && options.property(QStringLiteral("corruptAuth")).toBool();
    const bool duplicate =
        options.isObject() && options.property(QStringLiteral("duplicate")).toBool();
    auto before = std::make_shared<int>(0);
    return sessionStep(
        QStringLiteral("ping"), options,
        [=](nodes::DeviceBootstrap &d) {
            *before = d.receivedCount(QStringLiteral("PNA"));
            d.faults().corruptNextAuth = corrupt;
            d.faults().duplicateNextRequest = duplicate;
            return d.session()->ping();
        },
        [=](nodes::DeviceBootstrap &d) {
            return d.receivedCount(QStringLiteral("PNA")) >= *before + (duplicate ? 2 : 1);
        },
        [=](nodes::DeviceBootstrap &d, QVariantMap &v) {
            v.insert(QStringLiteral("answers"), d.receivedCount(QStringLiteral("PNA")) - *before);
            v.insert(QStringLiteral("answered"), d.receivedCount(QStringLiteral("PNA")) > *before);
            v.insert(QStringLiteral("discarded"),
                     d.session() ? d.session()->discardedMessages() : 0);
        });
}

QJSValue BootDeviceProxy::reauthenticate(const QJSValue &options) {
    if (refuseWhenUnavailable()) {
        return {};
    }
    auto before = std::make_shared<int>(0);
    QJSValue v = sessionStep(
        QStringLiteral("re-authentication"), options,
        [=](nodes::DeviceBootstrap &d) {
            *before = d.result().authentications;
            return d.session()->reauthenticate();
        },
        [=](nodes::DeviceBootstrap &d) {
            return d.result().authentications > *before ||
                   d.result().outcome != nodes::BootstrapResult::Outcome::Bootstrapped;
        },
        [](nodes::DeviceBootstrap &, QVariantMap &) {});
    QJSValue r = result();
    r.setProperty(QStringLiteral("answered"), v.property(QStringLiteral("answered")));
    r.setProperty(QStringLiteral("started"), v.property(QStringLiteral("started")));
    return r;
}

QJSValue BootDeviceProxy::terminate(const QJSValue &options) {
    if (refuseWhenUnavailable()) {
        return {};
    }
    auto before = std::make_shared<int>(0);
    return sessionStep(
        QStringLiteral("termination"), options,
        [=](nodes::DeviceBootstrap &d) {
            *before = d.receivedCount(QStringLiteral("PTA"));
            return d.session()->terminate();
        },
        [=](nodes::DeviceBootstrap &d) { return d.receivedCount(QStringLiteral("PTA")) > *before; },
        [](nodes::DeviceBootstrap &d, QVariantMap &v) {
            v.insert(QStringLiteral("closed"), d.session() && d.session()->isClosed());
        });
}

QJSValue BootDeviceProxy::replayTermination(const QJSValue &options) {
    if (refuseWhenUnavailable()) {
        return {};
    }
    auto pna = std::make_shared<int>(0);
    auto pta = std::make_shared<int>(0);
    QJSValue o = options.isObject() ? options : m_context->engine()->newObject();
    if (!o.hasProperty(QStringLiteral("timeoutMs"))) {
        o.setProperty(QStringLiteral("timeoutMs"), 1500); // an answer from cache comes at once
    }
    return sessionStep(
        QStringLiteral("replay"), o,
        [=](nodes::DeviceBootstrap &d) {
            *pna = d.receivedCount(QStringLiteral("PNA"));
            *pta = d.receivedCount(QStringLiteral("PTA"));
            pana::Message ptr;
            ptr.type = pana::MessageType::Termination;
            ptr.avps = {
                pana::Avp::u32(pana::AvpCode::TerminationCause, pana::TerminationCause::Logout)};
            return d.session()->sendReplayedRequest(ptr);
        },
        [=](nodes::DeviceBootstrap &d) { return d.receivedCount(QStringLiteral("PTA")) > *pta; },
        [=](nodes::DeviceBootstrap &d, QVariantMap &v) {
            const bool terminated = d.receivedCount(QStringLiteral("PTA")) > *pta;
            const bool cached = d.receivedCount(QStringLiteral("PNA")) > *pna;
            v.insert(QStringLiteral("terminated"), terminated);
            v.insert(QStringLiteral("answeredWith"), terminated ? QStringLiteral("PTA")
                                                     : cached   ? QStringLiteral("PNA")
                                                                : QStringLiteral("nothing"));
        });
}

NsclKeyProxy::NsclKeyProxy(TestContext *context, BootBench *bench)
    : QObject(context)
    , m_context(context)
    , m_bench(bench) {}

QJSValue NsclKeyProxy::retrieveKmr(const QJSValue &options) {
    QJSEngine *engine = m_context->engine();
    QJSValue v = engine->newObject();
    if (!m_bench->unavailable.isEmpty()) {
        m_context->failStep(m_bench->unavailable, Verdict::Inconc, 0);
        return {};
    }
    if (!m_bench->nscl) {
        v.setProperty(QStringLiteral("ok"), false);
        v.setProperty(QStringLiteral("detail"),
                      QStringLiteral("no MAS in this configuration (PX_MAS_ADDRESS)"));
        return v;
    }
    const nodes::BootstrapResult last = m_bench->net->invoke(
        [this] { return m_bench->device ? m_bench->device->result() : nodes::BootstrapResult(); });
    QByteArray nodeId = last.nodeId;
    quint32 index = last.kmrIndex;
    if (options.isObject() && options.hasProperty(QStringLiteral("nodeId"))) {
        nodeId =
            fromHex(options.property(QStringLiteral("nodeId")).toString()).value_or(QByteArray());
    }
    if (options.isObject() && options.hasProperty(QStringLiteral("index"))) {
        index = static_cast<quint32>(options.property(QStringLiteral("index")).toUInt());
    }
    const int timeoutMs = options.isObject() && options.hasProperty(QStringLiteral("timeoutMs"))
                              ? options.property(QStringLiteral("timeoutMs")).toInt()
                              : m_context->stepTimeoutMs();
    auto promise = std::make_shared<std::promise<nodes::MasAnswer>>();
    auto future = promise->get_future();
    nodes::MasClient *client = m_bench->nscl;
    m_bench->net->post([client, nodeId, index, timeoutMs, promise] {
        client->retrieve(nodeId, index, timeoutMs,
                         [promise](const nodes::MasAnswer &a) { promise->set_value(a); });
    });
    const auto a = m_context->await(future, timeoutMs, [] {});
    const bool allowFailure =
        options.isObject() && options.property(QStringLiteral("allowFailure")).toBool();
    if (!a || !a->ok) {
        const QString detail =
            a ? a->errorMessage : QStringLiteral("the MAS did not answer in time");
        if (!allowFailure) {
            const bool refused = detail.contains(QLatin1String("refused"));
            m_context->failStep(QStringLiteral("Key-Retrieval: ") + detail,
                                refused || m_context->phase() != u"body" ? Verdict::Inconc
                                                                         : Verdict::Fail,
                                a ? a->requestSeq : 0);
            return {};
        }
        v.setProperty(QStringLiteral("ok"), false);
        v.setProperty(QStringLiteral("detail"), detail);
        return v;
    }
    v.setProperty(QStringLiteral("ok"), true);
    v.setProperty(QStringLiteral("resultCode"), static_cast<double>(a->resultCode));
    v.setProperty(QStringLiteral("resultName"), diameter::resultCodeName(a->resultCode));
    v.setProperty(QStringLiteral("errorMessage"), a->errorMessage);
    v.setProperty(QStringLiteral("found"), a->record.has_value());
    v.setProperty(QStringLiteral("sameAsDevice"),
                  a->record && !last.kmr.value.isEmpty() && a->record->key.equals(last.kmr.value));
    v.setProperty(QStringLiteral("kmrIndex"),
                  a->record ? static_cast<double>(a->record->keyIndex) : 0.0);
    v.setProperty(QStringLiteral("sclId"), a->record ? a->record->sclId : QString());
    v.setProperty(QStringLiteral("expiry"),
                  a->record ? mid::formatDateTime(a->record->expiry) : QString());
    v.setProperty(QStringLiteral("seq"), static_cast<double>(a->answerSeq));
    v.setProperty(QStringLiteral("requestSeq"), static_cast<double>(a->requestSeq));
    return v;
}

} // namespace m2mbench::runner
