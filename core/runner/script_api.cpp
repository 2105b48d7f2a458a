// SPDX-License-Identifier: Apache-2.0
#include "core/runner/script_api.h"

#include "core/protocol/mid/resources.h"
#include "core/protocol/mid/xml.h"

#include <QJSEngine>
#include <QThread>

#include <chrono>
#include <future>

namespace m2mbench::runner {

namespace {

constexpr int kDefaultStepTimeoutMs = 5000;
/// Extra time the runner waits beyond a step's own timeout before it gives up on the node.
constexpr int kGraceMs = 2000;

QString jsText(const QJSValue &v) {
    if (v.isUndefined()) {
        return QStringLiteral("undefined");
    }
    if (v.isNull()) {
        return QStringLiteral("null");
    }
    if (v.isString()) {
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    }
    return v.toString();
}

} // namespace

void TestState::apply(Verdict v, const QString &why) {
    if (worse(verdict, v) != verdict) {
        verdict = v;
        reason = why;
    } else if (v == verdict && reason.isEmpty()) {
        reason = why;
    }
}

TestContext::TestContext(Wiring wiring, TestState *state, QObject *parent)
    : QObject(parent)
    , m_w(std::move(wiring))
    , m_state(state) {
    m_deviceProxy = new DeviceProxy(this);
}

TestContext::~TestContext() = default;

QJSValue TestContext::pixit(const QString &id) {
    if (!m_w.pixit->contains(id)) {
        m_w.engine->throwError(QJSValue::ReferenceError,
                               QStringLiteral("unknown PIXIT item %1").arg(id));
        return {};
    }
    return m_w.engine->toScriptValue(m_w.pixit->value(id));
}

void TestContext::log(const QString &text) {
    m_w.trace->append(trace::Event::log(QStringLiteral("script"), text));
}

void TestContext::setVerdict(const QString &verdict, const QString &reason) {
    const auto v = verdictFromName(verdict);
    if (!v) {
        m_w.engine->throwError(
            QJSValue::RangeError,
            QStringLiteral("unknown verdict '%1' (none, pass, inconc, fail, error)").arg(verdict));
        return;
    }
    trace::Event e;
    e.kind = trace::EventKind::Check;
    e.verdict = *v;
    e.text = reason.isEmpty() ? QStringLiteral("verdict set by the script") : reason;
    m_w.trace->append(std::move(e));
    m_state->apply(*v, reason);
}

bool TestContext::recordCheck(bool passed, const QString &what, const QString &detail,
                              const QJSValue &evidence) {
    // A check that fails in the preamble or postamble says nothing about the SUT's conformance to
    // the test purpose: inconclusive. In the body it is a failure.
    const Verdict failVerdict = m_state->phase == u"body" ? Verdict::Fail : Verdict::Inconc;
    const Verdict v = passed ? Verdict::Pass : failVerdict;
    ++m_state->checks;
    if (m_state->phase == u"body") {
        ++m_state->bodyChecks;
    }
    QString text = what;
    if (!passed) {
        ++m_state->failedChecks;
        if (!detail.isEmpty()) {
            text += QStringLiteral(": ") + detail;
        }
    }
    trace::Event e;
    e.kind = trace::EventKind::Check;
    e.verdict = v;
    e.text = text;
    e.relatesTo = evidenceSeq(evidence);
    m_w.trace->append(std::move(e));
    if (passed) {
        m_state->apply(Verdict::Pass, QString());
    } else {
        m_state->apply(v, QStringLiteral("[%1] %2").arg(m_state->phase, text));
    }
    return passed;
}

quint64 TestContext::evidenceSeq(const QJSValue &evidence) const {
    if (!evidence.isObject()) {
        return 0;
    }
    const QJSValue seq = evidence.property(QStringLiteral("seq"));
    if (seq.isNumber() && seq.toNumber() > 0) {
        return static_cast<quint64>(seq.toNumber());
    }
    const QJSValue req = evidence.property(QStringLiteral("requestSeq"));
    return req.isNumber() ? static_cast<quint64>(req.toNumber()) : 0;
}

bool TestContext::expectTrue(bool condition, const QString &what, const QJSValue &evidence) {
    return recordCheck(condition, what, QStringLiteral("condition is false"), evidence);
}

bool TestContext::expectEqual(const QJSValue &actual, const QJSValue &expected, const QString &what,
                              const QJSValue &evidence) {
    const bool equal =
        actual.strictlyEquals(expected) ||
        (actual.isString() && expected.isString() && actual.toString() == expected.toString());
    return recordCheck(equal, what,
                       QStringLiteral("expected %1, got %2").arg(jsText(expected), jsText(actual)),
                       evidence);
}

bool TestContext::expectStatus(const QJSValue &response, const QJSValue &expected) {
    QStringList wanted;
    if (expected.isArray()) {
        const int n = expected.property(QStringLiteral("length")).toInt();
        for (int i = 0; i < n; ++i) {
            wanted.append(expected.property(static_cast<quint32>(i)).toString());
        }
    } else {
        wanted.append(expected.toString());
    }
    const QJSValue statusValue = response.property(QStringLiteral("status"));
    const QString status = statusValue.isString() ? statusValue.toString() : QString();
    const int http = response.property(QStringLiteral("httpStatus")).toInt();
    const QString what = QStringLiteral("status is %1").arg(wanted.join(QStringLiteral(" or ")));
    QString detail = status.isEmpty() ? QStringLiteral("HTTP %1 has no mId status").arg(http)
                                      : QStringLiteral("got %1 (HTTP %2)").arg(status).arg(http);
    const QString info = response.property(QStringLiteral("additionalInfo")).toString();
    if (!info.isEmpty() && info != u"undefined") {
        detail += QStringLiteral(", additionalInfo: ") + info.left(200);
    }
    return recordCheck(!status.isEmpty() && wanted.contains(status), what, detail, response);
}

bool TestContext::expectHeader(const QJSValue &response, const QString &name) {
    const QJSValue headers = response.property(QStringLiteral("headers"));
    const QJSValue v = headers.property(name.toLower());
    const bool present = v.isString() && !v.toString().isEmpty();
    return recordCheck(present, QStringLiteral("header %1 present").arg(name),
                       QStringLiteral("the response has no %1 header").arg(name), response);
}

bool TestContext::expectValid(const QJSValue &response, const QString &root) {
    const QByteArray body = response.property(QStringLiteral("body")).toString().toUtf8();
    const QString what = QStringLiteral("body is a valid <%1>").arg(root);
    auto doc = mid::parseXml(body);
    if (!doc) {
        return recordCheck(false, what, doc.error().message, response);
    }
    if (doc->name != root || doc->ns != QLatin1String(mid::kM2mNamespace)) {
        return recordCheck(false, what,
                           QStringLiteral("root is <%1> in namespace '%2'").arg(doc->name, doc->ns),
                           response);
    }
    if (!m_w.validator) {
        if (!m_warnedNoXsd) {
            m_warnedNoXsd = true;
            log(QStringLiteral("XSD validation NOT performed: no schema folder configured (set "
                               "M2M_XSD_DIR or --xsd-dir); only well-formedness, root element and "
                               "namespace are checked"));
        }
        return recordCheck(true, what + QStringLiteral(" (well-formed; schemas not configured)"),
                           QString(), response);
    }
    auto valid = m_w.validator->validate(body, root);
    return recordCheck(valid.has_value(), what, valid ? QString() : valid.error().message,
                       response);
}

QJSValue TestContext::select(const QString &xml, const QString &path) {
    auto doc = mid::parseXml(xml.toUtf8());
    if (!doc) {
        return QJSValue(QJSValue::NullValue);
    }
    return m_w.engine->toScriptValue(doc->select(path));
}

QString TestContext::dateTime(int offsetSecs) {
    return mid::formatDateTime(QDateTime::currentDateTimeUtc().addSecs(offsetSecs));
}

std::optional<nodes::MidExchange> TestContext::exchange(const mid::Request &request,
                                                        int timeoutMs) {
    auto promise = std::make_shared<std::promise<nodes::MidExchange>>();
    auto future = promise->get_future();
    nodes::DeviceNode *device = m_w.device;
    m_w.net->post([device, request, timeoutMs, promise] {
        device->request(request, timeoutMs,
                        [promise](const nodes::MidExchange &ex) { promise->set_value(ex); });
    });
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs + kGraceMs);
    while (future.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
        if ((m_w.stopRequested && m_w.stopRequested->load()) || Clock::now() > deadline) {
            m_w.net->post([device] { device->cancelAll(); });
            if (future.wait_for(std::chrono::milliseconds(kGraceMs)) != std::future_status::ready) {
                return std::nullopt; // the network thread is stuck: give up on this step
            }
            break;
        }
    }
    return future.get();
}

