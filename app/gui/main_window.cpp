// SPDX-License-Identifier: Apache-2.0
#include "app/gui/main_window.h"

#include "core/runner/plan.h"

#include "app/gui/about_dialog.h"
#include "app/gui/event_log_model.h"
#include "app/gui/message_inspector.h"
#include "app/gui/run_controller.h"
#include "app/gui/sequence_view.h"
#include "app/gui/suite_model.h"
#include "app/gui/trace_feed.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeView>

namespace m2mbench::gui {

namespace {

constexpr int kDefaultWidth = 1400;
constexpr int kDefaultHeight = 900;

const QString kTargetKey = QStringLiteral("run/target");
const QString kXsdKey = QStringLiteral("run/xsdDir");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");

QDockWidget *makeDock(const QString &title, const QString &name, QWidget *content,
                      QWidget *parent) {
    auto *dock = new QDockWidget(title, parent);
    dock->setObjectName(name); // saveState() needs it
    dock->setWidget(content);
    return dock;
}

} // namespace

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent) {
    setWindowTitle(tr("M2M Bench"));
    m_controller = new RunController(this);
    m_feed = new TraceFeed(this);
    m_suiteModel = new SuiteModel(this);
    m_eventModel = new EventLogModel(this);

    m_chart = new SequenceView(this);
    setCentralWidget(m_chart);
    createActions();
    createToolBar();
    createDocks();
    createStatusBar();
    wireRun();
    resize(kDefaultWidth, kDefaultHeight);
    resizeDocks({m_suiteDock, m_inspectorDock}, {390, 490}, Qt::Horizontal);
    resizeDocks({m_eventsDock}, {200}, Qt::Vertical);
    readSettings(options);

    loadSuite(options.suitePaths.isEmpty() ? QStringList{runner::defaultTestcasesDir()}
                                           : options.suitePaths);
    onRunningChanged(false);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
    m_runAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setToolTip(tr("Run the suite (Ctrl+R)"));
    connect(m_runAction, &QAction::triggered, this, &MainWindow::startRun);

    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("&Stop"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stopAction->setToolTip(tr("Stop the run after the current step (Ctrl+.)"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopRun);

    m_nextFailureAction =
        new QAction(style()->standardIcon(QStyle::SP_ArrowDown), tr("Next &failure"), this);
    m_nextFailureAction->setShortcut(QKeySequence(Qt::Key_F8));
    m_nextFailureAction->setToolTip(tr("Select the next message judged fail or error (F8)"));
    connect(m_nextFailureAction, &QAction::triggered, this, [this] {
        if (!m_chart->selectNextFailure()) {
            statusBar()->showMessage(tr("No message was judged fail or error."), 4000);
        }
    });

    m_openSuiteAction = new QAction(tr("&Open Suite Folder\u2026"), this);
    m_openSuiteAction->setShortcut(QKeySequence::Open);
    connect(m_openSuiteAction, &QAction::triggered, this, &MainWindow::chooseSuiteFolder);

    m_xsdAction =
        new QAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Browse\u2026"), this);
    m_xsdAction->setToolTip(tr("Choose the TS 102 921 schema folder"));
    connect(m_xsdAction, &QAction::triggered, this, &MainWindow::chooseXsdDir);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openSuiteAction);
    file->addAction(tr("Save &Screenshot\u2026"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save Screenshot"), QStringLiteral("m2mbench.png"), tr("PNG images (*.png)"));
        if (!path.isEmpty() && saveScreenshot(path)) {
            statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
        }
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addActions({m_runAction, m_stopAction, m_nextFailureAction});
}

void MainWindow::createToolBar() {
    QToolBar *bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_runAction);
    bar->addAction(m_stopAction);
    bar->addSeparator();

    bar->addWidget(new QLabel(tr(" Target: ")));
    m_targetEdit = new QLineEdit;
    m_targetEdit->setPlaceholderText(tr("embedded reference NSCL"));
    m_targetEdit->setToolTip(tr("URL of the system under test, e.g. http://192.0.2.10:8080/m2m. "
                                "Empty: the bench's own reference NSCL, in-process."));
    m_targetEdit->setClearButtonEnabled(true);
    m_targetEdit->setMinimumWidth(300);
    bar->addWidget(m_targetEdit);

    bar->addWidget(new QLabel(tr("  Schemas: ")));
    m_xsdEdit = new QLineEdit;
    const QString env = qEnvironmentVariable("M2M_XSD_DIR");
    m_xsdEdit->setPlaceholderText(env.isEmpty() ? tr("none ($M2M_XSD_DIR not set)")
                                                : tr("$M2M_XSD_DIR: %1").arg(env));
    m_xsdEdit->setToolTip(tr("Folder of the ETSI TS 102 921 XSD files. Empty: $M2M_XSD_DIR; "
                             "without schemas XML is checked for well-formedness only."));
    m_xsdEdit->setClearButtonEnabled(true);
    m_xsdEdit->setMinimumWidth(240);
    bar->addWidget(m_xsdEdit);
    bar->addAction(m_xsdAction);
    bar->addSeparator();
    bar->addAction(m_nextFailureAction);
}

QWidget *MainWindow::createSuitePanel() {
    m_suiteTree = new QTreeView;
    m_suiteTree->setModel(m_suiteModel);
    m_suiteTree->setUniformRowHeights(true);
    m_suiteTree->setAlternatingRowColors(true);
    m_suiteTree->setIndentation(14);
    QHeaderView *header = m_suiteTree->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(SuiteModel::IdColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SuiteModel::TitleColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(SuiteModel::VerdictColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(SuiteModel::TimeColumn, QHeaderView::ResizeToContents);
    connect(m_suiteTree, &QTreeView::clicked, this, &MainWindow::onSuiteItemActivated);
    connect(m_suiteTree, &QTreeView::activated, this, &MainWindow::onSuiteItemActivated);
    connect(m_suiteTree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::showDetails);
    connect(m_suiteModel, &QAbstractItemModel::dataChanged, this, &MainWindow::showDetails);

    m_details = new QTextBrowser;
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Select a test case to see its purpose, references and "
                                     "verdict."));
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_suiteTree);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    return split;
}

void MainWindow::createDocks() {
    m_suiteDock = makeDock(tr("Test suite"), QStringLiteral("suiteDock"), createSuitePanel(), this);

    m_inspector = new MessageInspector;
    m_inspectorDock =
        makeDock(tr("Message inspector"), QStringLiteral("inspectorDock"), m_inspector, this);
    connect(m_inspector, &MessageInspector::eventActivated, this, &MainWindow::onEventRowSelected);

    m_eventTable = new QTableView;
    m_eventTable->setModel(m_eventModel);
    m_eventTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_eventTable->verticalHeader()->hide();
    m_eventTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_eventTable->setWordWrap(false);
    m_eventTable->horizontalHeader()->setStretchLastSection(true);
    // Fixed widths: ResizeToContents would measure every row of a long run on each change.
    const QList<QPair<int, QString>> widths = {
        {EventLogModel::SeqColumn, QStringLiteral("0000")},
        {EventLogModel::TimeColumn, QStringLiteral("000.000 ms")},
        {EventLogModel::TestCaseColumn, QStringLiteral("TC_NSCL_REG_000")},
        {EventLogModel::KindColumn, QStringLiteral("received")}};
    for (const auto &[column, sample] : widths) {
        m_eventTable->setColumnWidth(column, fontMetrics().horizontalAdvance(sample) + 16);
    }
    connect(m_eventTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid() && !m_syncing) {
                    onEventRowSelected(current.data(EventLogModel::SeqRole).toULongLong());
                }
            });
    m_eventsDock = makeDock(tr("Events"), QStringLiteral("eventsDock"), m_eventTable, this);

    // Side docks take the full height, so the event list sits under the chart only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, m_suiteDock);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_eventsDock);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_suiteDock->toggleViewAction(), m_inspectorDock->toggleViewAction(),
                      m_eventsDock->toggleViewAction()});
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About M2M Bench"), this, [this] { showAboutDialog(this); });
}

