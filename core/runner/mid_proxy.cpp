// SPDX-License-Identifier: Apache-2.0
#include "core/runner/mid_proxy.h"

#include "core/protocol/coap/coap_describe.h"
#include "core/protocol/http/http_describe.h"
#include "core/protocol/http/http_parser.h"
#include "core/protocol/mid/xml.h"

#include <QJSEngine>
#include <QUrl>

namespace m2mbench::runner {

MidNodeProxy::MidNodeProxy(TestContext *context, nodes::DeviceNode *node)
    : QObject(context)
    , m_context(context)
    , m_node(node) {}

QJSValue MidNodeProxy::create(const QString &target, const QString &body, const QJSValue &options) {
    return request(mid::Method::Create, target, body, options);
}

QJSValue MidNodeProxy::retrieve(const QString &target, const QJSValue &options) {
    return request(mid::Method::Retrieve, target, QString(), options);
}

QJSValue MidNodeProxy::update(const QString &target, const QString &body, const QJSValue &options) {
    return request(mid::Method::Update, target, body, options);
}

QJSValue MidNodeProxy::remove(const QString &target, const QJSValue &options) {
    return request(mid::Method::Delete, target, QString(), options);
}

QJSValue MidNodeProxy::request(mid::Method method, const QString &target, const QString &body,
                               const QJSValue &options) {
    const Pixit &pixit = m_context->pixitValues();
    mid::Request req;
    req.method = method;
    req.target = target;
    // A query in the target ("/m2m/discovery?searchString=a&maxSize=2") becomes the request's
    // query parameters, which each binding carries its own way.
    if (const qsizetype q = target.indexOf(QLatin1Char('?')); q >= 0) {
        req.target = target.left(q);
        for (const QString &pair : target.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            req.query.append(
                {QUrl::fromPercentEncoding(pair.left(eq < 0 ? pair.size() : eq).toUtf8()),
                 eq < 0 ? QString() : QUrl::fromPercentEncoding(pair.mid(eq + 1).toUtf8())});
        }
    }
    req.body = body.toUtf8();
    // Unset, the emulated node names its own SCL: the secured bindings require the two to agree.
    req.requestingEntity = pixit.stringValue(QStringLiteral("PX_REQUESTING_ENTITY"));
    if (req.requestingEntity.isEmpty()) {
        req.requestingEntity = pixit.stringValue(QStringLiteral("PX_SCL_ID"));
    }
    int timeoutMs = m_context->stepTimeoutMs();
    bool allowFailure = false;
    bool reconnect = true;
    nodes::MidBinding binding = m_node->binding();
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
        if (options.hasProperty(QStringLiteral("binding"))) {
            const QString name = options.property(QStringLiteral("binding")).toString();
            const auto named = nodes::bindingFromName(name);
            if (!named) {
                m_context->engine()->throwError(
                    QJSValue::TypeError,
                    QStringLiteral("binding '%1' is not http, https-psk, coap or coaps").arg(name));
                return {};
            }
            binding = *named;
        }
        allowFailure = options.property(QStringLiteral("allowFailure")).toBool();
        reconnect = !options.hasProperty(QStringLiteral("reconnect")) ||
                    options.property(QStringLiteral("reconnect")).toBool();
    }
    if (pixit.value(QStringLiteral("PX_UPPER_TESTER_HINT")).toBool()) {
        req.testCaseHint = m_context->testCaseId();
    }

    // The debugger shows (and lets a person edit) the request in its binding's own form.
    const bool debugging = m_context->debugging();
    const QString nodeName = m_node->config().name;
    std::optional<QByteArray> edited;
    if (debugging) {
        const nodes::DeviceNode::WireForm wire = m_node->wireFormFor(req, binding);
        edited = m_context->debugStop(Breakpoint::On::Send, nodeName, wire.summary, wire.text);
        if (edited) {
            m_context->log(QStringLiteral("the request was edited at a debugger stop"));
        }
    }
    auto promise = std::make_shared<std::promise<nodes::MidExchange>>();
    auto future = promise->get_future();
    nodes::DeviceNode *node = m_node;
    const nodes::NetworkThread &net = m_context->net();
    net.post([node, binding, req, edited, timeoutMs, reconnect, promise] {
        node->requestOver(
            binding, req, edited, timeoutMs,
            [promise](const nodes::MidExchange &ex) { promise->set_value(ex); }, reconnect);
    });
    const auto ex = m_context->await(future, timeoutMs,
                                     [&net, node] { net.post([node] { node->cancelAll(); }); });

