// SPDX-License-Identifier: Apache-2.0
#include "core/runner/reports.h"

#include "core/protocol/decode.h"
#include "core/trace/key_log.h"
#include "core/trace/run_capture.h"
#include "core/trace/trace_file.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QXmlStreamWriter>

namespace m2mbench::runner {

namespace {

QString seconds(qint64 ns) {
    return QString::number(static_cast<double>(ns) / 1e9, 'f', 3);
}

QString references(const TestCaseInfo &tc) {
    QStringList refs;
    for (const SpecReference &r : tc.references) {
        refs.append(r.document + QStringLiteral(" clause ") + r.clause);
    }
    return refs.join(QStringLiteral("; "));
}

void writeField(QByteArray &out, const trace::Field &f, int depth) {
    if (depth > 12) {
        return;
    }
    out += QByteArray(4 + depth * 2, ' ') + f.name.toUtf8();
    if (!f.value.isEmpty()) {
        out += ": " + f.value.left(200).toUtf8();
    }
    out += '\n';
    for (const trace::Field &c : f.children) {
        writeField(out, c, depth + 1);
    }
}

Result<void> saveFile(const QString &path, const QByteArray &data) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    }
    return {};
}

/// Writes the key log owner-only (it decrypts every session it covers).
Result<void> saveKeyLog(const QString &path, const QByteArray &data) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        !f.setPermissions(QFile::ReadOwner | QFile::WriteOwner) || f.write(data) != data.size()) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    }
    return {};
}

} // namespace

