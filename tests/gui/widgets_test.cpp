// SPDX-License-Identifier: Apache-2.0
// Unit tests of the GUI's models and widgets, fed with synthetic data: the suite tree model, the
// event list, the hex dump layout, the sequence chart's hit-testing and scrolling, the inspector.
#include "app/gui/event_log_model.h"
#include "app/gui/hex_layout.h"
#include "app/gui/message_inspector.h"
#include "app/gui/sequence_diagram.h"
#include "app/gui/sequence_view.h"
#include "app/gui/suite_model.h"
#include "app/gui/verdict_style.h"
#include "core/common/hex.h"

#include <QDir>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include <set>

using namespace m2mbench;
using namespace m2mbench::gui;

namespace {

runner::TestCaseInfo testCase(const QString &id, const QString &group) {
    runner::TestCaseInfo tc;
    tc.id = id;
    tc.title = QStringLiteral("Title of ") + id;
    tc.purpose = QStringLiteral("TP_") + id;
    tc.objective = QStringLiteral("Objective of ") + id;
    tc.references = {{QStringLiteral("ETSI TS 102 690"), QStringLiteral("9.3.2.6.2")}};
    tc.configuration = QStringLiteral("CFG_NSCL");
    tc.group = group;
    return tc;
}

runner::Suite threeTestSuite() {
    runner::Suite suite;
    suite.testCases = {testCase(QStringLiteral("TC_A_001"), QStringLiteral("etsi/nscl/a")),
                       testCase(QStringLiteral("TC_A_002"), QStringLiteral("etsi/nscl/a")),
                       testCase(QStringLiteral("TC_B_001"), QStringLiteral("etsi/nscl/b"))};
    return suite;
}

runner::TestResult result(const runner::TestCaseInfo &info, Verdict verdict) {
    runner::TestResult r;
    r.info = info;
    r.verdict = verdict;
    r.durationNs = 2'000'000;
    r.reason = verdict == Verdict::Pass ? QString() : QStringLiteral("because");
    return r;
}

trace::Event makeEvent(quint64 seq, trace::EventKind kind, const QString &summary = {}) {
    trace::Event e;
    e.seq = seq;
    e.kind = kind;
    e.timeNs = static_cast<qint64>(seq) * 1000;
    e.testCaseId = QStringLiteral("TC_A_001");
    e.summary = summary;
    if (e.isMessage()) {
        const bool sent = kind == trace::EventKind::MessageSent;
        e.from = sent ? QStringLiteral("D/GSCL") : QStringLiteral("NSCL");
        e.to = sent ? QStringLiteral("NSCL") : QStringLiteral("D/GSCL");
        e.protocol = QStringLiteral("HTTP");
    }
    return e;
}

trace::Event check(quint64 seq, quint64 about, Verdict verdict) {
    trace::Event e = makeEvent(seq, trace::EventKind::Check);
    e.relatesTo = about;
    e.verdict = verdict;
    e.text = QStringLiteral("check %1").arg(seq);
    return e;
}

/// A banner, then `pairs` request/response pairs; the n-th response is judged `verdicts[n % 3]`.
std::vector<trace::Event> syntheticRun(int pairs) {
    const Verdict verdicts[] = {Verdict::Pass, Verdict::Fail, Verdict::Inconc};
    std::vector<trace::Event> events;
    quint64 seq = 0;
    events.push_back(makeEvent(++seq, trace::EventKind::TestCaseStarted, QStringLiteral("banner")));
    for (int i = 0; i < pairs; ++i) {
        events.push_back(makeEvent(++seq, trace::EventKind::MessageSent,
                                   QStringLiteral("RETRIEVE /m2m/%1").arg(i)));
        const quint64 response = ++seq;
        events.push_back(
            makeEvent(response, trace::EventKind::MessageReceived, QStringLiteral("200")));
        events.push_back(check(++seq, response, verdicts[i % 3]));
    }
    return events;
}

QList<trace::Lifeline> lifelines() {
    return {{QStringLiteral("D/GSCL"), false}, {QStringLiteral("NSCL"), true}};
}

bool imageHasColour(const QImage &image, const QColor &colour) {
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            if ((line[x] & 0xffffff) == (colour.rgb() & 0xffffff)) {
                return true;
            }
        }
    }
    return false;
}

} // namespace

