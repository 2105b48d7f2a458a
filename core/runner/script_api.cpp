// SPDX-License-Identifier: Apache-2.0
#include "core/runner/script_api.h"

#include "core/protocol/mid/resources.h"
#include "core/protocol/mid/xml.h"
#include "core/runner/notification_sink.h"

#include <QJSEngine>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>

namespace m2mbench::runner {

namespace {

constexpr int kDefaultStepTimeoutMs = 5000;
/// Extra time the runner waits beyond a step's own timeout before it gives up on the node.
constexpr int kGraceMs = 2000;
/// How long a step polls for its answer before it sleeps.
constexpr int kSpinUs = 200;

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
    , m_state(state) {}

TestContext::~TestContext() = default;

QJSValue TestContext::subscriber(const QString &name) {
    const QString lifeline = name.isEmpty() ? QStringLiteral("subscriber") : name;
    trace::Trace *trace = m_w.trace;
    NotificationSink *sink = m_w.net->invoke([lifeline, trace] {
        return new NotificationSink(lifeline, QStringLiteral("NSCL"), trace);
    });
    const Result<quint16> port = m_w.net->invoke([sink] { return sink->listen(); });
    if (!port) {
        m_w.net->post([sink] { delete sink; });
        failStep(QStringLiteral("the subscriber %1 cannot listen on 127.0.0.1: %2")
                     .arg(lifeline, port.error().message),
                 Verdict::Error, 0);
        return {};
    }
    const QString contact = QStringLiteral("http://127.0.0.1:%1/%2")
                                .arg(*port)
                                .arg(QString::fromLatin1(QUrl::toPercentEncoding(lifeline)));
    log(QStringLiteral("subscriber %1 listens at %2").arg(lifeline, contact));
    return m_w.engine->newQObject(new NotificationSinkProxy(this, sink, contact));
}

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
    debugStop(Breakpoint::On::Check, QString(), text, QByteArray(), v);
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
    const QJSValue wireValue = response.property(QStringLiteral("wireStatus"));
    // "HTTP 404" or "CoAP 4.04": whichever binding carried it.
    const QString wire =
        wireValue.isString() ? wireValue.toString() : QStringLiteral("HTTP %1").arg(http);
    const QString what = QStringLiteral("status is %1").arg(wanted.join(QStringLiteral(" or ")));
    QString detail = status.isEmpty() ? QStringLiteral("%1 has no mId status").arg(wire)
                                      : QStringLiteral("got %1 (%2)").arg(status, wire);
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

void TestContext::sleep(int ms) {
    const int bounded = std::clamp(ms, 0, kMaxSleepMs);
    if (bounded != ms) {
        m_w.engine->throwError(
            QJSValue::RangeError,
            QStringLiteral("ctx.sleep(%1): between 0 and %2 ms").arg(ms).arg(kMaxSleepMs));
        return;
    }
    log(QStringLiteral("waiting %1 ms").arg(bounded));
    using Clock = std::chrono::steady_clock;
    const auto until = Clock::now() + std::chrono::milliseconds(bounded);
    while (!stopRequested()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
        if (left.count() <= 0) {
            return;
        }
        std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(20)));
    }
}

bool TestContext::stopRequested() const {
    return m_w.stopRequested && m_w.stopRequested->load();
}

int TestContext::stepTimeoutMs() const {
    return m_w.pixit->intValue(QStringLiteral("PX_STEP_TIMEOUT_MS"), kDefaultStepTimeoutMs);
}

std::optional<QByteArray> TestContext::debugStop(Breakpoint::On on, const QString &node,
                                                 const QString &summary, const QByteArray &message,
                                                 Verdict verdict) {
    if (!m_w.debugger) {
        return std::nullopt;
    }
    StopInfo stop;
    stop.on = on;
    stop.testCaseId = m_state->testCaseId;
    stop.phase = m_state->phase;
    stop.node = node;
    stop.summary = summary;
    stop.message = message;
    stop.editable = on == Breakpoint::On::Send;
    stop.verdict = verdict;
    const Resumption r = m_w.debugger->gate(stop, m_w.stopRequested);
    for (const auto &[id, value] : r.pixitEdits) {
        if (auto ok = m_w.pixit->set(id, value); ok) {
            log(QStringLiteral("PIXIT %1 set to '%2' at a debugger stop").arg(id, value));
        } else {
            log(QStringLiteral("PIXIT edit refused: %1").arg(ok.error().message));
        }
    }
    return stop.editable ? r.edited : std::nullopt;
}

bool TestContext::check(bool passed, const QString &what, const QString &detail,
                        quint64 evidenceSeq) {
    QJSValue evidence;
    if (evidenceSeq != 0) {
        evidence = m_w.engine->newObject();
        evidence.setProperty(QStringLiteral("seq"), static_cast<double>(evidenceSeq));
    }
    return recordCheck(passed, what, detail, evidence);
}

void TestContext::failStep(const QString &text, Verdict v, quint64 evidenceSeq) {
    trace::Event e;
    e.kind = trace::EventKind::Check;
    e.verdict = v;
    e.text = text;
    e.relatesTo = evidenceSeq;
    m_w.trace->append(std::move(e));
    ++m_state->checks;
    ++m_state->failedChecks;
    m_state->apply(v, QStringLiteral("[%1] %2").arg(m_state->phase, text));
    m_state->stopped = true;
    m_w.engine->throwError(QJSValue::GenericError,
                           QStringLiteral("m2mbench: step failed: ") + text);
}

bool TestContext::waitReady(const std::function<bool(int)> &waitMs, int timeoutMs,
                            const std::function<void()> &cancel) {
    using Clock = std::chrono::steady_clock;
    // A loopback answer often comes within tens of microseconds: poll briefly before sleeping,
    // because waking a sleeping thread costs more than that on a virtual machine.
    const auto spinUntil = Clock::now() + std::chrono::microseconds(kSpinUs);
    while (Clock::now() < spinUntil) {
        if (waitMs(0)) {
            return true;
        }
        std::this_thread::yield();
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs + kGraceMs);
    while (!waitMs(20)) {
        if (stopRequested() || Clock::now() > deadline) {
            cancel();
            return waitMs(kGraceMs); // false: the network thread is stuck; give up on the step
        }
    }
    return true;
}

} // namespace m2mbench::runner