void MainWindow::createStatusBar() {
    m_countsLabel = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("%v of %m"));
    m_progress->setValue(0);
    m_elapsedLabel = new QLabel;
    m_elapsedLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00.000 s")) +
                                    12);
    m_elapsedLabel->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_elapsedLabel);
    m_elapsedTimer.setInterval(100);
    connect(&m_elapsedTimer, &QTimer::timeout, this, &MainWindow::updateElapsed);
    updateCounts();
}

void MainWindow::readSettings(const Options &options) {
    QSettings settings;
    m_targetEdit->setText(options.target.value_or(settings.value(kTargetKey).toString()));
    m_xsdEdit->setText(settings.value(kXsdKey).toString());
    if (options.restoreLayout) {
        restoreGeometry(settings.value(kGeometryKey).toByteArray());
        restoreState(settings.value(kStateKey).toByteArray());
    }
}

void MainWindow::writeSettings() const {
    QSettings settings;
    settings.setValue(kTargetKey, m_targetEdit->text().trimmed());
    settings.setValue(kXsdKey, m_xsdEdit->text().trimmed());
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
}

void MainWindow::closeEvent(QCloseEvent *event) {
    writeSettings();
    if (m_controller->isRunning()) {
        m_controller->stop(); // the controller joins the runner thread when destroyed
    }
    event->accept();
}