QJSValue TestContext::deviceRequest(int method, const QString &target, const QString &body,
                                    const QJSValue &options) {
    mid::Request req;
    req.method = static_cast<mid::Method>(method);
    req.target = target;
    req.body = body.toUtf8();
    req.requestingEntity = m_w.pixit->stringValue(QStringLiteral("PX_REQUESTING_ENTITY"));
    int timeoutMs =
        m_w.pixit->intValue(QStringLiteral("PX_STEP_TIMEOUT_MS"), kDefaultStepTimeoutMs);
    bool allowFailure = false;
    if (options.isObject()) {
        if (options.hasProperty(QStringLiteral("requestingEntity"))) {
            req.requestingEntity = options.property(QStringLiteral("requestingEntity")).toString();
        }
        if (options.hasProperty(QStringLiteral("contentType"))) {
            req.contentType = options.property(QStringLiteral("contentType")).toString();
        }
        if (options.hasProperty(QStringLiteral("timeoutMs"))) {
            timeoutMs = options.property(QStringLiteral("timeoutMs")).toInt();
        }
        allowFailure = options.property(QStringLiteral("allowFailure")).toBool();
    }
    if (m_w.pixit->value(QStringLiteral("PX_UPPER_TESTER_HINT")).toBool()) {
        req.testCaseHint = m_state->testCaseId;
    }
    const auto ex = exchange(req, timeoutMs);
    const QString step = mid::methodName(req.method) + QLatin1Char(' ') + target;
    if (ex && ex->transport.outcome == http::Exchange::Outcome::Ok) {
        return toJs(*ex);
    }
    const auto outcome = ex ? ex->transport.outcome : http::Exchange::Outcome::Timeout;
    const QString detail =
        ex ? ex->transport.detail : QStringLiteral("the node did not answer in time");
    if (allowFailure && outcome != http::Exchange::Outcome::Cancelled) {
        QJSValue r = m_w.engine->newObject();
        r.setProperty(QStringLiteral("ok"), false);
        r.setProperty(QStringLiteral("outcome"), http::outcomeName(outcome));
        r.setProperty(QStringLiteral("detail"), detail);
        return r;
    }
    // The step cannot go on. Unreachable SUT or a stop: inconclusive in any phase. Any other
    // misbehaviour (silence, garbage, a closed connection, an oversized answer) fails the body.
    Verdict v = m_state->phase == u"body" ? Verdict::Fail : Verdict::Inconc;
    if (outcome == http::Exchange::Outcome::Refused ||
        outcome == http::Exchange::Outcome::Cancelled) {
        v = Verdict::Inconc;
    }
    const QString text = QStringLiteral("%1: no valid response (%2): %3")
                             .arg(step, http::outcomeName(outcome), detail);
    trace::Event e;
    e.kind = trace::EventKind::Check;
    e.verdict = v;
    e.text = text;
    e.relatesTo = ex ? (ex->responseSeq ? ex->responseSeq : ex->requestSeq) : 0;
    m_w.trace->append(std::move(e));
    ++m_state->checks;
    ++m_state->failedChecks;
    m_state->apply(v, QStringLiteral("[%1] %2").arg(m_state->phase, text));
    m_state->stopped = true;
    m_w.engine->throwError(QJSValue::GenericError,
                           QStringLiteral("m2mbench: step failed: ") + text);
    return {};
}

