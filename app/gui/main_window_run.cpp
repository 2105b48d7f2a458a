// SPDX-License-Identifier: Apache-2.0
// The run half of MainWindow: starting and stopping runs, and keeping every view in step with
// the run's signals and with each other's selection.
#include "app/gui/main_window.h"

#include "app/gui/event_log_model.h"
#include "app/gui/message_inspector.h"
#include "app/gui/run_controller.h"
#include "app/gui/sequence_diagram.h"
#include "app/gui/sequence_view.h"
#include "app/gui/suite_model.h"
#include "app/gui/trace_feed.h"
#include "app/gui/verdict_style.h"

#include <QAction>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QProgressBar>
#include <QScrollBar>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>

namespace m2mbench::gui {

void MainWindow::wireRun() {
    connect(m_controller, &RunController::traceReplaced, m_feed, &TraceFeed::setTrace);
    connect(m_controller, &RunController::runStarted, this, &MainWindow::onRunStarted);
    connect(m_controller, &RunController::testStarted, this, &MainWindow::onTestStarted);
    connect(m_controller, &RunController::testFinished, this, &MainWindow::onTestFinished);
    connect(m_controller, &RunController::runFinished, this, &MainWindow::onRunFinished);
    connect(m_controller, &RunController::runFailed, this, &MainWindow::onRunFailed);
    connect(m_controller, &RunController::journalUnavailable, this, [this](const QString &why) {
        statusBar()->showMessage(tr("Runs are not recorded: %1").arg(why));
    });
    connect(m_controller, &RunController::runningChanged, this, &MainWindow::onRunningChanged);
    connect(m_feed, &TraceFeed::eventsArrived, this, &MainWindow::onEvents);
    connect(m_chart, &SequenceView::rowSelected, this, &MainWindow::onChartRowSelected);
    connect(m_targetEdit, &QLineEdit::textChanged, this, &MainWindow::updatePlaceholder);
}

bool MainWindow::isRunning() const {
    return m_controller->isRunning();
}

void MainWindow::startRun() {
    if (m_controller->isRunning()) {
        return;
    }
    if (m_suite.testCases.isEmpty()) {
        statusBar()->showMessage(tr("No test cases loaded: open a suite folder first."));
        emit runEnded(false); // a script waiting for the end (--run --quit) must not hang
        return;
    }
    runner::RunOptions options;
    options.target = target();
    options.xsdDir = m_xsdEdit->text().trimmed();

    m_suiteModel->resetForRun();
    m_chart->clear();
    m_eventModel->clear();
    m_inspector->clear();
    m_bannerSeq.clear();
    m_counts.fill(0);
    updateCounts();
    m_progress->setRange(0, static_cast<int>(m_suite.testCases.size()));
    m_progress->setValue(0);
    m_runClock.start();
    m_elapsedTimer.start();
    updateElapsed();
    writeSettings();
    statusBar()->showMessage(tr("Starting the run\u2026"));
    m_controller->start(m_suite, options);
}

void MainWindow::stopRun() {
    if (m_controller->isRunning()) {
        m_controller->stop();
        statusBar()->showMessage(tr("Stopping after the current step\u2026"));
    }
}

void MainWindow::onRunningChanged(bool running) {
    m_runAction->setEnabled(!running);
    m_stopAction->setEnabled(running);
    m_openSuiteAction->setEnabled(!running);
    m_xsdAction->setEnabled(!running);
    m_targetEdit->setReadOnly(running);
    m_xsdEdit->setReadOnly(running);
}

void MainWindow::onRunStarted(const runner::RunSummary &summary, int total) {
    m_progress->setRange(0, std::max(1, total));
    for (const runner::Deselected &d : summary.deselected) {
        m_suiteModel->setDeselected(d.info.id, d.reason);
    }
    QString text = tr("Running %n test case(s) against %1", nullptr, total).arg(summary.target);
    if (summary.xsdDir.isEmpty()) {
        text += tr(" (no schema folder: XML checked for well-formedness only)");
    }
    statusBar()->showMessage(text);
}

void MainWindow::onTestStarted(const runner::TestCaseInfo &info, int index, int total) {
    m_suiteModel->setRunning(info.id);
    m_suiteTree->scrollTo(m_suiteModel->indexOf(info.id));
    statusBar()->showMessage(tr("Running %1 (%2 of %3)").arg(info.id).arg(index + 1).arg(total));
}

void MainWindow::onTestFinished(const runner::TestResult &result) {
    m_suiteModel->setResult(result);
    m_chart->setTestVerdict(result.info.id, result.verdict);
    ++m_counts[static_cast<std::size_t>(result.verdict)];
    m_progress->setValue(m_progress->value() + 1);
    updateCounts();
}

void MainWindow::onRunFinished(const runner::RunSummary &summary) {
    m_feed->flush();
    m_elapsedTimer.stop();
    updateElapsed();
    m_suiteModel->markUnfinishedNotRun();
    int passed = 0;
    for (const runner::TestResult &r : summary.results) {
        passed += r.verdict == Verdict::Pass ? 1 : 0;
    }
    statusBar()->showMessage(tr("Run %1: %2 of %3 test case(s) passed; overall verdict %4")
                                 .arg(summary.stopped ? tr("stopped") : tr("finished"))
                                 .arg(passed)
                                 .arg(summary.results.size())
                                 .arg(verdictName(summary.overall())));
    // Failures are what a user looks for first.
    if (m_chart->selectedRow() < 0) {
        m_chart->selectNextFailure();
    }
    emit runEnded(summary.allPassed());
}

void MainWindow::onRunFailed(const QString &message) {
    m_feed->flush();
    m_elapsedTimer.stop();
    updateElapsed();
    m_suiteModel->markUnfinishedNotRun();
    statusBar()->showMessage(tr("The run could not complete: %1").arg(message));
    emit runEnded(false);
}

void MainWindow::onEvents(const std::vector<trace::Event> &events) {
    for (const trace::Event &e : events) {
        if (e.kind == trace::EventKind::TestCaseStarted) {
            m_bannerSeq.insert(e.testCaseId, e.seq);
        }
    }
    m_chart->addEvents(events);
    QScrollBar *bar = m_eventTable->verticalScrollBar();
    const bool following = bar->value() >= bar->maximum();
    m_eventModel->append(events);
    if (following) {
        m_eventTable->scrollToBottom();
    }
}

void MainWindow::inspect(quint64 seq) {
    trace::Trace *trace = m_feed->trace();
    if (!trace || seq == 0) {
        m_inspector->clear();
        return;
    }
    std::vector<trace::Event> checks;
    for (quint64 check : m_feed->checksOf(seq)) {
        checks.push_back(trace->at(check));
    }
    m_inspector->inspect(trace->at(seq), checks);
}

void MainWindow::onChartRowSelected(quint64 seq) {
    inspect(seq);
    if (seq == 0) {
        return;
    }
    // The test case the row belongs to becomes current in the tree, for its details.
    if (const auto row = m_chart->model().rowOfSeq(seq)) {
        const QString id = m_chart->model().items()[static_cast<std::size_t>(*row)].testCaseId;
        if (const QModelIndex index = m_suiteModel->indexOf(id); index.isValid()) {
            m_suiteTree->setCurrentIndex(index);
        }
    }
    if (m_syncing) {
        return; // the event list started this
    }
    m_syncing = true;
    const int row = m_eventModel->rowOfSeq(seq);
    if (row >= 0) {
        const QModelIndex index = m_eventModel->index(row, 0);
        m_eventTable->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                   QItemSelectionModel::Rows);
        m_eventTable->scrollTo(index);
    }
    m_syncing = false;
}

