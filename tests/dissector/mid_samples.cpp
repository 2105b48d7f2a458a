// SPDX-License-Identifier: Apache-2.0
#include "tests/dissector/mid_samples.h"

#include "core/trace/pdu_export.h"

namespace m2mbench::test {

namespace {

const QByteArray kNs = QByteArrayLiteral("http://uri.etsi.org/m2m");
const QByteArray kAuth = QByteArrayLiteral("Authorization: Basic Z3NjbC1iZW5jaC0wMTpzZWNyZXQ=\r\n");

QByteArray xml(const QByteArray &body) {
    return QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>") + body;
}

void be16(QByteArray &out, quint32 v) {
    out.append(static_cast<char>((v >> 8) & 0xff));
    out.append(static_cast<char>(v & 0xff));
}

void be32(QByteArray &out, quint32 v) {
    be16(out, v >> 16);
    be16(out, v & 0xffff);
}

/// A CoAP option nibble and its extension bytes (RFC 7252 §3.1).
void optionPart(int value, int *nibble, QByteArray &ext) {
    if (value < 13) {
        *nibble = value;
    } else if (value < 269) {
        *nibble = 13;
        ext.append(static_cast<char>(value - 13));
    } else {
        *nibble = 14;
        be16(ext, static_cast<quint32>(value - 269));
    }
}

trace::Event message(bool sent, const QString &protocol, const QByteArray &raw,
                     const QString &bench, const QString &peer) {
    trace::Event e;
    e.kind = sent ? trace::EventKind::MessageSent : trace::EventKind::MessageReceived;
    e.from = sent ? bench : peer;
    e.to = sent ? peer : bench;
    e.protocol = protocol;
    e.raw = raw;
    return e;
}

trace::Event http(bool sent, const QByteArray &raw) {
    return message(sent, QStringLiteral("HTTP"), raw, QStringLiteral("D/GSCL"),
                   QStringLiteral("NSCL"));
}

trace::Event coap(bool sent, const QByteArray &raw) {
    return message(sent, QStringLiteral("CoAP"), raw, QStringLiteral("DA"), QStringLiteral("NSCL"));
}

const QByteArray kApplication =
    xml("<m2m:application xmlns:m2m=\"" + kNs +
        "\" appId=\"app1\"><m2m:searchStrings>"
        "<m2m:searchString>temperature</m2m:searchString></m2m:searchStrings>"
        "<m2m:accessRightID>/m2m/accessRights/ar1</m2m:accessRightID>"
        "<m2m:announceTo><m2m:activated>true</m2m:activated><m2m:sclList><reference>/m2m/scls/nscl"
        "</reference></m2m:sclList></m2m:announceTo></m2m:application>");

const QByteArray kScl = xml("<m2m:scl xmlns:m2m=\"" + kNs +
                            "\" sclId=\"gscl-7\">"
                            "<m2m:expirationTime>2030-01-01T00:00:00Z</m2m:expirationTime>"
                            "</m2m:scl>");

Sample coapCreate() {
    const QByteArray token = QByteArray::fromHex("a1b2c3d4");
    const std::vector<std::pair<int, QByteArray>> request = {{11, "m2m"},
                                                             {11, "applications"},
                                                             {12, QByteArray(1, '\x29')},
                                                             {15, "RequestingEntity=app1"}};
    return {QStringLiteral("COAP_CREATE"),
            {coap(true, coapMessage(0, 2, 0x1001, token, request, kApplication)),
             coap(false,
                  coapMessage(2, 65, 0x1001, token, {{12, QByteArray(1, '\x29')}}, kApplication))}};
}

Sample coapRetrieveDelete() {
    const QByteArray t1 = QByteArray::fromHex("01");
    const QByteArray t2 = QByteArray::fromHex("02");
    const std::vector<std::pair<int, QByteArray>> path = {
        {11, "m2m"}, {11, "applications"}, {11, "app1"}, {15, "RequestingEntity=app1"}};
    return {
        QStringLiteral("COAP_RETRIEVE_DELETE"),
        {coap(true, coapMessage(0, 1, 0x2001, t1, path)),
         coap(false, coapMessage(2, 69, 0x2001, t1, {{12, QByteArray(1, '\x29')}}, kApplication)),
         coap(true, coapMessage(0, 4, 0x2002, t2, path)),
         coap(false, coapMessage(2, 66, 0x2002, t2, {}))}};
}

Sample panaBootstrap() {
    const QByteArray params =
        xml("<m2m:bootstrapParamSet xmlns:m2m=\"" + kNs +
            "\">"
            "<m2m:securityM2MNodeId>00112233445566778899aabbccddeeff</m2m:securityM2MNodeId>"
            "<m2m:securityKmrIndex>1</m2m:securityKmrIndex>"
            "<m2m:securityLifetime>2030-01-01T00:00:00Z</m2m:securityLifetime>"
            "<m2m:securityM2MKey>" +
            QByteArray(32, '\x5a').toHex() +
            "</m2m:securityM2MKey>"
            "<m2m:sclId>gscl-00112233</m2m:sclId></m2m:bootstrapParamSet>");
    return {QStringLiteral("PANA_BOOTSTRAP"),
            {message(false, QStringLiteral("PANA"), panaMessage(0xA000, 2, 7, 13019, 1, params),
                     QStringLiteral("PaC"), QStringLiteral("PAA")),
             message(true, QStringLiteral("PANA"), panaMessage(0x2000, 2, 7, 0, 0, {}),
                     QStringLiteral("PaC"), QStringLiteral("PAA"))}};
}

std::vector<Sample> httpViolations() {
    const QByteArray foreign = xml("<scl xmlns=\"http://example.com/not-m2m\" sclId=\"x\"/>");
    const QByteArray notify = xml("<m2m:notify xmlns:m2m=\"" + kNs +
                                  "\"><m2m:statusCode>"
                                  "STATUS_OK</m2m:statusCode></m2m:notify>");
    const QByteArray noStatus = xml("<m2m:errorInfo xmlns:m2m=\"" + kNs +
                                    "\"><m2m:additionalInfo>"
                                    "no such scl</m2m:additionalInfo></m2m:errorInfo>");
    const QByteArray expired = xml("<m2m:errorInfo xmlns:m2m=\"" + kNs +
                                   "\"><m2m:statusCode>"
                                   "STATUS_EXPIRED</m2m:statusCode></m2m:errorInfo>");
    return {
        {QStringLiteral("HTTP_WRONG_NAMESPACE"),
         {http(true, httpMessage("POST /m2m/scls HTTP/1.1", foreign, kAuth)),
          http(false, httpMessage("HTTP/1.1 400 Bad Request", {}))}},
        {QStringLiteral("HTTP_NOTIFY_MISSING_ELEMENT"),
         {http(true, httpMessage("POST /m2m/notify/sub1 HTTP/1.1", notify, kAuth)),
          http(false, httpMessage("HTTP/1.1 200 OK", {}))}},
        {QStringLiteral("HTTP_ERRORINFO_WITHOUT_STATUS"),
         {http(true, httpMessage("GET /m2m/scls/nobody HTTP/1.1", {}, kAuth)),
          http(false, httpMessage("HTTP/1.1 404 Not Found", noStatus))}},
        {QStringLiteral("HTTP_STATUS_NOT_ALLOWED"),
         {http(true, httpMessage("POST /m2m/scls HTTP/1.1", kScl, kAuth)),
          http(false, httpMessage("HTTP/1.1 200 OK", kScl))}},
        {QStringLiteral("HTTP_MALFORMED_XML"),
         {http(true, httpMessage("PUT /m2m/scls/gscl-7 HTTP/1.1",
                                 "<m2m:scl xmlns:m2m=\"" + kNs + "\"><m2m:searchStrings>", kAuth)),
          http(false, httpMessage("HTTP/1.1 400 Bad Request", {}))}},
        {QStringLiteral("HTTP_STATUS_FROM_ERRORINFO"),
         {http(true, httpMessage("DELETE /m2m/scls/gscl-7 HTTP/1.1", {}, kAuth)),
          http(false, httpMessage("HTTP/1.1 410 Gone", expired))}},
    };
}

std::vector<Sample> httpResources() {
    const QByteArray params =
        xml("<m2m:connectionParamSet xmlns:m2m=\"" + kNs +
            "\">"
            "<m2m:securityConnectionId>42</m2m:securityConnectionId>"
            "<m2m:securityKmcIndex>3</m2m:securityKmcIndex>"
            "<m2m:securityLifetime>2030-01-01T00:00:00+01:00</m2m:securityLifetime>"
            "<m2m:securityM2MKey>" +
            QByteArray(32, '\x33').toHex() +
            "</m2m:securityM2MKey>"
            "<m2m:sclId>gscl-7</m2m:sclId><m2m:securitymIdFlags>0001</m2m:securitymIdFlags>"
            "</m2m:connectionParamSet>");
    const QByteArray instance = xml(
        "<m2m:contentInstance xmlns:m2m=\"" + kNs +
        "\" xmlns:xmime=\"http://www.w3.org/2005/05/"
        "xmlmime\" m2m:id=\"ci1\"><m2m:contentTypes><m2m:contentType>text/plain</m2m:contentType>"
        "</m2m:contentTypes><m2m:contentSize>11</m2m:contentSize><m2m:content "
        "xmime:contentType=\"text/plain\">aGVsbG8gd29ybGQ=</m2m:content></m2m:contentInstance>");
    return {
        {QStringLiteral("HTTP_CONNECTION_PARAMS"),
         {http(true, httpMessage("GET /m2m/scls/gscl-7/connectionParamSet HTTP/1.1", {}, kAuth)),
          http(false, httpMessage("HTTP/1.1 200 OK", params))}},
        {QStringLiteral("HTTP_CONTENT_INSTANCE"),
         {http(true, httpMessage("POST /m2m/applications/app1/containers/c1/contentInstances "
                                 "HTTP/1.1",
                                 instance, kAuth)),
          http(false, httpMessage("HTTP/1.1 201 Created", instance))}},
    };
}

} // namespace

QByteArray coapMessage(int type, int code, quint16 messageId, const QByteArray &token,
                       const std::vector<std::pair<int, QByteArray>> &options,
                       const QByteArray &payload) {
    QByteArray out;
    out.append(static_cast<char>(0x40 | (type << 4) | token.size()));
    out.append(static_cast<char>(code));
    be16(out, messageId);
    out.append(token);
    int previous = 0;
    for (const auto &[number, value] : options) {
        int deltaNibble = 0;
        int lengthNibble = 0;
        QByteArray deltaExt;
        QByteArray lengthExt;
        optionPart(number - previous, &deltaNibble, deltaExt);
        optionPart(static_cast<int>(value.size()), &lengthNibble, lengthExt);
        out.append(static_cast<char>((deltaNibble << 4) | lengthNibble));
        out.append(deltaExt + lengthExt + value);
        previous = number;
    }
    if (!payload.isEmpty()) {
        out.append('\xff');
        out.append(payload);
    }
    return out;
}

QByteArray panaMessage(quint16 flags, quint16 type, quint32 sequence, quint32 vendorId,
                       quint16 avpCode, const QByteArray &avpValue) {
    QByteArray avps;
    if (avpCode != 0) {
        be16(avps, avpCode);
        be16(avps, vendorId ? 0x8000 : 0);
        be16(avps, static_cast<quint32>(avpValue.size()));
        be16(avps, 0);
        if (vendorId) {
            be32(avps, vendorId);
        }
        avps.append(avpValue);
        while (avps.size() % 4) {
            avps.append('\0');
        }
    }
    QByteArray out;
    be16(out, 0);
    be16(out, static_cast<quint32>(16 + avps.size()));
    be16(out, flags);
    be16(out, type);
    be32(out, 0x01020304); // session identifier
    be32(out, sequence);
    return out + avps;
}

QByteArray httpMessage(const QByteArray &startLine, const QByteArray &body,
                       const QByteArray &extraHeaders) {
    QByteArray out = startLine + "\r\nHost: 127.0.0.1:8080\r\n" + extraHeaders;
    if (!body.isEmpty()) {
        out += "Content-Type: application/xml\r\n";
    }
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return out;
}

std::vector<Sample> midSamples() {
    std::vector<Sample> out = {coapCreate(), coapRetrieveDelete(), panaBootstrap()};
    for (Sample &s : httpViolations()) {
        out.push_back(std::move(s));
    }
    for (Sample &s : httpResources()) {
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<trace::Event> collectSamples() {
    std::vector<trace::Event> out;
    auto add = [&out](trace::Event e) {
        e.seq = out.size() + 1;
        e.timeNs = static_cast<qint64>(e.seq) * 100'000;
        out.push_back(std::move(e));
        return out.back().seq;
    };
    for (Sample &s : midSamples()) {
        trace::Event start;
        start.kind = trace::EventKind::TestCaseStarted;
        start.testCaseId = s.name;
        start.summary = s.name;
        add(start);
        quint64 lastRequest = 0;
        for (trace::Event &e : s.events) {
            e.testCaseId = s.name;
            e.phase = QStringLiteral("body");
            if (e.kind == trace::EventKind::MessageReceived) {
                e.relatesTo = lastRequest;
            }
            const quint64 seq = add(e);
            lastRequest = e.kind == trace::EventKind::MessageSent ? seq : lastRequest;
        }
        trace::Event end;
        end.kind = trace::EventKind::TestCaseFinished;
        end.testCaseId = s.name;
        end.verdict = Verdict::Pass;
        add(end);
    }
    return out;
}

Result<void> writeSampleCapture(const QString &path) {
    trace::ExportInput in;
    in.info.bench = QStringLiteral("m2mbench samples");
    in.info.target = QStringLiteral("hand-made mId traffic");
    in.info.started = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    in.info.midBasePaths = {QStringLiteral("/m2m")};
    in.events = collectSamples();
    auto written = trace::writePduExport(path, in);
    if (!written) {
        return fail(written.error());
    }
    return {};
}

Result<void> writeRecordCapture(const QString &path, bool showKeys) {
    trace::ExportInput in;
    in.info.bench = QStringLiteral("m2mbench samples");
    in.info.target = QStringLiteral("records only");
    in.info.started = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    in.info.midBasePaths = {QStringLiteral("/m2m"), QStringLiteral("/om2m")};
    in.showKeys = showKeys;
    auto add = [&in](trace::Event e) {
        e.seq = in.events.size() + 1;
        e.timeNs = static_cast<qint64>(e.seq) * 1000;
        e.testCaseId = QStringLiteral("TC_RECORDS");
        in.events.push_back(std::move(e));
    };
    trace::Event start;
    start.kind = trace::EventKind::TestCaseStarted;
    start.summary = QStringLiteral("every record");
    add(start);
    for (const Verdict v :
         {Verdict::None, Verdict::Pass, Verdict::Inconc, Verdict::Fail, Verdict::Error}) {
        trace::Event check;
        check.kind = trace::EventKind::Check;
        check.phase = QStringLiteral("body");
        check.verdict = v;
        check.text = QStringLiteral("a check that ended %1").arg(verdictName(v));
        check.relatesTo = 1;
        add(check);
    }
    add(trace::Event::log(QStringLiteral("runner"), QStringLiteral("a log line")));
    auto d = std::make_shared<trace::KeyDerivation>();
    d->id = QStringLiteral("Kmr#1");
    d->name = QStringLiteral("Kmr");
    d->formulaId = QStringLiteral("m2m_kdf");
    d->formula =
        QStringLiteral("m2m_kdf(EMSK, \"ETSI-M2M-Kmr\", SP-ID || 0x00 || M2M-Node-ID, 32)");
    d->label = QStringLiteral("ETSI-M2M-Kmr");
    d->inputs.append(
        {QStringLiteral("EMSK"), SecureBytes::fromByteArray(QByteArray(64, '\x01')), true, false});
    d->inputs.append(
        {QStringLiteral("SP-ID"), SecureBytes::fromByteArray("sp.example"), false, true});
    d->output = SecureBytes::fromByteArray(QByteArray(32, '\x02'));
    d->parents.append(QStringLiteral("EMSK#1"));
    trace::Event key;
    key.kind = trace::EventKind::KeyDerivation;
    key.from = QStringLiteral("MSBF");
    key.derivation = d;
    add(key);
    trace::Event end;
    end.kind = trace::EventKind::TestCaseFinished;
    end.verdict = Verdict::Fail;
    end.text = QStringLiteral("a check failed");
    add(end);
    auto written = trace::writePduExport(path, in);
    if (!written) {
        return fail(written.error());
    }
    return {};
}

} // namespace m2mbench::test
