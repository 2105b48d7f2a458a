// SPDX-License-Identifier: Apache-2.0
#include "core/runner/report/report_html.h"

#include "core/runner/configuration.h"
#include "core/runner/report/msc_svg.h"
#include "core/runner/traceability.h"

#include <QDateTime>

namespace m2mbench::runner::report {

namespace {

constexpr int kPrintedChartRows = 60;

QString colour(Verdict v) {
    switch (v) {
    case Verdict::Pass: return QStringLiteral("#2e7d32");
    case Verdict::Inconc: return QStringLiteral("#b7791f");
    case Verdict::Fail: return QStringLiteral("#c62828");
    case Verdict::Error: return QStringLiteral("#6a1b9a");
    case Verdict::None: return QStringLiteral("#607d8b");
    }
    return QStringLiteral("#607d8b");
}

QString verdictCell(Verdict v) {
    return QStringLiteral("<b><font color='%1'>%2</font></b>").arg(colour(v), verdictName(v));
}

QString row(const QString &key, const QString &value) {
    return QStringLiteral("<tr><th align='left'>%1</th><td>%2</td></tr>\n").arg(html(key), value);
}

QString mapTable(const QVariantMap &map) {
    QString out =
        QStringLiteral("<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                       "<tr><th align='left'>item</th><th align='left'>value</th></tr>\n");
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        out += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>\n")
                   .arg(html(it.key()), html(it.value().toString()));
    }
    return out + QStringLiteral("</table>\n");
}

QString references(const TestCaseInfo &info) {
    QStringList refs;
    for (const SpecReference &r : info.references) {
        refs.append(html(r.document + QStringLiteral(" clause ") + r.clause));
    }
    return refs.join(QStringLiteral("<br/>"));
}

QString identification(const ReportData &d) {
    const RunRecord &r = d.run;
    QString out = QStringLiteral("<h2>1 Identification</h2><table cellpadding='3'>\n");
    out += row(QStringLiteral("Report"), QStringLiteral("Run %1 of the journal").arg(r.id));
    out +=
        row(QStringLiteral("Test laboratory"),
            html(d.identity.lab.isEmpty() ? QStringLiteral("(not given: --lab)") : d.identity.lab));
    out += row(QStringLiteral("System under test"),
               html(d.identity.sutName.isEmpty() ? QStringLiteral("(not given: --sut-name)")
                                                 : d.identity.sutName));
    out += row(QStringLiteral("SUT version"),
               html(d.identity.sutVersion.isEmpty() ? QStringLiteral("(not given: --sut-version)")
                                                    : d.identity.sutVersion));
    out += row(QStringLiteral("Tested at"),
               html(r.target) + (r.embedded
                                     ? QStringLiteral(" <i>(the bench's own reference node)</i>")
                                     : QString()));
    out += row(QStringLiteral("Test tool"), QStringLiteral("M2M Bench ") + html(r.benchVersion));
    out += row(QStringLiteral("Key-derivation profile"),
               html(r.profile.value(QStringLiteral("name")).toString()) +
                   QStringLiteral(", fingerprint ") + html(r.profileFingerprint.left(16)));
    out += row(
        QStringLiteral("Schemas"),
        html(r.xsdDir.isEmpty()
                 ? QStringLiteral(
                       "not configured: XML checked for well-formedness, root and namespace only")
                 : QStringLiteral("ETSI TS 102 921 schemas")));
    out += row(QStringLiteral("Run"),
               QStringLiteral("%1 to %2 (UTC), %3")
                   .arg(r.started.toString(Qt::ISODate), r.finished.toString(Qt::ISODate),
                        runStatusName(r.status)));
    out += row(QStringLiteral("Report written"),
               QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    return out + QStringLiteral("</table>\n");
}

QString conformanceSummary(const ReportData &d) {
    const auto counts = d.verdictCounts();
    QString out = QStringLiteral("<h2>2 Conformance summary</h2>\n<p>Overall verdict: %1</p>\n<p>")
                      .arg(verdictCell(d.overall()));
    for (Verdict v :
         {Verdict::Pass, Verdict::Inconc, Verdict::Fail, Verdict::Error, Verdict::None}) {
        out += QStringLiteral("%1: %2 &nbsp; ").arg(verdictCell(v)).arg(counts.value(v));
    }
    int deselected = 0;
    for (const JournalTestCase &tc : d.testCases) {
        deselected += tc.state == JournalTestCase::State::Deselected ? 1 : 0;
    }
    out += QStringLiteral("not selected: %1</p>\n").arg(deselected);
    out += QStringLiteral(
        "<h3>2.1 Static conformance (PICS as applied)</h3>\n<p>The PICS below were applied to "
        "select the test cases. The bench checks each answer's type and presence; "
        "reviewing them against the standard's static requirements is the laboratory's.</p>\n");
    out += mapTable(d.run.pics);
    out += QStringLiteral("<h3>2.2 Dynamic conformance</h3>\n<table border='1' cellspacing='0' "
                          "cellpadding='3' width='100%'>"
                          "<tr><th align='left'>test case</th><th align='left'>title</th><th "
                          "align='left'>verdict</th></tr>\n");
    for (const JournalTestCase &tc : d.testCases) {
        if (tc.state == JournalTestCase::State::Deselected) {
            continue;
        }
        const QString verdict = tc.state == JournalTestCase::State::Done
                                    ? verdictCell(tc.verdict)
                                    : QStringLiteral("<i>%1</i>").arg(testCaseStateName(tc.state));
        out += QStringLiteral("<tr><td><a href='#%1'>%1</a></td><td>%2</td><td>%3</td></tr>\n")
                   .arg(html(tc.info.id), html(tc.info.title), verdict);
    }
    out += QStringLiteral("</table>\n<h3>2.3 PIXIT as applied</h3>\n") +
           mapTable(reportedPixit(d.run.pixit, d.run.secretPixit, d.identity.showKeys));
    return out;
}

QString derivations(const std::vector<trace::Event> &events, bool showKeys) {
    QString out;
    for (const trace::Event &e : events) {
        if (e.kind != trace::EventKind::KeyDerivation || !e.derivation) {
            continue;
        }
        const trace::KeyDerivation &k = *e.derivation;
        const QString value =
            showKeys || !k.outputSecret
                ? k.output.exposeHex()
                : QStringLiteral("&lt;secret, %1 octets&gt;").arg(k.output.size());
        out += QStringLiteral("<li><b>%1</b> = %2 = %3</li>\n")
                   .arg(html(k.name), html(k.formula), value);
    }
    return out.isEmpty()
               ? out
               : QStringLiteral("<p>Keys derived:</p><ul>\n") + out + QStringLiteral("</ul>\n");
}

QString testCaseSection(const ReportData &d, const JournalTestCase &tc, HtmlFlavor flavor) {
    const auto events = d.eventsOf(tc);
    QString out =
        QStringLiteral("<h3><a name='%1'></a>%1 &mdash; %2</h3>\n<table cellpadding='2'>\n")
            .arg(html(tc.info.id), html(tc.info.title));
    out += row(QStringLiteral("Test purpose"), html(tc.info.purpose));
    out += row(QStringLiteral("Objective"), html(tc.info.objective));
    out += row(QStringLiteral("References"), references(tc.info));
    out += row(QStringLiteral("Selection"), html(tc.selectionReason));
    out += row(QStringLiteral("Verdict"),
               verdictCell(tc.verdict) +
                   (tc.state == JournalTestCase::State::Done
                        ? QString()
                        : QStringLiteral(" <i>(%1)</i>").arg(testCaseStateName(tc.state))));
    if (!tc.reason.isEmpty()) {
        out += row(QStringLiteral("Reason"), html(tc.reason));
    }
    out += row(QStringLiteral("Duration"), QStringLiteral("%1 ms, %2 check(s), %3 failed")
                                               .arg(double(tc.durationNs) / 1e6, 0, 'f', 1)
                                               .arg(tc.checks)
                                               .arg(tc.failedChecks));
    out += QStringLiteral("</table>\n");
    QStringList failed;
    for (const trace::Event &e : events) {
        if (e.kind == trace::EventKind::Check && e.verdict != Verdict::Pass) {
            failed.append(
                QStringLiteral("<li>%1 %2</li>").arg(verdictCell(e.verdict), html(e.text)));
        }
    }
    if (!failed.isEmpty()) {
        out += QStringLiteral("<p>Checks that did not pass:</p><ul>%1</ul>\n")
                   .arg(failed.join(QString()));
    }
    out += derivations(events, d.identity.showKeys);
    const QList<trace::Lifeline> lanes = configurationLifelines(tc.info.configuration);
    if (flavor == HtmlFlavor::Browser && !events.empty()) {
        out += QStringLiteral(
                   "<details><summary>Message sequence chart (%1 events)</summary>\n%2</details>\n")
                   .arg(events.size())
                   .arg(QString::fromUtf8(mscSvg(events, lanes)));
    } else if (flavor == HtmlFlavor::Print && printedCharts(d).contains(tc.info.id)) {
        out += QStringLiteral("<p><img src='msc:%1'/></p>\n").arg(html(tc.info.id));
    } else if (!events.empty()) {
        out +=
            QStringLiteral(
                "<p><a href='report.html#%1'>Message sequence chart</a> in the HTML report.</p>\n")
                .arg(html(tc.info.id));
    }
    return out;
}

QString traceability(const ReportData &d) {
    QList<TestCaseInfo> infos;
    for (const JournalTestCase &tc : d.testCases) {
        if (tc.state != JournalTestCase::State::Deselected) {
            infos.append(tc.info);
        }
    }
    QString out = QStringLiteral("<h2>5 Traceability</h2>\n<p>Each clause the executed test cases "
                                 "trace to, and the test cases that cover it.</p>\n"
                                 "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                                 "<tr><th align='left'>document</th><th align='left'>clause</th>"
                                 "<th align='left'>test cases</th></tr>\n");
    for (const ClauseCoverage &c : coverageByClause(infos)) {
        QStringList links;
        for (const QString &id : c.testCases) {
            links.append(QStringLiteral("<a href='#%1'>%1</a>").arg(html(id)));
        }
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>\n")
                   .arg(html(c.document), html(c.clause), links.join(QStringLiteral(", ")));
    }
    return out + QStringLiteral("</table>\n");
}

QString observations(const ReportData &d) {
    QString out = QStringLiteral("<h2>4 Observations</h2>\n<ul>\n");
    for (const JournalTestCase &tc : d.testCases) {
        if (tc.state == JournalTestCase::State::Deselected) {
            out += QStringLiteral("<li>%1 not selected: %2</li>\n")
                       .arg(html(tc.info.id), html(tc.selectionReason));
        } else if (tc.state != JournalTestCase::State::Done) {
            out += QStringLiteral("<li><b>%1 %2</b>: %3</li>\n")
                       .arg(html(tc.info.id), testCaseStateName(tc.state), html(tc.reason));
        }
    }
    if (!d.identity.showKeys) {
        out += QStringLiteral("<li>Key values are masked in this report (m2mbench-cli report "
                              "--show-keys shows them).</li>\n");
    }
    int tlsSecrets = 0;
    for (const trace::Event &e : d.events) {
        tlsSecrets += e.derivation && e.derivation->formulaId == u"nss-keylog" ? 1 : 0;
    }
    if (tlsSecrets > 0) {
        out += QStringLiteral("<li>%1 TLS/DTLS session secret(s) were recorded: the run's key "
                              "log is <a href=\"keys.log\">keys.log</a> in its report folder "
                              "(NSS format; Wireshark: tls.keylog_file).</li>\n")
                   .arg(tlsSecrets);
    }
    return out + QStringLiteral("</ul>\n");
}

} // namespace

QStringList printedCharts(const ReportData &data) {
    QStringList out;
    for (const JournalTestCase &tc : data.testCases) {
        const bool judged = tc.state == JournalTestCase::State::Done ||
                            tc.state == JournalTestCase::State::Interrupted;
        if (judged && tc.verdict != Verdict::Pass &&
            data.eventsOf(tc).size() <= 4 * kPrintedChartRows) {
            out.append(tc.info.id);
        }
    }
    return out;
}

QString reportHtml(const ReportData &d, HtmlFlavor flavor) {
    QString out = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset='utf-8'/>"
                                 "<title>M2M Bench test report, run %1</title>\n")
                      .arg(d.run.id);
    if (flavor == HtmlFlavor::Browser) {
        out += QStringLiteral(
            "<style>body{font-family:'DejaVu "
            "Sans',sans-serif;font-size:13px;margin:2em;max-width:1200px}"
            "table{border-collapse:collapse}th,td{vertical-align:top}"
            "h1{color:#1f3b57}.notice{border:2px solid #c62828;padding:.6em;background:#fdecea}"
            "details{margin:.5em 0}</style>\n");
    }
    out += QStringLiteral("</head><body>\n<h1>Protocol conformance test report</h1>\n"
                          "<p>ETSI M2M service layer (ETSI TS 102 690, TS 102 921), run %1</p>\n")
               .arg(d.run.id);
    if (d.run.noPics) {
        out += QStringLiteral(
            "<p class='notice'><b><font color='#c62828'>PICS NOT PROVIDED.</font></b> "
            "This run against a named SUT used the bench reference node's PICS "
            "answers (--no-pics): the selection of test cases may not match the "
            "product.</p>\n");
    }
    if (d.run.status != RunStatus::Finished) {
        out += QStringLiteral("<p class='notice'><b>Run %1.</b> Not every selected test case was "
                              "executed; see the observations.</p>\n")
                   .arg(runStatusName(d.run.status));
    }
    out += identification(d) + conformanceSummary(d);
    out += QStringLiteral("<h2>3 Test cases</h2>\n");
    for (const JournalTestCase &tc : d.testCases) {
        if (tc.state != JournalTestCase::State::Deselected) {
            out += testCaseSection(d, tc, flavor);
        }
    }
    out += observations(d) + traceability(d);
    return out + QStringLiteral("</body></html>\n");
}

} // namespace m2mbench::runner::report