void MainWindow::onEventRowSelected(quint64 seq) {
    m_syncing = true;
    // A check, a key or a log line has no row of its own in the chart; and a chart row that is
    // already selected (a message, then a key, then the message again) signals nothing.
    if (!m_chart->selectSeq(seq) || m_inspector->inspectedSeq() != seq) {
        inspect(seq);
    }
    if (const int row = m_eventModel->rowOfSeq(seq); row >= 0) {
        const QModelIndex index = m_eventModel->index(row, 0);
        if (m_eventTable->currentIndex().row() != row) {
            m_eventTable->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_eventTable->scrollTo(index);
        }
    }
    m_syncing = false;
}

void MainWindow::showDetails() {
    const QModelIndex current = m_suiteTree->currentIndex();
    const QString html = current.data(SuiteModel::DetailsRole).toString();
    if (html != m_details->toHtml()) {
        m_details->setHtml(html);
    }
}

void MainWindow::onSuiteItemActivated(const QModelIndex &index) {
    const QString id = index.data(SuiteModel::TestCaseIdRole).toString();
    if (const quint64 seq = m_bannerSeq.value(id); seq != 0) {
        m_chart->selectSeq(seq);
    }
}

void MainWindow::updateCounts() {
    QStringList parts;
    for (Verdict v : {Verdict::Pass, Verdict::Inconc, Verdict::Fail, Verdict::Error}) {
        const int n = m_counts[static_cast<std::size_t>(v)];
        parts.append(QStringLiteral("<span style='color:%1'><b>%2</b> %3</span>")
                         .arg(verdictColor(v).darker(n > 0 ? 110 : 100).name())
                         .arg(n)
                         .arg(verdictName(v)));
    }
    m_countsLabel->setText(parts.join(QStringLiteral(" &nbsp; ")));
}

void MainWindow::updateElapsed() {
    const qint64 ms = m_runClock.isValid() ? m_runClock.elapsed() : 0;
    // Milliseconds matter: against the embedded NSCL a whole suite takes a fraction of a second.
    m_elapsedLabel->setText(
        ms < 60000
            ? tr("%1 s").arg(static_cast<double>(ms) / 1000, 0, 'f', 3)
            : QStringLiteral("%1:%2").arg(ms / 60000).arg(ms / 1000 % 60, 2, 10, QLatin1Char('0')));
}

void MainWindow::selectShowcaseMessage() {
    if (m_chart->selectNextFailure()) {
        return;
    }
    const auto &items = m_chart->model().items();
    int best = -1;
    for (int row = 0; row < static_cast<int>(items.size()); ++row) {
        const auto &item = items[static_cast<std::size_t>(row)];
        if (item.type == trace::SequenceItem::Type::Message &&
            (best < 0 || item.checkCount > items[static_cast<std::size_t>(best)].checkCount)) {
            best = row;
        }
    }
    if (best >= 0) {
        m_chart->selectRow(best);
        m_chart->scrollToRow(best, SequenceView::ScrollHint::Centre);
        // A header with bytes behind it shows the hex highlighting at work.
        if (!m_inspector->selectField(QStringLiteral("Location"))) {
            m_inspector->selectField(QStringLiteral("Content-Type"));
        }
    }
}

bool MainWindow::saveScreenshot(const QString &file) {
    m_feed->flush();
    // grab() paints what is laid out now: let pending layout requests (a label that grew)
    // settle first.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    m_chart->replotNow();
    return grab().save(file, "PNG");
}

} // namespace m2mbench::gui
