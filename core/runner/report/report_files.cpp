// SPDX-License-Identifier: Apache-2.0
#include "core/runner/report/report_files.h"

#include "core/runner/configuration.h"
#include "core/runner/journal_codec.h"
#include "core/runner/report/msc_svg.h"
#include "core/runner/report/report_html.h"
#include "core/runner/reports.h"
#include "core/trace/capture_plan.h"
#include "core/trace/key_log.h"
#include "core/trace/run_capture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTextDocument>

namespace m2mbench::runner::report {

namespace {

Result<void> save(const QString &path, const QByteArray &data) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    }
    return {};
}

QImage chartImage(const ReportData &data, const JournalTestCase &tc) {
    QSvgRenderer svg(mscSvg(data.eventsOf(tc), configurationLifelines(tc.info.configuration), 60));
    const QSize size = svg.defaultSize();
    // Scaled to the page's text width (about 640 px at the document's resolution).
    const double scale = size.width() > 640 ? 640.0 / size.width() : 1.0;
    QImage image((QSizeF(size) * scale * 2).toSize(), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    svg.render(&p);
    return image;
}

QByteArray tarHeader(const QString &name, qint64 size) {
    QByteArray h(512, '\0');
    const QByteArray n = name.toUtf8().left(99);
    h.replace(0, n.size(), n);
    auto octal = [&h](int offset, int width, qint64 value) {
        const QByteArray text = QByteArray::number(value, 8).rightJustified(width - 1, '0');
        h.replace(offset, text.size(), text);
    };
    octal(100, 8, 0644);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, size);
    octal(136, 12, QDateTime::currentSecsSinceEpoch());
    h.replace(148, 8, QByteArray(8, ' '));
    h[156] = '0';
    h.replace(257, 6, QByteArray("ustar\0", 6));
    h.replace(263, 2, "00");
    int sum = 0;
    for (char c : h) {
        sum += static_cast<unsigned char>(c);
    }
    const QByteArray checksum = QByteArray::number(sum, 8).rightJustified(6, '0');
    h.replace(148, 6, checksum);
    h[154] = '\0';
    return h;
}

} // namespace

trace::ExportInput exportInputOf(const RunRecord &run, std::vector<trace::Event> events,
                                 bool showKeys) {
    trace::ExportInput input;
    input.info.bench = QStringLiteral("m2mbench ") + run.benchVersion;
    input.info.target = run.target;
    input.info.started = run.started;
    input.info.endpoints = trace::endpointsFromTargets(run.target);
    const QString base = run.pixit.value(QStringLiteral("PX_NSCL_BASE")).toString();
    if (!base.isEmpty()) {
        input.info.midBasePaths.append(base);
    }
    input.info.runId = run.id;
    input.info.keysShown = showKeys;
    input.showKeys = showKeys;
    input.events = std::move(events);
    if (showKeys) {
        input.keyLog = trace::keyLogOf(input.events);
    }
    return input;
}

RunSummary summaryOf(const ReportData &data) {
    RunSummary s;
    s.started = data.run.started;
    s.finished = data.run.finished;
    s.target = data.run.target;
    s.embedded = data.run.embedded;
    s.xsdDir = data.run.xsdDir;
    s.pixit = data.run.pixit;
    s.secretPixit = data.run.secretPixit;
    s.pics = data.run.pics;
    s.runId = data.run.id;
    s.stopped = data.run.status != RunStatus::Finished;
    for (const JournalTestCase &tc : data.testCases) {
        if (tc.state == JournalTestCase::State::Deselected) {
            s.deselected.append({tc.info, tc.selectionReason});
            continue;
        }
        TestResult r;
        r.info = tc.info;
        r.verdict = tc.state == JournalTestCase::State::Done ? tc.verdict : Verdict::Inconc;
        r.reason = tc.state == JournalTestCase::State::Done
                       ? tc.reason
                       : testCaseStateName(tc.state) + QStringLiteral(": ") + tc.reason;
        r.durationNs = tc.durationNs;
        r.checks = tc.checks;
        r.failedChecks = tc.failedChecks;
        r.firstSeq = tc.firstSeq;
        r.lastSeq = tc.lastSeq;
        s.results.append(r);
    }
    return s;
}