QJSValue TestContext::toJs(const nodes::MidExchange &ex) {
    QJSValue r = m_w.engine->newObject();
    const auto &d = *ex.decoded;
    r.setProperty(QStringLiteral("ok"), true);
    r.setProperty(QStringLiteral("httpStatus"), d.httpStatus);
    r.setProperty(QStringLiteral("status"),
                  d.status ? QJSValue(mid::statusName(*d.status)) : QJSValue(QJSValue::NullValue));
    r.setProperty(QStringLiteral("location"), d.primitive.location);
    r.setProperty(QStringLiteral("contentType"), d.primitive.contentType);
    r.setProperty(QStringLiteral("body"), QString::fromUtf8(d.primitive.body));
    r.setProperty(QStringLiteral("seq"), static_cast<double>(ex.responseSeq));
    r.setProperty(QStringLiteral("requestSeq"), static_cast<double>(ex.requestSeq));
    r.setProperty(QStringLiteral("elapsedMs"), static_cast<double>(ex.transport.elapsedNs) / 1e6);
    QJSValue headers = m_w.engine->newObject();
    for (const auto &[name, value] : ex.transport.response.headers.all()) {
        headers.setProperty(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
    }
    r.setProperty(QStringLiteral("headers"), headers);
    if (d.httpStatus < 400) {
        return r;
    }
    if (auto doc = mid::parseXml(d.primitive.body); doc && doc->name == u"errorInfo") {
        r.setProperty(QStringLiteral("additionalInfo"), doc->childText(u"additionalInfo"));
        const QString code = doc->childText(u"statusCode");
        r.setProperty(QStringLiteral("errorStatusCode"), code);
    }
    return r;
}

QJSValue DeviceProxy::create(const QString &target, const QString &body, const QJSValue &options) {
    return m_context->deviceRequest(static_cast<int>(mid::Method::Create), target, body, options);
}

QJSValue DeviceProxy::retrieve(const QString &target, const QJSValue &options) {
    return m_context->deviceRequest(static_cast<int>(mid::Method::Retrieve), target, QString(),
                                    options);
}

QJSValue DeviceProxy::update(const QString &target, const QString &body, const QJSValue &options) {
    return m_context->deviceRequest(static_cast<int>(mid::Method::Update), target, body, options);
}

QJSValue DeviceProxy::remove(const QString &target, const QJSValue &options) {
    return m_context->deviceRequest(static_cast<int>(mid::Method::Delete), target, QString(),
                                    options);
}

} // namespace m2mbench::runner