class WidgetsTest : public QObject {
    Q_OBJECT
private slots:
    void suiteModelGroupsByFolderAndCompactsSingleChildChains();
    void suiteModelPutsATestCaseOfTheRunFolderAtTheTop();
    void suiteModelShowsVerdictsAndAggregatesThemInFolders();
    void suiteModelTooltipCarriesPurposeObjectiveAndReferences();
    void suiteModelTracksRunStates();
    void eventLogModelListsEveryEventAndFindsRowsBySeq();
    void hexDumpSpansPointAtTheBytesInTheDump();
    void hexDumpSpansIgnoreBytesBeyondTheDump();
    void diagramHitTestsByRow();
    void diagramDrawsVerdictMarksNotesAndSutHeader();
    void viewScrollsWithBoundedRangeAndSelectsOnClick();
    void viewFollowsNewRowsOnlyAtTheEnd();
    void inspectorShowsFieldsHexAndChecks();
    void inspectorShowsAKeysRecordAndItsParentsWithSecretsMasked();
};

void WidgetsTest::suiteModelGroupsByFolderAndCompactsSingleChildChains() {
    SuiteModel model;

    model.setSuite(threeTestSuite());

    QCOMPARE(model.rowCount(), 1);
    const QModelIndex top = model.index(0, 0);
    QCOMPARE(top.data().toString(), QStringLiteral("etsi/nscl"));
    QCOMPARE(model.rowCount(top), 2);
    QCOMPARE(model.index(0, 0, top).data().toString(), QStringLiteral("a"));
    QCOMPARE(model.rowCount(model.index(0, 0, top)), 2);
    QCOMPARE(model.columnCount(), int(SuiteModel::ColumnCount));
    QCOMPARE(model.testCaseCount(), 3);
    QCOMPARE(model.testCaseIds(),
             QStringList({QStringLiteral("TC_A_001"), QStringLiteral("TC_A_002"),
                          QStringLiteral("TC_B_001")}));
    const QModelIndex leaf = model.indexOf(QStringLiteral("TC_A_002"), SuiteModel::TitleColumn);
    QCOMPARE(leaf.data().toString(), QStringLiteral("Title of TC_A_002"));
    QCOMPARE(model.parent(leaf), model.index(0, 0, top));
}