QByteArray junitXml(const RunSummary &summary, const QString &suiteName, bool showKeys) {
    int failures = 0;
    int errors = 0;
    qint64 totalNs = 0;
    for (const TestResult &r : summary.results) {
        totalNs += r.durationNs;
        if (r.verdict == Verdict::Error) {
            ++errors;
        } else if (r.verdict != Verdict::Pass) {
            ++failures;
        }
    }
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuites"));
    w.writeStartElement(QStringLiteral("testsuite"));
    w.writeAttribute(QStringLiteral("name"), suiteName);
    w.writeAttribute(QStringLiteral("tests"),
                     QString::number(summary.results.size() + summary.deselected.size()));
    w.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    w.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    w.writeAttribute(QStringLiteral("skipped"), QString::number(summary.deselected.size()));
    w.writeAttribute(QStringLiteral("time"), seconds(totalNs));
    w.writeAttribute(QStringLiteral("timestamp"), summary.started.toString(Qt::ISODate));
    w.writeStartElement(QStringLiteral("properties"));
    auto property = [&w](const QString &name, const QString &value) {
        w.writeStartElement(QStringLiteral("property"));
        w.writeAttribute(QStringLiteral("name"), name);
        w.writeAttribute(QStringLiteral("value"), value);
        w.writeEndElement();
    };
    property(QStringLiteral("target"), summary.target);
    property(QStringLiteral("xsd"),
             summary.xsdDir.isEmpty() ? QStringLiteral("not configured") : summary.xsdDir);
    const QVariantMap pixit = reportedPixit(summary.pixit, summary.secretPixit, showKeys);
    for (auto it = pixit.cbegin(); it != pixit.cend(); ++it) {
        property(it.key(), it.value().toString());
    }
    w.writeEndElement();
    for (const TestResult &r : summary.results) {
        w.writeStartElement(QStringLiteral("testcase"));
        w.writeAttribute(QStringLiteral("classname"),
                         QString(r.info.group).replace(QLatin1Char('/'), QLatin1Char('.')));
        w.writeAttribute(QStringLiteral("name"), r.info.id);
        w.writeAttribute(QStringLiteral("time"), seconds(r.durationNs));
        const QString verdict = verdictName(r.verdict);
        if (r.verdict == Verdict::Error) {
            w.writeStartElement(QStringLiteral("error"));
        } else if (r.verdict != Verdict::Pass) {
            w.writeStartElement(QStringLiteral("failure"));
        }
        if (r.verdict != Verdict::Pass) {
            w.writeAttribute(QStringLiteral("type"), verdict);
            w.writeAttribute(QStringLiteral("message"),
                             QStringLiteral("verdict %1: %2").arg(verdict, r.reason));
            w.writeCharacters(
                QStringLiteral("%1 (%2)\nverdict: %3\nreason: %4\nreferences: %5\n")
                    .arg(r.info.title, r.info.purpose, verdict, r.reason, references(r.info)));
            w.writeEndElement();
        }
        w.writeTextElement(QStringLiteral("system-out"),
                           QStringLiteral("verdict: %1\n").arg(verdict));
        w.writeEndElement();
    }
    for (const Deselected &d : summary.deselected) {
        w.writeStartElement(QStringLiteral("testcase"));
        w.writeAttribute(QStringLiteral("classname"),
                         QString(d.info.group).replace(QLatin1Char('/'), QLatin1Char('.')));
        w.writeAttribute(QStringLiteral("name"), d.info.id);
        w.writeAttribute(QStringLiteral("time"), QStringLiteral("0"));
        w.writeStartElement(QStringLiteral("skipped"));
        w.writeAttribute(QStringLiteral("message"), QStringLiteral("not selected: ") + d.reason);
        w.writeEndElement();
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

QByteArray summaryJson(const RunSummary &summary, bool showKeys) {
    QJsonObject root;
    root.insert(QStringLiteral("bench"),
                QStringLiteral("m2mbench ") + QStringLiteral(M2MBENCH_VERSION));
    root.insert(QStringLiteral("target"), summary.target);
    root.insert(QStringLiteral("embedded"), summary.embedded);
    root.insert(QStringLiteral("xsdDir"), summary.xsdDir);
    root.insert(QStringLiteral("started"), summary.started.toString(Qt::ISODateWithMs));
    root.insert(QStringLiteral("finished"), summary.finished.toString(Qt::ISODateWithMs));
    root.insert(QStringLiteral("stopped"), summary.stopped);
    root.insert(QStringLiteral("overall"), verdictName(summary.overall()));
    root.insert(QStringLiteral("pixit"), QJsonObject::fromVariantMap(reportedPixit(
                                             summary.pixit, summary.secretPixit, showKeys)));
    root.insert(QStringLiteral("pixitKeysMasked"), !showKeys && !summary.secretPixit.isEmpty());
    root.insert(QStringLiteral("pics"), QJsonObject::fromVariantMap(summary.pics));
    QJsonArray results;
    for (const TestResult &r : summary.results) {
        QJsonArray refs;
        for (const SpecReference &ref : r.info.references) {
            refs.append(QJsonObject{{QStringLiteral("document"), ref.document},
                                    {QStringLiteral("clause"), ref.clause}});
        }
        results.append(QJsonObject{
            {QStringLiteral("id"), r.info.id},
            {QStringLiteral("title"), r.info.title},
            {QStringLiteral("purpose"), r.info.purpose},
            {QStringLiteral("references"), refs},
            {QStringLiteral("verdict"), verdictName(r.verdict)},
            {QStringLiteral("reason"), r.reason},
            {QStringLiteral("durationMs"), static_cast<double>(r.durationNs) / 1e6},
            {QStringLiteral("checks"), r.checks},
            {QStringLiteral("failedChecks"), r.failedChecks},
            {QStringLiteral("firstEvent"), static_cast<double>(r.firstSeq)},
            {QStringLiteral("lastEvent"), static_cast<double>(r.lastSeq)},
        });
    }
    root.insert(QStringLiteral("results"), results);
    QJsonArray deselected;
    for (const Deselected &d : summary.deselected) {
        deselected.append(
            QJsonObject{{QStringLiteral("id"), d.info.id}, {QStringLiteral("reason"), d.reason}});
    }
    root.insert(QStringLiteral("deselected"), deselected);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray traceText(const trace::Trace &trace, const trace::FrameIndex *frames) {
    QByteArray out;
    for (const trace::Event &e : trace.since(0)) {
        QString line = QStringLiteral("%1 %2 %3")
                           .arg(e.seq, 6)
                           .arg(static_cast<double>(e.timeNs) / 1e6, 10, 'f', 3)
                           .arg(trace::eventKindName(e.kind), -8);
        if (!e.testCaseId.isEmpty()) {
            line += QStringLiteral(" [%1%2]").arg(
                e.testCaseId, e.phase.isEmpty() ? QString() : QLatin1Char('/') + e.phase);
        }
        if (e.isMessage()) {
            line += QStringLiteral(" %1 -> %2 %3: %4").arg(e.from, e.to, e.protocol, e.summary);
            if (const auto link = frames ? frames->find(e.seq) : std::nullopt) {
                line += QStringLiteral(" [frame %1]").arg(link->framesText());
            }
        } else if (e.kind == trace::EventKind::Check ||
                   e.kind == trace::EventKind::TestCaseFinished) {
            line += QStringLiteral(" %1: %2").arg(verdictName(e.verdict), e.text);
            if (e.relatesTo) {
                line += QStringLiteral(" (event %1)").arg(e.relatesTo);
            }
        } else if (e.kind == trace::EventKind::KeyDerivation && e.derivation) {
            line += QStringLiteral(" %1 = %2(...) [value masked]")
                        .arg(e.derivation->name, e.derivation->formulaId);
        } else {
            line += QLatin1Char(' ') + (e.summary.isEmpty() ? e.text : e.summary);
        }
        out += line.toUtf8() + '\n';
        if (e.isMessage()) {
            for (const trace::Field &f : protocol::decodedFields(e)) {
                writeField(out, f, 0);
            }
        }
    }
    return out;
}

QString verdictTable(const RunSummary &summary) {
    int idWidth = 8;
    for (const TestResult &r : summary.results) {
        idWidth = std::max(idWidth, static_cast<int>(r.info.id.size()));
    }
    QString out = QStringLiteral("%1  %2  %3  %4\n")
                      .arg(QStringLiteral("TEST CASE"), -idWidth)
                      .arg(QStringLiteral("VERDICT"), -7)
                      .arg(QStringLiteral("TIME"), 8)
                      .arg(QStringLiteral("REASON"));
    for (const TestResult &r : summary.results) {
        out += QStringLiteral("%1  %2  %3  %4\n")
                   .arg(r.info.id, -idWidth)
                   .arg(verdictName(r.verdict), -7)
                   .arg(seconds(r.durationNs) + QLatin1Char('s'), 8)
                   .arg(r.verdict == Verdict::Pass ? QString() : r.reason);
    }
    for (const Deselected &d : summary.deselected) {
        out += QStringLiteral("%1  %2  %3  %4\n")
                   .arg(d.info.id, -idWidth)
                   .arg(QStringLiteral("-"), -7)
                   .arg(QString(), 8)
                   .arg(QStringLiteral("not selected: ") + d.reason);
    }
    return out;
}

trace::RunInfo runInfoOf(const RunSummary &summary, const trace::Trace &trace) {
    trace::RunInfo info;
    info.bench = QStringLiteral("m2mbench ") + QStringLiteral(M2MBENCH_VERSION);
    info.target = summary.target;
    info.started = trace.startTime();
    info.endpoints = trace::endpointsFromTargets(summary.target);
    const QString base = summary.pixit.value(QStringLiteral("PX_NSCL_BASE")).toString();
    if (!base.isEmpty()) {
        info.midBasePaths.append(base);
    }
    info.runId = summary.runId;
    return info;
}

Result<QStringList> writeReports(const RunSummary &summary, const trace::Trace &trace,
                                 const QString &dir, const ReportExtras &extras) {
    if (!QDir().mkpath(dir)) {
        return fail(Error::Kind::Io, QStringLiteral("cannot create the report folder %1").arg(dir));
    }
    const QDir d(dir);
    // The run's key log sits beside its reports and summary.json names it, so that a capture of
    // the run (its own --pcap, or a lab's) decrypts in Wireshark with the report at hand.
    int keyLines = 0;
    QByteArray keyLog = trace::keyLogOf(trace.since(0), &keyLines);
    QByteArray summaryText = summaryJson(summary, extras.showKeys);
    QStringList written;
    if (keyLines > 0) {
        const QString keyPath = d.filePath(QLatin1String(trace::kKeyLogFileName));
        auto saved = saveKeyLog(keyPath, keyLog);
        keyLog.fill('\0');
        if (!saved) {
            return fail(saved.error());
        }
        written.append(keyPath);
        QJsonObject o = QJsonDocument::fromJson(summaryText).object();
        o.insert(
            QStringLiteral("keyLog"),
            QJsonObject{
                {QStringLiteral("file"), QLatin1String(trace::kKeyLogFileName)},
                {QStringLiteral("sessions"), keyLines},
                {QStringLiteral("format"), QStringLiteral("NSS key log (SSLKEYLOGFILE)")},
                {QStringLiteral("use"), QStringLiteral("tshark -o tls.keylog_file:%1 -r CAPTURE")
                                            .arg(QLatin1String(trace::kKeyLogFileName))}});
        summaryText = QJsonDocument(o).toJson(QJsonDocument::Indented);
    }
    const QList<QPair<QString, QByteArray>> files = {
        {d.filePath(QStringLiteral("junit.xml")),
         junitXml(summary, QStringLiteral("m2mbench"), extras.showKeys)},
        {d.filePath(QStringLiteral("summary.json")), summaryText},
        {d.filePath(QStringLiteral("trace.txt")), traceText(trace, extras.frames.get())},
    };
    for (const auto &[path, data] : files) {
        if (auto ok = saveFile(path, data); !ok) {
            return fail(ok.error());
        }
        written.append(path);
    }
    trace::RunInfo info = runInfoOf(summary, trace);
    info.keysShown = extras.showKeys;
    info.liveCapture = extras.liveCapture;
    info.captureDir = extras.captureDir;
    const QString jsonl = d.filePath(QLatin1String(trace::kTraceFileName));
    if (auto ok = trace::writeTraceFile(jsonl, info, trace.since(0), extras.frames.get()); !ok) {
        return fail(ok.error());
    }
    written.append(jsonl);
    return written;
}

} // namespace m2mbench::runner