    if (ex && ex->transport.outcome == http::Exchange::Outcome::Ok) {
        if (debugging) {
            m_context->debugStop(Breakpoint::On::Receive, nodeName,
                                 ex->coapResponse ? coap::summarize(*ex->coapResponse)
                                                  : http::summarizeResponse(ex->transport.response),
                                 ex->transport.rawResponse);
        }
        return toJs(*ex);
    }
    const auto outcome = ex ? ex->transport.outcome : http::Exchange::Outcome::Timeout;
    const QString detail =
        ex ? ex->transport.detail : QStringLiteral("the node did not answer in time");
    if (allowFailure && outcome != http::Exchange::Outcome::Cancelled) {
        QJSValue r = m_context->engine()->newObject();
        r.setProperty(QStringLiteral("ok"), false);
        r.setProperty(QStringLiteral("outcome"), http::outcomeName(outcome));
        r.setProperty(QStringLiteral("detail"), detail);
        r.setProperty(QStringLiteral("binding"), nodes::bindingName(binding));
        if (ex) {
            r.setProperty(QStringLiteral("seq"), static_cast<double>(ex->responseSeq));
            r.setProperty(QStringLiteral("requestSeq"), static_cast<double>(ex->requestSeq));
        }
        return r;
    }
    // The step cannot go on. Unreachable SUT or a stop: inconclusive in any phase. Any other
    // misbehaviour (silence, garbage, a closed connection, an oversized answer, a refused
    // handshake) fails the body.
    Verdict v = m_context->phase() == u"body" ? Verdict::Fail : Verdict::Inconc;
    if (outcome == http::Exchange::Outcome::Refused ||
        outcome == http::Exchange::Outcome::Cancelled) {
        v = Verdict::Inconc;
    }
    const QString step = mid::methodName(method) + QLatin1Char(' ') + target;
    m_context->failStep(
        QStringLiteral("%1 (%2): no valid response (%3): %4")
            .arg(step, nodes::bindingName(binding), http::outcomeName(outcome), detail),
        v, ex ? (ex->responseSeq ? ex->responseSeq : ex->requestSeq) : 0);
    return {};
}

QJSValue MidNodeProxy::toJs(const nodes::MidExchange &ex) const {
    QJSEngine *engine = m_context->engine();
    QJSValue r = engine->newObject();
    const auto &d = *ex.decoded;
    r.setProperty(QStringLiteral("ok"), true);
    r.setProperty(QStringLiteral("binding"), nodes::bindingName(ex.binding));
    r.setProperty(QStringLiteral("httpStatus"), d.httpStatus);
    if (ex.coapResponse) {
        const QString code = coap::codeText(ex.coapResponse->code);
        r.setProperty(QStringLiteral("coapCode"), code);
        r.setProperty(QStringLiteral("wireStatus"), QStringLiteral("CoAP ") + code);
    } else {
        r.setProperty(QStringLiteral("wireStatus"), QStringLiteral("HTTP %1").arg(d.httpStatus));
    }
    r.setProperty(QStringLiteral("status"),
                  d.status ? QJSValue(mid::statusName(*d.status)) : QJSValue(QJSValue::NullValue));
    r.setProperty(QStringLiteral("location"), d.primitive.location);
    r.setProperty(QStringLiteral("contentType"), d.primitive.contentType);
    r.setProperty(QStringLiteral("body"), QString::fromUtf8(d.primitive.body));
    r.setProperty(QStringLiteral("seq"), static_cast<double>(ex.responseSeq));
    r.setProperty(QStringLiteral("requestSeq"), static_cast<double>(ex.requestSeq));
    r.setProperty(QStringLiteral("elapsedMs"), static_cast<double>(ex.transport.elapsedNs) / 1e6);
    QJSValue headers = engine->newObject();
    for (const auto &[name, value] : ex.transport.response.headers.all()) {
        headers.setProperty(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
    }
    if (ex.coapResponse) {
        // CoAP options read like headers: "location" is the Location-Path, the rest by name.
        for (const coap::Option &o : ex.coapResponse->options) {
            headers.setProperty(coap::optionName(o.number).toLower(),
                                QString::fromUtf8(o.value.toHex()));
        }
        if (!d.primitive.location.isEmpty()) {
            headers.setProperty(QStringLiteral("location"), d.primitive.location);
        }
        if (!d.primitive.contentType.isEmpty()) {
            headers.setProperty(QStringLiteral("content-type"), d.primitive.contentType);
        }
    }
    r.setProperty(QStringLiteral("headers"), headers);
    if (d.httpStatus >= 400 || (ex.coapResponse && ex.coapResponse->code >= coap::code(4, 0))) {
        if (auto doc = mid::parseXml(d.primitive.body); doc && doc->name == u"errorInfo") {
            r.setProperty(QStringLiteral("additionalInfo"), doc->childText(u"additionalInfo"));
            r.setProperty(QStringLiteral("errorStatusCode"), doc->childText(u"statusCode"));
        }
    }
    return r;
}

} // namespace m2mbench::runner