void MainWindow::setTarget(const QString &url) {
    m_targetEdit->setText(url);
    updatePlaceholder();
}

QString MainWindow::target() const {
    return m_targetEdit->text().trimmed();
}

void MainWindow::setXsdDir(const QString &dir) {
    m_xsdEdit->setText(dir);
}

void MainWindow::chooseXsdDir() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("TS 102 921 schema folder"), m_xsdEdit->text());
    if (!dir.isEmpty()) {
        m_xsdEdit->setText(dir);
    }
}

void MainWindow::chooseSuiteFolder() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Test case folder"), m_suite.roots.value(0));
    if (!dir.isEmpty()) {
        loadSuite({dir});
    }
}

bool MainWindow::loadSuite(const QStringList &paths) {
    auto suite = runner::loadSuite(paths);
    if (!suite) {
        statusBar()->showMessage(tr("Cannot load the suite: %1").arg(suite.error().message));
        return false;
    }
    m_suite = *suite;
    m_suiteModel->setSuite(m_suite);
    // The plan with the embedded node's PICS, so that each test case shows why it would run.
    if (auto plan = runner::planRun(m_suite, runner::RunOptions())) {
        for (const runner::PlanEntry &entry : *plan) {
            m_suiteModel->setSelection(entry.info.id, entry.selected, entry.reason);
        }
    }
    m_progress->setRange(0, std::max(1, static_cast<int>(m_suite.testCases.size())));
    m_progress->setValue(0);
    m_suiteTree->expandAll();
    const QString configuration =
        m_suite.testCases.isEmpty() ? QString() : m_suite.testCases.first().configuration;
    m_chart->clear();
    m_chart->setLifelines(runner::Runner::lifelines(configuration));
    updatePlaceholder();
    statusBar()->showMessage(
        tr("Loaded %n test case(s) from %1", nullptr, static_cast<int>(m_suite.testCases.size()))
            .arg(paths.join(QStringLiteral(", "))),
        8000);
    return true;
}

void MainWindow::updatePlaceholder() {
    const QString against = target().isEmpty() ? tr("the embedded reference NSCL") : target();
    m_chart->setPlaceholder(tr("No messages yet.\nPress Run (Ctrl+R) to run %n test case(s) "
                               "against %1.",
                               nullptr, static_cast<int>(m_suite.testCases.size()))
                                .arg(against));
}

} // namespace m2mbench::gui
