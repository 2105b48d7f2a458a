// SPDX-License-Identifier: Apache-2.0
#include "core/runner/journal_codec.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

namespace m2mbench::runner {

namespace {

RunStatus statusFrom(const QString &s) {
    for (RunStatus v :
         {RunStatus::Running, RunStatus::Finished, RunStatus::Stopped, RunStatus::Interrupted}) {
        if (runStatusName(v) == s) {
            return v;
        }
    }
    return RunStatus::Interrupted;
}

JournalTestCase::State stateFrom(const QString &s) {
    using S = JournalTestCase::State;
    for (S v : {S::Selected, S::Deselected, S::Running, S::Done, S::Interrupted}) {
        if (testCaseStateName(v) == s) {
            return v;
        }
    }
    return S::Interrupted;
}

trace::EventKind kindFrom(const QString &s) {
    using K = trace::EventKind;
    for (K k : {K::MessageSent, K::MessageReceived, K::Check, K::Log, K::KeyDerivation,
                K::TestCaseStarted, K::TestCaseFinished}) {
        if (trace::eventKindName(k) == s) {
            return k;
        }
    }
    return K::Log;
}

QVariantMap mapFrom(const QString &text) {
    return fromJsonText(text).toVariantMap();
}

} // namespace

QString toJsonText(const QJsonObject &object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromJsonText(const QString &text) {
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonObject testCaseInfoToJson(const TestCaseInfo &info) {
    QJsonArray refs;
    for (const SpecReference &r : info.references) {
        refs.append(QJsonObject{{QStringLiteral("document"), r.document},
                                {QStringLiteral("clause"), r.clause}});
    }
    return QJsonObject{
        {QStringLiteral("id"), info.id},
        {QStringLiteral("title"), info.title},
        {QStringLiteral("purpose"), info.purpose},
        {QStringLiteral("objective"), info.objective},
        {QStringLiteral("references"), refs},
        {QStringLiteral("configuration"), info.configuration},
        {QStringLiteral("pics"), info.pics},
        {QStringLiteral("pixit"), QJsonArray::fromStringList(info.pixit)},
        {QStringLiteral("file"), info.file},
        {QStringLiteral("group"), info.group},
    };
}

TestCaseInfo testCaseInfoFromJson(const QJsonObject &o) {
    TestCaseInfo info;
    info.id = o.value(QStringLiteral("id")).toString();
    info.title = o.value(QStringLiteral("title")).toString();
    info.purpose = o.value(QStringLiteral("purpose")).toString();
    info.objective = o.value(QStringLiteral("objective")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("references")).toArray()) {
        info.references.append({v.toObject().value(QStringLiteral("document")).toString(),
                                v.toObject().value(QStringLiteral("clause")).toString()});
    }
    info.configuration = o.value(QStringLiteral("configuration")).toString();
    info.pics = o.value(QStringLiteral("pics")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("pixit")).toArray()) {
        info.pixit.append(v.toString());
    }
    info.file = o.value(QStringLiteral("file")).toString();
    info.group = o.value(QStringLiteral("group")).toString();
    return info;
}

QJsonObject derivationToJson(const trace::KeyDerivation &d) {
    QJsonArray inputs;
    for (const trace::DerivationInput &in : d.inputs) {
        inputs.append(QJsonObject{{QStringLiteral("name"), in.name},
                                  {QStringLiteral("value"), in.value.exposeHex()},
                                  {QStringLiteral("secret"), in.secret},
                                  {QStringLiteral("text"), in.text}});
    }
    return QJsonObject{{QStringLiteral("id"), d.id},
                       {QStringLiteral("name"), d.name},
                       {QStringLiteral("formulaId"), d.formulaId},
                       {QStringLiteral("formula"), d.formula},
                       {QStringLiteral("label"), d.label},
                       {QStringLiteral("inputs"), inputs},
                       {QStringLiteral("output"), d.output.exposeHex()},
                       {QStringLiteral("outputSecret"), d.outputSecret},
                       {QStringLiteral("parents"), QJsonArray::fromStringList(d.parents)}};
}

trace::KeyDerivation derivationFromJson(const QJsonObject &o) {
    trace::KeyDerivation d;
    d.id = o.value(QStringLiteral("id")).toString();
    d.name = o.value(QStringLiteral("name")).toString();
    d.formulaId = o.value(QStringLiteral("formulaId")).toString();
    d.formula = o.value(QStringLiteral("formula")).toString();
    d.label = o.value(QStringLiteral("label")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("inputs")).toArray()) {
        const QJsonObject in = v.toObject();
        d.inputs.append({in.value(QStringLiteral("name")).toString(),
                         SecureBytes::fromByteArray(QByteArray::fromHex(
                             in.value(QStringLiteral("value")).toString().toLatin1())),
                         in.value(QStringLiteral("secret")).toBool(),
                         in.value(QStringLiteral("text")).toBool()});
    }
    d.output = SecureBytes::fromByteArray(
        QByteArray::fromHex(o.value(QStringLiteral("output")).toString().toLatin1()));
    d.outputSecret = o.value(QStringLiteral("outputSecret")).toBool(true);
    for (const QJsonValue &v : o.value(QStringLiteral("parents")).toArray()) {
        d.parents.append(v.toString());
    }
    return d;
}

