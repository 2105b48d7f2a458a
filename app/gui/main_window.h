// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/runner.h"
#include "core/runner/suite.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMainWindow>
#include <QTimer>

#include <array>
#include <optional>

class QDockWidget;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;
class QTextBrowser;
class QTreeView;

namespace m2mbench::gui {

class EventLogModel;
class MessageInspector;
class RunController;
class SequenceView;
class SuiteModel;
class TraceFeed;

/// The bench's main window: the suite tree, the live sequence chart, the message inspector and
/// the event list, wired to a RunController. It reads models only; it never reaches the nodes.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        QStringList suitePaths;        ///< empty: the bundled suite
        bool restoreLayout = true;     ///< false: default size and docks (screenshots, tests)
        std::optional<QString> target; ///< overrides the saved target for this session only
    };

    explicit MainWindow(const Options &options, QWidget *parent = nullptr);
    MainWindow()
        : MainWindow(Options{}) {}
    ~MainWindow() override;

    /// Loads the test cases under `paths`; problems go to the status bar.
    bool loadSuite(const QStringList &paths);
    void startRun();
    void stopRun();
    [[nodiscard]] bool isRunning() const;

    void setTarget(const QString &url);
    [[nodiscard]] QString target() const;
    void setXsdDir(const QString &dir);

    /// Selects the first arrow judged fail or error, else the one most checks judged, and the
    /// first field with bytes behind it: what a screenshot should show of the inspector.
    void selectShowcaseMessage();
    /// Renders the window, the chart replotted first, into a PNG file.
    bool saveScreenshot(const QString &file);

    [[nodiscard]] SuiteModel *suiteModel() const { return m_suiteModel; }
    [[nodiscard]] SequenceView *sequenceView() const { return m_chart; }
    [[nodiscard]] MessageInspector *inspector() const { return m_inspector; }
    [[nodiscard]] EventLogModel *eventLog() const { return m_eventModel; }
    [[nodiscard]] RunController *controller() const { return m_controller; }
    [[nodiscard]] QAction *runAction() const { return m_runAction; }
    [[nodiscard]] QAction *stopAction() const { return m_stopAction; }

signals:
    /// A run ended, normally, stopped or with a bench error; `allPassed` as the CLI decides
    /// its exit code.
    void runEnded(bool allPassed);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolBar();
    void createDocks();
    void createStatusBar();
    void wireRun();
    void readSettings(const Options &options);
    void writeSettings() const;

    void onRunStarted(const runner::RunSummary &summary, int total);
    void onTestStarted(const runner::TestCaseInfo &info, int index, int total);
    void onTestFinished(const runner::TestResult &result);
    void onRunFinished(const runner::RunSummary &summary);
    void onRunFailed(const QString &message);
    void onRunningChanged(bool running);
    void onEvents(const std::vector<trace::Event> &events);

    void inspect(quint64 seq);
    void onChartRowSelected(quint64 seq);
    void onEventRowSelected(quint64 seq);
    void onSuiteItemActivated(const QModelIndex &index);
    void showDetails();
    QWidget *createSuitePanel();
    void chooseXsdDir();
    void chooseSuiteFolder();
    void updateCounts();
    void updateElapsed();
    void updatePlaceholder();

    runner::Suite m_suite;
    RunController *m_controller = nullptr;
    TraceFeed *m_feed = nullptr;
    SuiteModel *m_suiteModel = nullptr;
    EventLogModel *m_eventModel = nullptr;

    SequenceView *m_chart = nullptr;
    MessageInspector *m_inspector = nullptr;
    QTreeView *m_suiteTree = nullptr;
    QTextBrowser *m_details = nullptr; ///< the current test case's metadata and verdict
    QTableView *m_eventTable = nullptr;
    QDockWidget *m_suiteDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QDockWidget *m_eventsDock = nullptr;

    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_nextFailureAction = nullptr;
    QAction *m_openSuiteAction = nullptr;
    QAction *m_xsdAction = nullptr;
    QLineEdit *m_targetEdit = nullptr;
    QLineEdit *m_xsdEdit = nullptr;

    QLabel *m_countsLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_elapsedLabel = nullptr;
    QElapsedTimer m_runClock;
    QTimer m_elapsedTimer;

    QHash<QString, quint64> m_bannerSeq; ///< test case id -> its TestCaseStarted event
    std::array<int, 5> m_counts{};       ///< test cases finished, by verdict
    bool m_syncing = false;              ///< true while one view follows another's selection
};

} // namespace m2mbench::gui
