// SPDX-License-Identifier: Apache-2.0
// End to end: the main window, offscreen, runs the bundled suite against the embedded reference
// NSCL, shows every verdict as pass, grows a chart, inspects a message and saves a screenshot.
#include "app/gui/event_log_model.h"
#include "app/gui/main_window.h"
#include "app/gui/message_inspector.h"
#include "app/gui/run_controller.h"
#include "app/gui/sequence_view.h"
#include "app/gui/suite_model.h"
#include "app/gui/verdict_style.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTreeWidget>

#include <set>

using namespace m2mbench;
using namespace m2mbench::gui;

namespace {

constexpr int kRunTimeoutMs = 60000;

int distinctColours(const QImage &image) {
    const QImage argb = image.convertToFormat(QImage::Format_RGB32);
    std::set<QRgb> colours;
    for (int y = 0; y < argb.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); x += 2) {
            colours.insert(line[x]);
        }
    }
    return static_cast<int>(colours.size());
}

QStringList verdictsShown(const SuiteModel &model) {
    QStringList out;
    for (const QString &id : model.testCaseIds()) {
        out.append(model.indexOf(id, SuiteModel::VerdictColumn).data().toString());
    }
    return out;
}

int messageRows(const SequenceView &view) {
    int n = 0;
    for (const auto &item : view.model().items()) {
        n += item.type == trace::SequenceItem::Type::Message ? 1 : 0;
    }
    return n;
}

} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runAgainstTheEmbeddedNsclPassesEverythingAndDrawsTheChart();
    void aSecondRunStartsFromAFreshTrace();
    void aRefusingTargetGivesNoPassAndNoHang();
    void stopRightAfterRunStopsBeforeAnyTestCase();
    void stopInterruptsAStepWaitingForASilentSut();

private:
    std::unique_ptr<MainWindow> makeWindow();
    bool runToEnd(MainWindow &window, bool *allPassed = nullptr);
};

void MainWindowTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true); // keeps QSettings away from the user's own
    QCoreApplication::setOrganizationName(QStringLiteral("m2mbench-test"));
    QCoreApplication::setApplicationName(QStringLiteral("m2mbench-gui-test"));
    if (qEnvironmentVariableIsEmpty("M2MBENCH_TESTCASES")) {
        qputenv("M2MBENCH_TESTCASES", QByteArray(M2MBENCH_TEST_TESTCASES));
    }
}

std::unique_ptr<MainWindow> MainWindowTest::makeWindow() {
    MainWindow::Options options;
    options.restoreLayout = false;
    options.target = QString(); // the embedded reference NSCL, whatever was saved
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    return window;
}

bool MainWindowTest::runToEnd(MainWindow &window, bool *allPassed) {
    QSignalSpy ended(&window, &MainWindow::runEnded);
    window.runAction()->trigger();
    if (!ended.wait(kRunTimeoutMs) && ended.isEmpty()) {
        return false;
    }
    if (allPassed) {
        *allPassed = ended.first().first().toBool();
    }
    return !window.isRunning();
}

void MainWindowTest::runAgainstTheEmbeddedNsclPassesEverythingAndDrawsTheChart() {
    auto window = makeWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    const int testCases = window->suiteModel()->testCaseCount();
    QVERIFY2(testCases >= 4, "the bundled suite did not load");
    QSignalSpy ended(window.get(), &MainWindow::runEnded);

    window->runAction()->trigger();
    QVERIFY(window->isRunning());
    QVERIFY(!window->runAction()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, kRunTimeoutMs);

    QVERIFY(ended.first().first().toBool());
    QVERIFY(!window->isRunning());
    QVERIFY(window->runAction()->isEnabled());
    QCOMPARE(verdictsShown(*window->suiteModel()), QStringList(testCases, QStringLiteral("pass")));
    const SequenceView &chart = *window->sequenceView();
    QVERIFY2(messageRows(chart) >= 2 * testCases, "expected request and response arrows");
    QVERIFY(chart.model().lifelines().size() >= 2);
    QVERIFY(chart.model().lifelines()[1].sut);
    const auto &items = chart.model().items();
    QVERIFY(std::any_of(items.begin(), items.end(),
                        [](const auto &item) { return item.mark == Verdict::Pass; }));
    QVERIFY(window->eventLog()->rowCount() > static_cast<int>(items.size()));

    window->selectShowcaseMessage();
    QVERIFY(window->inspector()->inspectedSeq() != 0);
    QVERIFY(window->inspector()->fieldTree()->topLevelItemCount() > 0);
    QVERIFY(!window->inspector()->hexView()->toPlainText().isEmpty());
    QVERIFY(window->inspector()->checkList()->topLevelItemCount() > 0);
    QVERIFY(!window->inspector()->highlighted().isEmpty());

    QVERIFY(QDir().mkpath(QStringLiteral(M2MBENCH_TEST_SCREENSHOT_DIR)));
    const QString file = QStringLiteral(M2MBENCH_TEST_SCREENSHOT_DIR "/main_window.png");
    QVERIFY(window->saveScreenshot(file));
    const QImage shot(file);
    QVERIFY(!shot.isNull());
    QVERIFY2(shot.width() >= 1000 && shot.height() >= 700, "unexpectedly small window");
    QVERIFY2(distinctColours(shot) > 50, "the screenshot looks blank");
    const QImage chartImage = window->sequenceView()->grab().toImage();
    QVERIFY2(distinctColours(chartImage) > 20, "the chart looks blank");
    qInfo("screenshot saved to %s", qPrintable(file));
}