QByteArray journalExtract(const ReportData &data) {
    QJsonArray tcs;
    for (const JournalTestCase &tc : data.testCases) {
        QJsonObject o = testCaseInfoToJson(tc.info);
        o.insert(QStringLiteral("state"), testCaseStateName(tc.state));
        o.insert(QStringLiteral("selectionReason"), tc.selectionReason);
        o.insert(QStringLiteral("verdict"), verdictName(tc.verdict));
        o.insert(QStringLiteral("reason"), tc.reason);
        tcs.append(o);
    }
    QJsonArray events;
    for (const trace::Event &e : data.events) {
        QJsonObject o{{QStringLiteral("seq"), double(e.seq)},
                      {QStringLiteral("kind"), trace::eventKindName(e.kind)},
                      {QStringLiteral("timeNs"), double(e.timeNs)},
                      {QStringLiteral("testCase"), e.testCaseId},
                      {QStringLiteral("phase"), e.phase},
                      {QStringLiteral("from"), e.from},
                      {QStringLiteral("to"), e.to},
                      {QStringLiteral("protocol"), e.protocol},
                      {QStringLiteral("summary"), e.summary},
                      {QStringLiteral("relatesTo"), double(e.relatesTo)},
                      {QStringLiteral("verdict"), verdictName(e.verdict)},
                      {QStringLiteral("text"), e.text}};
        if (!e.raw.isEmpty()) {
            o.insert(QStringLiteral("raw"), QString::fromLatin1(e.raw.toBase64()));
        }
        if (e.derivation) {
            QJsonObject d = derivationToJson(*e.derivation);
            if (!data.identity.showKeys) {
                d.insert(QStringLiteral("output"), QStringLiteral("(masked)"));
                QJsonArray inputs = d.value(QStringLiteral("inputs")).toArray();
                for (auto &&in : inputs) {
                    QJsonObject io = in.toObject();
                    if (io.value(QStringLiteral("secret")).toBool()) {
                        io.insert(QStringLiteral("value"), QStringLiteral("(masked)"));
                    }
                    in = io;
                }
                d.insert(QStringLiteral("inputs"), inputs);
            }
            o.insert(QStringLiteral("derivation"), d);
        }
        events.append(o);
    }
    const bool showKeys = data.identity.showKeys;
    // The options hold what was typed: --set PX_KMR=... is as secret as the applied value.
    QJsonObject options = data.run.options;
    QStringList assignments;
    for (const QJsonValue &v : options.value(QStringLiteral("pixitOverrides")).toArray()) {
        assignments.append(v.toString());
    }
    options.insert(QStringLiteral("pixitOverrides"),
                   QJsonArray::fromStringList(
                       reportedAssignments(assignments, data.run.secretPixit, showKeys)));
    if (!showKeys &&
        !options.value(QStringLiteral("requestingEntitySecret")).toString().isEmpty()) {
        options.insert(QStringLiteral("requestingEntitySecret"), QLatin1String(kMaskedValue));
    }
    QJsonObject run{
        {QStringLiteral("id"), double(data.run.id)},
        {QStringLiteral("status"), runStatusName(data.run.status)},
        {QStringLiteral("started"), data.run.started.toString(Qt::ISODateWithMs)},
        {QStringLiteral("finished"), data.run.finished.toString(Qt::ISODateWithMs)},
        {QStringLiteral("bench"), data.run.benchVersion},
        {QStringLiteral("target"), data.run.target},
        {QStringLiteral("noPics"), data.run.noPics},
        {QStringLiteral("options"), options},
        {QStringLiteral("pics"), QJsonObject::fromVariantMap(data.run.pics)},
        {QStringLiteral("pixit"), QJsonObject::fromVariantMap(reportedPixit(
                                      data.run.pixit, data.run.secretPixit, showKeys))},
        {QStringLiteral("secretPixit"), QJsonArray::fromStringList(data.run.secretPixit)},
        {QStringLiteral("profile"), data.run.profile},
        {QStringLiteral("profileFingerprint"), data.run.profileFingerprint}};
    return QJsonDocument(QJsonObject{{QStringLiteral("run"), run},
                                     {QStringLiteral("testCases"), tcs},
                                     {QStringLiteral("events"), events}})
        .toJson(QJsonDocument::Indented);
}

