// SPDX-License-Identifier: Apache-2.0
#include "core/trace/trace_file.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace m2mbench::trace {

namespace {

constexpr int kVersion = 1;
constexpr int kMaxFieldDepth = 16;
constexpr qsizetype kMaxFileBytes = qsizetype(1) << 31;

const EventKind kKinds[] = {EventKind::MessageSent,     EventKind::MessageReceived,
                            EventKind::Check,           EventKind::Log,
                            EventKind::KeyDerivation,   EventKind::TestCaseStarted,
                            EventKind::TestCaseFinished};

QJsonArray fieldsToJson(const QList<Field> &fields, int depth) {
    QJsonArray out;
    if (depth > kMaxFieldDepth) {
        return out;
    }
    for (const Field &f : fields) {
        QJsonObject o{{QStringLiteral("name"), f.name}, {QStringLiteral("value"), f.value}};
        if (f.offset >= 0) {
            o.insert(QStringLiteral("offset"), f.offset);
            o.insert(QStringLiteral("length"), f.length);
        }
        if (!f.children.isEmpty()) {
            o.insert(QStringLiteral("children"), fieldsToJson(f.children, depth + 1));
        }
        out.append(o);
    }
    return out;
}

QList<Field> fieldsFromJson(const QJsonArray &array, int depth) {
    QList<Field> out;
    if (depth > kMaxFieldDepth) {
        return out;
    }
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        Field f(o.value(QStringLiteral("name")).toString(),
                o.value(QStringLiteral("value")).toString(),
                o.value(QStringLiteral("offset")).toInt(-1),
                o.value(QStringLiteral("length")).toInt(-1));
        f.children = fieldsFromJson(o.value(QStringLiteral("children")).toArray(), depth + 1);
        out.append(f);
    }
    return out;
}

QJsonObject valueToJson(const SecureBytes &value, bool secret, bool showKeys) {
    QJsonObject o{{QStringLiteral("length"), static_cast<qint64>(value.size())}};
    if (secret && !showKeys) {
        o.insert(QStringLiteral("masked"), true);
    } else {
        o.insert(QStringLiteral("hex"), QString::fromLatin1(value.exposeBytes().toHex()));
    }
    return o;
}

SecureBytes valueFromJson(const QJsonObject &o) {
    const QByteArray hex = o.value(QStringLiteral("hex")).toString().toLatin1();
    QByteArray bytes = QByteArray::fromHex(hex);
    SecureBytes out = SecureBytes::fromByteArray(bytes);
    bytes.fill('\0');
    return out;
}

QJsonObject derivationToJson(const KeyDerivation &d, bool showKeys) {
    QJsonArray inputs;
    for (const DerivationInput &in : d.inputs) {
        QJsonObject o = valueToJson(in.value, in.secret, showKeys);
        o.insert(QStringLiteral("name"), in.name);
        o.insert(QStringLiteral("secret"), in.secret);
        o.insert(QStringLiteral("text"), in.text);
        inputs.append(o);
    }
    return QJsonObject{{QStringLiteral("id"), d.id},
                       {QStringLiteral("name"), d.name},
                       {QStringLiteral("formulaId"), d.formulaId},
                       {QStringLiteral("formula"), d.formula},
                       {QStringLiteral("label"), d.label},
                       {QStringLiteral("inputs"), inputs},
                       {QStringLiteral("output"), valueToJson(d.output, d.outputSecret, showKeys)},
                       {QStringLiteral("outputSecret"), d.outputSecret},
                       {QStringLiteral("parents"), QJsonArray::fromStringList(d.parents)}};
}

std::shared_ptr<const KeyDerivation> derivationFromJson(const QJsonObject &o) {
    auto d = std::make_shared<KeyDerivation>();
    d->id = o.value(QStringLiteral("id")).toString();
    d->name = o.value(QStringLiteral("name")).toString();
    d->formulaId = o.value(QStringLiteral("formulaId")).toString();
    d->formula = o.value(QStringLiteral("formula")).toString();
    d->label = o.value(QStringLiteral("label")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("inputs")).toArray()) {
        const QJsonObject in = v.toObject();
        d->inputs.append({in.value(QStringLiteral("name")).toString(), valueFromJson(in),
                          in.value(QStringLiteral("secret")).toBool(),
                          in.value(QStringLiteral("text")).toBool()});
    }
    d->output = valueFromJson(o.value(QStringLiteral("output")).toObject());
    d->outputSecret = o.value(QStringLiteral("outputSecret")).toBool(true);
    for (const QJsonValue &v : o.value(QStringLiteral("parents")).toArray()) {
        d->parents.append(v.toString());
    }
    return d;
}

QJsonObject flowToJson(const Flow &f) {
    return QJsonObject{{QStringLiteral("src"), Flow::addressToString(f.source)},
                       {QStringLiteral("sport"), f.sourcePort},
                       {QStringLiteral("dst"), Flow::addressToString(f.destination)},
                       {QStringLiteral("dport"), f.destinationPort},
                       {QStringLiteral("transport"), transportName(f.transport)}};
}