void MainWindowTest::aSecondRunStartsFromAFreshTrace() {
    auto window = makeWindow();
    QVERIFY(runToEnd(*window));
    const trace::Trace *first = window->controller()->trace();
    const int rows = static_cast<int>(window->sequenceView()->model().items().size());

    bool allPassed = false;
    QVERIFY(runToEnd(*window, &allPassed));

    QVERIFY(allPassed);
    QVERIFY(window->controller()->trace() != first);
    QCOMPARE(static_cast<int>(window->sequenceView()->model().items().size()), rows);
    QCOMPARE(window->eventLog()->rowCount(),
             static_cast<int>(window->controller()->trace()->size()));
}

void MainWindowTest::aRefusingTargetGivesNoPassAndNoHang() {
    QTcpServer probe; // a port nobody listens on once the probe is closed
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    auto window = makeWindow();
    window->setTarget(QStringLiteral("http://127.0.0.1:%1/m2m").arg(port));

    bool allPassed = true;
    QVERIFY(runToEnd(*window, &allPassed));

    QVERIFY(!allPassed);
    for (const QString &verdict : verdictsShown(*window->suiteModel())) {
        QVERIFY2(verdict == u"inconc" || verdict == u"error", qPrintable(verdict));
    }
}

void MainWindowTest::stopRightAfterRunStopsBeforeAnyTestCase() {
    auto window = makeWindow();
    QSignalSpy finished(window->controller(), &RunController::runFinished);

    window->runAction()->trigger();
    window->stopAction()->trigger(); // very likely before the worker entered Runner::run()
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kRunTimeoutMs);

    const auto summary = finished.first().first().value<runner::RunSummary>();
    QVERIFY(summary.stopped);
    QVERIFY(!window->isRunning());
    QVERIFY(window->runAction()->isEnabled());
    QVERIFY(!window->stopAction()->isEnabled());
    for (const QString &id : window->suiteModel()->testCaseIds()) {
        const auto state = window->suiteModel()->stateOf(id);
        QVERIFY(state != SuiteModel::State::Queued && state != SuiteModel::State::Running);
    }
}

void MainWindowTest::stopInterruptsAStepWaitingForASilentSut() {
    QTcpServer silent; // accepts connections and never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    auto window = makeWindow();
    window->setTarget(QStringLiteral("http://127.0.0.1:%1/m2m").arg(silent.serverPort()));
    QSignalSpy finished(window->controller(), &RunController::runFinished);
    window->runAction()->trigger();
    // Wait until a test case runs and its first request is waiting for the answer. (The trace
    // records a request together with its outcome, so the event list cannot tell yet.)
    const QString first = window->suiteModel()->testCaseIds().value(0);
    QTRY_VERIFY_WITH_TIMEOUT(window->suiteModel()->stateOf(first) == SuiteModel::State::Running &&
                                 silent.hasPendingConnections(),
                             3000);
    QElapsedTimer clock;
    clock.start();

    window->stopAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kRunTimeoutMs);

    QVERIFY2(clock.elapsed() < 2500, "Stop waited for the step timeout (5 s)");
    const auto summary = finished.first().first().value<runner::RunSummary>();
    QVERIFY(summary.stopped);
    QVERIFY(!summary.results.isEmpty());
    QVERIFY(summary.results.first().verdict != Verdict::Pass);
}

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