Result<void> writePdf(const ReportData &data, const QString &path) {
    QTextDocument doc;
    doc.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    const QStringList charts = printedCharts(data);
    for (const JournalTestCase &tc : data.testCases) {
        if (charts.contains(tc.info.id)) {
            doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("msc:") + tc.info.id),
                            chartImage(data, tc).scaledToWidth(640, Qt::SmoothTransformation));
        }
    }
    doc.setHtml(reportHtml(data, HtmlFlavor::Print));
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(QStringLiteral("M2M Bench test report, run %1").arg(data.run.id));
    writer.setCreator(QStringLiteral("M2M Bench ") + data.run.benchVersion);
    doc.print(&writer);
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0) {
        return fail(Error::Kind::Io, QStringLiteral("cannot write %1").arg(path));
    }
    return {};
}

Result<void> writeTar(const QString &archive, const QStringList &files) {
    QSaveFile out(archive);
    if (!out.open(QIODevice::WriteOnly)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2").arg(archive, out.errorString()));
    }
    for (const QString &path : files) {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            return fail(
                Error::Kind::Io,
                QStringLiteral("cannot read %1 for the bundle: %2").arg(path, in.errorString()));
        }
        const QByteArray content = in.readAll();
        out.write(tarHeader(QFileInfo(path).fileName(), content.size()));
        out.write(content);
        out.write(QByteArray((512 - content.size() % 512) % 512, '\0'));
    }
    out.write(QByteArray(1024, '\0'));
    if (!out.commit()) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot write %1: %2").arg(archive, out.errorString()));
    }
    return {};
}

Result<QStringList> writeRunReports(const ReportData &data, const ReportOutputs &outputs) {
    if (!QDir().mkpath(outputs.dir)) {
        return fail(Error::Kind::Io,
                    QStringLiteral("cannot create the report folder %1").arg(outputs.dir));
    }
    const QDir dir(outputs.dir);
    const RunSummary summary = summaryOf(data);
    QList<QPair<QString, QByteArray>> files = {
        {dir.filePath(QStringLiteral("report.html")),
         reportHtml(data, HtmlFlavor::Browser).toUtf8()},
        {dir.filePath(QStringLiteral("junit.xml")),
         junitXml(summary, QStringLiteral("m2mbench"), data.identity.showKeys)},
        {dir.filePath(QStringLiteral("summary.json")),
         summaryJson(summary, data.identity.showKeys)},
        {dir.filePath(QStringLiteral("run.json")), journalExtract(data)},
    };
    QStringList written;
    for (const auto &[path, content] : files) {
        if (auto ok = save(path, content); !ok) {
            return fail(ok.error());
        }
        written.append(path);
    }
    // The run's own capture for the bundle: what the bench sent and received, decrypted, and
    // its records; the key log only when keys are shown (it decrypts the live capture).
    trace::ExportInput capture = exportInputOf(data.run, data.events, data.identity.showKeys);
    const QString exportPath = dir.filePath(QStringLiteral("export.pcapng"));
    if (auto ok = trace::writePduExport(exportPath, capture); !ok) {
        capture.keyLog.fill('\0');
        return fail(ok.error());
    }
    written.append(exportPath);
    if (!capture.keyLog.isEmpty()) {
        const QString keyPath = dir.filePath(QLatin1String(trace::kKeyLogFileName));
        QFile keys(keyPath);
        const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        const bool ok = keys.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly) &&
                        keys.setPermissions(ownerOnly) &&
                        keys.write(capture.keyLog) == capture.keyLog.size();
        capture.keyLog.fill('\0');
        if (!ok) {
            return fail(Error::Kind::Io,
                        QStringLiteral("cannot write %1: %2").arg(keyPath, keys.errorString()));
        }
        written.append(keyPath);
    }
    if (outputs.pdf) {
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        if (auto ok = writePdf(data, pdf); !ok) {
            return fail(ok.error());
        }
        written.append(pdf);
    }
    if (!outputs.bundle.isEmpty()) {
        if (auto ok = writeTar(outputs.bundle, written + outputs.extraFiles); !ok) {
            return fail(ok.error());
        }
        written.append(outputs.bundle);
    }
    return written;
}

} // namespace m2mbench::runner::report