Flow flowFromJson(const QJsonObject &o) {
    Flow f;
    f.source = Flow::addressFromString(o.value(QStringLiteral("src")).toString());
    f.destination = Flow::addressFromString(o.value(QStringLiteral("dst")).toString());
    f.sourcePort = static_cast<quint16>(o.value(QStringLiteral("sport")).toInt());
    f.destinationPort = static_cast<quint16>(o.value(QStringLiteral("dport")).toInt());
    const QString t = o.value(QStringLiteral("transport")).toString();
    f.transport = t == u"tcp" ? Transport::Tcp : t == u"udp" ? Transport::Udp : Transport::None;
    return f;
}

void insertText(QJsonObject &o, const char *key, const QString &value) {
    if (!value.isEmpty()) {
        o.insert(QLatin1String(key), value);
    }
}

} // namespace

QJsonObject eventToJson(const Event &e, const FrameIndex *frames, bool showKeys) {
    QJsonObject o{{QStringLiteral("seq"), static_cast<qint64>(e.seq)},
                  {QStringLiteral("kind"), eventKindName(e.kind)},
                  {QStringLiteral("timeNs"), e.timeNs}};
    insertText(o, "wall", e.wallTime.toUTC().toString(Qt::ISODateWithMs));
    insertText(o, "tc", e.testCaseId);
    insertText(o, "phase", e.phase);
    insertText(o, "from", e.from);
    insertText(o, "to", e.to);
    insertText(o, "protocol", e.protocol);
    insertText(o, "summary", e.summary);
    insertText(o, "text", e.text);
    if (!e.raw.isEmpty()) {
        o.insert(QStringLiteral("raw"), QString::fromLatin1(e.raw.toBase64()));
    }
    if (!e.channel.isEmpty()) {
        o.insert(QStringLiteral("channel"), e.channel);
    }
    if (e.relatesTo != 0) {
        o.insert(QStringLiteral("relatesTo"), static_cast<qint64>(e.relatesTo));
    }
    if (e.kind == EventKind::Check || e.kind == EventKind::TestCaseFinished) {
        o.insert(QStringLiteral("verdict"), verdictName(e.verdict));
    }
    if (!e.fields.isEmpty()) {
        o.insert(QStringLiteral("fields"), fieldsToJson(e.fields, 0));
    }
    if (e.derivation) {
        o.insert(QStringLiteral("derivation"), derivationToJson(*e.derivation, showKeys));
    }
    if (const auto link = frames ? frames->find(e.seq) : std::nullopt) {
        o.insert(QStringLiteral("frame"),
                 QJsonObject{{QStringLiteral("first"), link->firstFrame},
                             {QStringLiteral("last"), link->lastFrame},
                             {QStringLiteral("flow"), flowToJson(link->flow)}});
    }
    return o;
}

Result<Event> eventFromJson(const QJsonObject &o) {
    Event e;
    const QString kind = o.value(QStringLiteral("kind")).toString();
    bool known = false;
    for (const EventKind k : kKinds) {
        if (eventKindName(k) == kind) {
            e.kind = k;
            known = true;
        }
    }
    const qint64 seq = o.value(QStringLiteral("seq")).toInteger(0);
    if (!known || seq <= 0) {
        return fail(Error::Kind::Parse, QStringLiteral("an event needs a known kind and a seq"));
    }
    e.seq = static_cast<quint64>(seq);
    e.timeNs = o.value(QStringLiteral("timeNs")).toInteger(0);
    e.wallTime =
        QDateTime::fromString(o.value(QStringLiteral("wall")).toString(), Qt::ISODateWithMs);
    e.testCaseId = o.value(QStringLiteral("tc")).toString();
    e.phase = o.value(QStringLiteral("phase")).toString();
    e.from = o.value(QStringLiteral("from")).toString();
    e.to = o.value(QStringLiteral("to")).toString();
    e.protocol = o.value(QStringLiteral("protocol")).toString();
    e.summary = o.value(QStringLiteral("summary")).toString();
    e.text = o.value(QStringLiteral("text")).toString();
    e.raw = QByteArray::fromBase64(o.value(QStringLiteral("raw")).toString().toLatin1());
    e.relatesTo = static_cast<quint64>(o.value(QStringLiteral("relatesTo")).toInteger(0));
    e.channel = o.value(QStringLiteral("channel")).toString().left(32);
    e.verdict =
        verdictFromName(o.value(QStringLiteral("verdict")).toString()).value_or(Verdict::None);
    e.fields = fieldsFromJson(o.value(QStringLiteral("fields")).toArray(), 0);
    if (o.contains(QStringLiteral("derivation"))) {
        e.derivation = derivationFromJson(o.value(QStringLiteral("derivation")).toObject());
    }
    return e;
}