void WidgetsTest::suiteModelPutsATestCaseOfTheRunFolderAtTheTop() {
    // One file run on its own: its group is "." (the folder that was run), never a "." row.
    runner::Suite suite;
    suite.testCases.append(testCase(QStringLiteral("TC_ONLY_001"), QStringLiteral(".")));
    SuiteModel model;

    model.setSuite(suite);

    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("TC_ONLY_001"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
}

void WidgetsTest::suiteModelShowsVerdictsAndAggregatesThemInFolders() {
    SuiteModel model;
    const runner::Suite suite = threeTestSuite();
    model.setSuite(suite);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.setResult(result(suite.testCases[0], Verdict::Pass));
    model.setResult(result(suite.testCases[1], Verdict::Fail));

    QVERIFY(changed.count() >= 2);
    const QModelIndex verdict =
        model.indexOf(QStringLiteral("TC_A_002"), SuiteModel::VerdictColumn);
    QCOMPARE(verdict.data().toString(), QStringLiteral("fail"));
    QCOMPARE(verdict.data(Qt::ForegroundRole).value<QColor>(),
             verdictColor(Verdict::Fail).darker(115));
    QCOMPARE(model.indexOf(QStringLiteral("TC_A_001"), SuiteModel::TimeColumn).data().toString(),
             QStringLiteral("0.002 s"));
    const QModelIndex folderA = model.index(0, SuiteModel::VerdictColumn, model.index(0, 0));
    QCOMPARE(folderA.data().toString(), QStringLiteral("fail"));
    QCOMPARE(model.index(0, SuiteModel::TimeColumn, model.index(0, 0)).data().toString(),
             QStringLiteral("0.004 s"));
    const QModelIndex folderB = model.index(1, SuiteModel::VerdictColumn, model.index(0, 0));
    QCOMPARE(folderB.data().toString(), QString()); // nothing ran there
}

void WidgetsTest::suiteModelTooltipCarriesPurposeObjectiveAndReferences() {
    SuiteModel model;
    model.setSuite(threeTestSuite());

    const QString tip = model.indexOf(QStringLiteral("TC_B_001")).data(Qt::ToolTipRole).toString();

    QVERIFY(tip.contains(QStringLiteral("TP_TC_B_001")));
    QVERIFY(tip.contains(QStringLiteral("Objective of TC_B_001")));
    QVERIFY(tip.contains(QStringLiteral("ETSI TS 102 690 clause 9.3.2.6.2")));
}

void WidgetsTest::suiteModelTracksRunStates() {
    SuiteModel model;
    const runner::Suite suite = threeTestSuite();
    model.setSuite(suite);
    const auto verdictText = [&model](const QString &id) {
        return model.indexOf(id, SuiteModel::VerdictColumn).data().toString();
    };

    model.resetForRun();
    model.setRunning(QStringLiteral("TC_A_001"));
    model.setDeselected(QStringLiteral("TC_B_001"), QStringLiteral("PICS: no"));

    QCOMPARE(model.stateOf(QStringLiteral("TC_A_001")), SuiteModel::State::Running);
    QVERIFY(verdictText(QStringLiteral("TC_A_001")).startsWith(QStringLiteral("running")));
    QCOMPARE(verdictText(QStringLiteral("TC_A_002")), QStringLiteral("queued"));
    QCOMPARE(verdictText(QStringLiteral("TC_B_001")), QStringLiteral("not selected"));
    model.markUnfinishedNotRun();
    QCOMPARE(model.stateOf(QStringLiteral("TC_A_002")), SuiteModel::State::NotRun);
    QCOMPARE(model.stateOf(QStringLiteral("TC_B_001")), SuiteModel::State::Deselected);
    QVERIFY(!model.stateOf(QStringLiteral("TC_NOPE")).has_value());
}

void WidgetsTest::eventLogModelListsEveryEventAndFindsRowsBySeq() {
    EventLogModel model;
    const auto events = syntheticRun(2);

    model.append(events);

    QCOMPARE(model.rowCount(), static_cast<int>(events.size()));
    QCOMPARE(model.rowOfSeq(3), 2);
    QCOMPARE(model.rowOfSeq(999), -1);
    const QString info = model.index(3, EventLogModel::InfoColumn).data().toString();
    QVERIFY2(info.startsWith(QStringLiteral("pass: check 4")), qPrintable(info));
    QVERIFY(info.contains(QStringLiteral("#3")));
    const QString message = model.index(1, EventLogModel::InfoColumn).data().toString();
    QVERIFY2(message.contains(QStringLiteral("D/GSCL \u2192 NSCL")), qPrintable(message));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void WidgetsTest::hexDumpSpansPointAtTheBytesInTheDump() {
    QByteArray bytes;
    for (int i = 0; i < 100; ++i) {
        bytes.append(static_cast<char>(0x41 + i % 26));
    }
    const QString dump = hexDump(bytes, bytes.size());

    // Across the gap after the eighth byte and across a line break.
    const auto spans = hexDumpSpans(6, 14, bytes.size());

    QCOMPARE(spans.size(), 4); // hex + ASCII on each of two lines
    QString hex = dump.mid(spans[0].start, spans[0].length) + QLatin1Char(' ') +
                  dump.mid(spans[2].start, spans[2].length);
    hex.remove(QLatin1Char(' '));
    QCOMPARE(hex, QString::fromLatin1(bytes.mid(6, 14).toHex()));
    const QString ascii =
        dump.mid(spans[1].start, spans[1].length) + dump.mid(spans[3].start, spans[3].length);
    QCOMPARE(ascii, QString::fromLatin1(bytes.mid(6, 14)));
}

void WidgetsTest::hexDumpSpansIgnoreBytesBeyondTheDump() {
    QCOMPARE(hexDumpSpans(40, 10, 32).size(), 0);
    QCOMPARE(hexDumpSpans(-1, 10, 32).size(), 0);
    QCOMPARE(hexDumpSpans(0, 0, 32).size(), 0);
    const auto clipped = hexDumpSpans(30, 10, 32);
    QCOMPARE(clipped.size(), 2);
    QCOMPARE(clipped[1].length, 2);
}

void WidgetsTest::diagramHitTestsByRow() {
    trace::SequenceModel model;
    model.setLifelines(lifelines());
    model.add(syntheticRun(10)); // 1 banner + 20 messages
    QCustomPlot plot;
    plot.resize(600, 400);
    auto *diagram = new SequenceDiagram(plot.yAxis, plot.xAxis);
    diagram->setModel(&model);
    plot.yAxis->setRangeReversed(true);
    plot.yAxis->setRange(4.5, 12.5); // rows 5 to 12 visible
    plot.xAxis->setRange(-0.5, 1.5);
    plot.replot(); // lays out the axis rect

    const double x = plot.axisRect()->rect().center().x();
    QVariant details;
    const double hit =
        diagram->selectTest(QPointF(x, plot.yAxis->coordToPixel(7)), false, &details);
    const double nearEdge =
        diagram->selectTest(QPointF(x, plot.yAxis->coordToPixel(7.4)), false, nullptr);
    const double outside =
        diagram->selectTest(QPointF(x, plot.axisRect()->rect().top() - 5), false, nullptr);
    const double inTimeColumn = diagram->selectTest(
        QPointF(plot.axisRect()->rect().left() - 5, plot.yAxis->coordToPixel(7)), false, nullptr);

    QCOMPARE(hit, 0.0);
    QCOMPARE(details.value<QCPDataSelection>().dataRange().begin(), 7);
    QCOMPARE(nearEdge, 0.0);
    QCOMPARE(diagram->rowAt(QPointF(x, plot.yAxis->coordToPixel(7.6))), std::optional<int>(8));
    QCOMPARE(outside, -1.0);
    QCOMPARE(inTimeColumn, 0.0);
    plot.yAxis->setRange(15.5, 25.5); // past the last row (20)
    QVERIFY(!diagram->rowAt(QPointF(x, plot.yAxis->coordToPixel(22))).has_value());
    QCOMPARE(diagram->selectTest(QPointF(x, plot.yAxis->coordToPixel(22)), false, nullptr), -1.0);
    bool found = false;
    QCOMPARE(diagram->getKeyRange(found), QCPRange(0, 20));
    QVERIFY(found);
}

void WidgetsTest::diagramDrawsVerdictMarksNotesAndSutHeader() {
    SequenceView view;
    view.resize(700, 500);
    view.setLifelines(lifelines());
    auto events = syntheticRun(3); // one pass, one fail, one inconc mark
    trace::Event self =
        makeEvent(events.size() + 1, trace::EventKind::MessageSent, QStringLiteral("to itself"));
    self.to = self.from;
    events.push_back(self);
    events.push_back(check(events.size() + 1, 0, Verdict::Error)); // a note: judges no message
    view.addEvents(events);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    view.replotNow();
    const QImage image = view.plot()->toPixmap().toImage();
    QDir().mkpath(QStringLiteral(M2MBENCH_TEST_SCREENSHOT_DIR));
    image.save(QStringLiteral(M2MBENCH_TEST_SCREENSHOT_DIR "/sequence_diagram_synthetic.png"));

    QVERIFY(imageHasColour(image, verdictColor(Verdict::Pass)));
    QVERIFY(imageHasColour(image, verdictColor(Verdict::Fail)));
    QVERIFY(imageHasColour(image, verdictColor(Verdict::Inconc)));
    QVERIFY(imageHasColour(image, verdictColor(Verdict::Error)));
    QCOMPARE(view.model().items().back().type, trace::SequenceItem::Type::Note);
    QVERIFY(imageHasColour(image, QColor(0xc6, 0x28, 0x28))); // the SUT's header and lifeline
}

void WidgetsTest::viewScrollsWithBoundedRangeAndSelectsOnClick() {
    SequenceView view;
    view.resize(700, 500);
    view.setLifelines(lifelines());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.addEvents(syntheticRun(100)); // 201 rows
    QSignalSpy selected(&view, &SequenceView::rowSelected);

    view.scrollBar()->setValue(50);
    view.replotNow();
    const QCPRange range = view.plot()->yAxis->range();
    const double x = view.plot()->axisRect()->rect().center().x();
    const int y = qRound(view.plot()->yAxis->coordToPixel(52));
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, QPoint(qRound(x), y));

    QCOMPARE(view.scrollBar()->maximum(), 201 - view.visibleRowCount());
    QCOMPARE(range.lower, 49.5);
    QVERIFY(range.size() <= view.visibleRowCount() + 1); // drawing cost bound: visible rows only
    QCOMPARE(selected.count(), 1);
    QCOMPARE(view.selectedRow(), 52);
    QCOMPARE(selected.first().first().toULongLong(), view.model().items()[52].seq);
    QVERIFY(view.selectNextFailure());
    QCOMPARE(view.model().items()[static_cast<std::size_t>(view.selectedRow())].mark,
             Verdict::Fail);
    view.selectRow(200);
    QVERIFY(view.firstVisibleRow() + view.visibleRowCount() > 200); // scrolled into view
}

void WidgetsTest::viewFollowsNewRowsOnlyAtTheEnd() {
    SequenceView view;
    view.resize(700, 400);
    view.setLifelines(lifelines());
    auto events = syntheticRun(60);
    const std::vector<trace::Event> first(events.begin(), events.begin() + 90);
    const std::vector<trace::Event> second(events.begin() + 90, events.end());

    view.addEvents(first);
    const bool followedFirst = view.scrollBar()->value() == view.scrollBar()->maximum();
    view.scrollBar()->setValue(3);
    view.addEvents(second);

    QVERIFY(followedFirst);
    QCOMPARE(view.scrollBar()->value(), 3); // a user reading older rows is not yanked away
}

void WidgetsTest::inspectorShowsFieldsHexAndChecks() {
    MessageInspector inspector;
    trace::Event e = makeEvent(7, trace::EventKind::MessageReceived, QStringLiteral("201 CREATED"));
    e.raw = QByteArray("HTTP/1.1 201 Created\r\nLocation: /m2m/scls/x\r\n\r\n");
    e.fields = {trace::Field(QStringLiteral("Status line"), QStringLiteral("HTTP/1.1 201"), 0, 20)};
    trace::Field headers(QStringLiteral("Headers"), QStringLiteral("1"));
    headers.children.append(
        trace::Field(QStringLiteral("Location"), QStringLiteral("/m2m/scls/x"), 22, 21));
    e.fields.append(headers);

    inspector.inspect(e, {check(8, 7, Verdict::Pass), check(9, 7, Verdict::Fail)});
    const bool selected = inspector.selectField(QStringLiteral("Location"));

    QCOMPARE(inspector.inspectedSeq(), quint64(7));
    QCOMPARE(inspector.fieldTree()->topLevelItemCount(), 2);
    QVERIFY(inspector.hexView()->toPlainText().startsWith(QStringLiteral("0000  48 54 54 50")));
    QCOMPARE(inspector.checkList()->topLevelItemCount(), 2);
    QCOMPARE(inspector.checkList()->topLevelItem(1)->text(0), QStringLiteral("fail"));
    QVERIFY(selected);
    QCOMPARE(inspector.highlighted(), hexDumpSpans(22, 21, e.raw.size()));
    QCOMPARE(inspector.hexView()->extraSelections().size(), inspector.highlighted().size());
    inspector.clear();
    QCOMPARE(inspector.fieldTree()->topLevelItemCount(), 0);
}

void WidgetsTest::inspectorShowsAKeysRecordAndItsParentsWithSecretsMasked() {
    MessageInspector inspector;
    trace::Event e = makeEvent(12, trace::EventKind::KeyDerivation, QStringLiteral("Kma"));
    auto kma = std::make_shared<trace::KeyDerivation>();
    kma->id = QStringLiteral("NSCL.Kma#3");
    kma->name = QStringLiteral("Kma");
    kma->formula = QStringLiteral("m2m_kdf(Kmc, \"ETSI-M2M-Kma\", UTF-8(App-ID), 32)");
    kma->parents = {QStringLiteral("NSCL.Kmc#2")};
    kma->inputs.append(
        {QStringLiteral("Kmc"), SecureBytes::fromByteArray(QByteArray(32, 'k')), true});
    kma->inputs.append(
        {QStringLiteral("App-ID"), SecureBytes::fromByteArray("app-1"), false, true});
    kma->output = SecureBytes::fromByteArray(QByteArray(32, 'o'));
    e.derivation = kma;

    inspector.inspect(e, {});

    const QList<QTreeWidgetItem *> key =
        inspector.fieldTree()->findItems(QStringLiteral("Kma"), Qt::MatchExactly);
    QCOMPARE(key.size(), 1);
    QStringList rows;
    for (int i = 0; i < key[0]->childCount(); ++i) {
        rows << key[0]->child(i)->text(0) + QStringLiteral("=") + key[0]->child(i)->text(1);
    }
    QVERIFY2(rows.contains(QStringLiteral("Record=NSCL.Kma#3")), qPrintable(rows.join(u'|')));
    QVERIFY2(rows.contains(QStringLiteral("Derived from=NSCL.Kmc#2")), qPrintable(rows.join(u'|')));
    QVERIFY2(rows.contains(QStringLiteral("Kmc=(secret, 32 bytes)")), qPrintable(rows.join(u'|')));
    QVERIFY2(rows.contains(QStringLiteral("App-ID=\"app-1\"")), qPrintable(rows.join(u'|')));
    QVERIFY2(rows.contains(QStringLiteral("Output=(secret, 32 bytes)")),
             qPrintable(rows.join(u'|')));
    QVERIFY(!inspector.showsKeys());

    // Asked for, the secrets show in hex; asked away, they are masked again.
    inspector.setShowKeys(true);
    const auto shownKey = inspector.fieldTree()->findItems(QStringLiteral("Kma"), Qt::MatchExactly);
    QCOMPARE(shownKey.size(), 1);
    QStringList shown;
    for (int i = 0; i < shownKey[0]->childCount(); ++i) {
        shown << shownKey[0]->child(i)->text(0) + QStringLiteral("=") +
                     shownKey[0]->child(i)->text(1);
    }
    const QString kmcHex = QString::fromLatin1(QByteArray(32, 'k').toHex());
    QVERIFY2(shown.contains(QStringLiteral("Kmc=%1 (32 bytes)").arg(kmcHex)),
             qPrintable(shown.join(u'|')));
    QVERIFY2(shown.contains(QStringLiteral("Output=%1 (32 bytes)")
                                .arg(QString::fromLatin1(QByteArray(32, 'o').toHex()))),
             qPrintable(shown.join(u'|')));
    inspector.setShowKeys(false);
    const auto maskedKey =
        inspector.fieldTree()->findItems(QStringLiteral("Kma"), Qt::MatchExactly);
    QCOMPARE(maskedKey.size(), 1);
    for (int i = 0; i < maskedKey[0]->childCount(); ++i) {
        QVERIFY(!maskedKey[0]->child(i)->text(1).contains(kmcHex));
    }
}

QTEST_MAIN(WidgetsTest)
#include "widgets_test.moc"