QString isoWallTime(const QDateTime &t) {
    if (!t.isValid()) {
        return t.toString(Qt::ISODateWithMs);
    }
    // One cache per thread (the journal's writer formats alone): the second it holds, with the
    // text before the milliseconds and after them (the zone designator).
    struct Cache {
        qint64 second = std::numeric_limits<qint64>::min();
        int offset = 0;
        Qt::TimeSpec spec = Qt::UTC;
        QString head;
        QString tail;
    };
    thread_local Cache cache;
    const qint64 ms = t.toMSecsSinceEpoch();
    const qint64 second = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    const int offset = t.offsetFromUtc();
    if (second != cache.second || offset != cache.offset || t.timeSpec() != cache.spec) {
        const QString full = t.toString(Qt::ISODateWithMs);
        // "yyyy-MM-ddTHH:mm:ss.zzz" and a designator; any other shape is not cached.
        const qsizetype dot = full.indexOf(QLatin1Char('.'), 19);
        if (dot != 19 || full.size() < dot + 4) {
            cache.second = std::numeric_limits<qint64>::min();
            return full;
        }
        cache.second = second;
        cache.offset = offset;
        cache.spec = t.timeSpec();
        cache.head = full.left(dot + 1);
        cache.tail = full.mid(dot + 4);
    }
    const int milli = static_cast<int>(ms - second * 1000);
    QString out;
    out.reserve(cache.head.size() + 3 + cache.tail.size());
    out.append(cache.head);
    out.append(QChar(u'0' + milli / 100));
    out.append(QChar(u'0' + milli / 10 % 10));
    out.append(QChar(u'0' + milli % 10));
    out.append(cache.tail);
    return out;
}

void bindEvent(SqliteStatement &stmt, qint64 runId, quint64 seqOffset, const trace::Event &e) {
    stmt.bind(1, runId);
    stmt.bind(2, qint64(e.seq + seqOffset));
    stmt.bind(3, trace::eventKindName(e.kind));
    stmt.bind(4, e.timeNs);
    stmt.bind(5, isoWallTime(e.wallTime));
    stmt.bind(6, e.testCaseId);
    stmt.bind(7, e.phase);
    stmt.bind(8, e.from);
    stmt.bind(9, e.to);
    stmt.bind(10, e.protocol);
    stmt.bind(11, e.summary);
    if (e.raw.isEmpty()) {
        stmt.bindNull(12);
    } else {
        stmt.bind(12, e.raw);
    }
    stmt.bind(13, qint64(e.relatesTo ? e.relatesTo + seqOffset : 0));
    stmt.bind(14, verdictName(e.verdict));
    stmt.bind(15, e.text);
    if (e.derivation) {
        stmt.bind(16, toJsonText(derivationToJson(*e.derivation)));
    } else {
        stmt.bindNull(16);
    }
}

RunRecord readRun(const SqliteStatement &row) {
    RunRecord r;
    r.id = row.int64(0);
    r.status = statusFrom(row.text(1));
    r.started = QDateTime::fromString(row.text(2), Qt::ISODateWithMs);
    r.finished = QDateTime::fromString(row.text(3), Qt::ISODateWithMs);
    r.benchVersion = row.text(4);
    r.target = row.text(5);
    r.embedded = row.int64(6) != 0;
    r.noPics = row.int64(7) != 0;
    r.options = fromJsonText(row.text(8));
    r.pics = mapFrom(row.text(9));
    r.pixit = mapFrom(row.text(10));
    r.profile = fromJsonText(row.text(11));
    r.profileFingerprint = row.text(12);
    r.xsdDir = row.text(13);
    r.pid = row.int64(14);
    r.secretPixit = row.text(15).split(QLatin1Char(','), Qt::SkipEmptyParts);
    return r;
}

JournalTestCase readTestCase(const SqliteStatement &row) {
    JournalTestCase tc;
    tc.info = testCaseInfoFromJson(fromJsonText(row.text(0)));
    tc.state = stateFrom(row.text(1));
    tc.selectionReason = row.text(2);
    tc.verdict = verdictFromName(row.text(3)).value_or(Verdict::None);
    tc.reason = row.text(4);
    tc.started = QDateTime::fromString(row.text(5), Qt::ISODateWithMs);
    tc.durationNs = row.int64(6);
    tc.checks = static_cast<int>(row.int64(7));
    tc.failedChecks = static_cast<int>(row.int64(8));
    tc.firstSeq = static_cast<quint64>(row.int64(9));
    tc.lastSeq = static_cast<quint64>(row.int64(10));
    return tc;
}

trace::Event readEvent(const SqliteStatement &row) {
    trace::Event e;
    e.seq = static_cast<quint64>(row.int64(0));
    e.kind = kindFrom(row.text(1));
    e.timeNs = row.int64(2);
    e.wallTime = QDateTime::fromString(row.text(3), Qt::ISODateWithMs);
    e.testCaseId = row.text(4);
    e.phase = row.text(5);
    e.from = row.text(6);
    e.to = row.text(7);
    e.protocol = row.text(8);
    e.summary = row.text(9);
    e.raw = row.blob(10);
    e.relatesTo = static_cast<quint64>(row.int64(11));
    e.verdict = verdictFromName(row.text(12)).value_or(Verdict::None);
    e.text = row.text(13);
    if (!row.isNull(14)) {
        e.derivation = std::make_shared<const trace::KeyDerivation>(
            derivationFromJson(fromJsonText(row.text(14))));
    }
    return e;
}

} // namespace m2mbench::runner