QJsonObject runInfoToJson(const RunInfo &info) {
    QJsonArray endpoints;
    for (const CaptureEndpoint &ep : info.endpoints) {
        endpoints.append(QJsonObject{{QStringLiteral("scheme"), ep.scheme},
                                     {QStringLiteral("host"), ep.host},
                                     {QStringLiteral("address"), ep.address},
                                     {QStringLiteral("port"), ep.port},
                                     {QStringLiteral("transport"), transportName(ep.transport)}});
    }
    return QJsonObject{
        {QStringLiteral("format"), QLatin1String(kTraceFormat)},
        {QStringLiteral("version"), kVersion},
        {QStringLiteral("bench"), info.bench},
        {QStringLiteral("target"), info.target},
        {QStringLiteral("started"), info.started.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("midBasePaths"), QJsonArray::fromStringList(info.midBasePaths)},
        {QStringLiteral("endpoints"), endpoints},
        {QStringLiteral("keysShown"), info.keysShown},
        {QStringLiteral("liveCapture"), info.liveCapture},
        {QStringLiteral("captureDir"), info.captureDir},
        {QStringLiteral("runId"), info.runId}};
}

RunInfo runInfoFromJson(const QJsonObject &o) {
    RunInfo info;
    info.bench = o.value(QStringLiteral("bench")).toString();
    info.target = o.value(QStringLiteral("target")).toString();
    info.started =
        QDateTime::fromString(o.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
    for (const QJsonValue &v : o.value(QStringLiteral("midBasePaths")).toArray()) {
        info.midBasePaths.append(v.toString());
    }
    for (const QJsonValue &v : o.value(QStringLiteral("endpoints")).toArray()) {
        const QJsonObject e = v.toObject();
        CaptureEndpoint ep;
        ep.scheme = e.value(QStringLiteral("scheme")).toString();
        ep.host = e.value(QStringLiteral("host")).toString();
        ep.address = e.value(QStringLiteral("address")).toString();
        ep.port = static_cast<quint16>(e.value(QStringLiteral("port")).toInt());
        ep.transport = e.value(QStringLiteral("transport")).toString() == u"udp" ? Transport::Udp
                                                                                 : Transport::Tcp;
        info.endpoints.append(ep);
    }
    info.keysShown = o.value(QStringLiteral("keysShown")).toBool();
    info.liveCapture = o.value(QStringLiteral("liveCapture")).toString();
    info.captureDir = o.value(QStringLiteral("captureDir")).toString();
    info.runId = o.value(QStringLiteral("runId")).toInteger(0);
    return info;
}

QByteArray traceJsonl(const RunInfo &info, const std::vector<Event> &events,
                      const FrameIndex *frames) {
    QByteArray out = QJsonDocument(runInfoToJson(info)).toJson(QJsonDocument::Compact) + '\n';
    for (const Event &e : events) {
        out += QJsonDocument(eventToJson(e, frames, info.keysShown)).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

Result<void> writeTraceFile(const QString &path, const RunInfo &info,
                            const std::vector<Event> &events, const FrameIndex *frames) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    }
    if (info.keysShown) {
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    const QByteArray data = traceJsonl(info, events, frames);
    if (f.write(data) != data.size() || !f.commit()) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    }
    return {};
}

Result<RecordedRun> parseTraceJsonl(const QByteArray &bytes) {
    RecordedRun run;
    run.frames = std::make_shared<FrameIndex>();
    qsizetype at = 0;
    int lineNo = 0;
    while (at < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', at);
        if (end < 0) {
            end = bytes.size();
        }
        const QByteArray line = bytes.mid(at, end - at).trimmed();
        at = end + 1;
        ++lineNo;
        if (line.isEmpty()) {
            continue;
        }
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject()) {
            return fail(Error::Kind::Parse,
                        QStringLiteral("line %1: %2").arg(lineNo).arg(error.errorString()));
        }
        const QJsonObject o = doc.object();
        if (lineNo == 1) {
            if (o.value(QStringLiteral("format")).toString() != QLatin1String(kTraceFormat) ||
                o.value(QStringLiteral("version")).toInt() != kVersion) {
                return fail(Error::Kind::Parse,
                            QStringLiteral("line 1: not an m2mbench trace file of version 1"));
            }
            run.info = runInfoFromJson(o);
            continue;
        }
        auto event = eventFromJson(o);
        if (!event) {
            return fail(event.error().wrap(QStringLiteral("line %1").arg(lineNo)));
        }
        const QJsonObject frame = o.value(QStringLiteral("frame")).toObject();
        if (!frame.isEmpty()) {
            run.frames->set(
                event->seq,
                FrameLink{frame.value(QStringLiteral("first")).toInteger(-1),
                          frame.value(QStringLiteral("last")).toInteger(-1),
                          flowFromJson(frame.value(QStringLiteral("flow")).toObject())});
        }
        run.events.push_back(std::move(*event));
    }
    if (lineNo == 0) {
        return fail(Error::Kind::Parse, QStringLiteral("the trace file is empty"));
    }
    run.frames->setCaptureFile(run.info.liveCapture);
    return run;
}

Result<RecordedRun> readTraceFile(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    }
    if (f.size() > kMaxFileBytes) {
        return fail(Error::Kind::Io, QStringLiteral("%1 is larger than 2 GiB").arg(path));
    }
    auto run = parseTraceJsonl(f.readAll());
    if (!run) {
        return fail(run.error().wrap(path));
    }
    return run;
}

} // namespace m2mbench::trace
