// SPDX-License-Identifier: Apache-2.0
// m2mbench: the desktop application. Parses the command line and wires it to the main window.
#include "app/gui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

namespace {

struct Launch {
    m2mbench::gui::MainWindow::Options window;
    bool run = false;
    QString screenshot;
    bool quit = false;
};

Launch parseArguments(const QApplication &app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("M2M Bench: conformance test bench for the ETSI M2M service layer."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("SUITE"),
                                 QStringLiteral("test case files or folders (default: the "
                                                "bundled suite)"),
                                 QStringLiteral("[SUITE...]"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("start a run at launch"));
    const QCommandLineOption target(
        QStringLiteral("target"),
        QStringLiteral("URL of the SUT for this session (empty: the embedded reference NSCL)"),
        QStringLiteral("URL"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("save a PNG of the window when the run ends (at once without --run)"),
        QStringLiteral("FILE"));
    const QCommandLineOption quit(
        QStringLiteral("quit"),
        QStringLiteral("quit when the run ends; exit code 0 only when every test case passed"));
    parser.addOptions({run, target, screenshot, quit});
    parser.process(app);

    Launch launch;
    launch.window.suitePaths = parser.positionalArguments();
    if (parser.isSet(target)) {
        launch.window.target = parser.value(target);
    }
    launch.run = parser.isSet(run);
    launch.screenshot = parser.value(screenshot);
    launch.quit = parser.isSet(quit);
    // A screenshot made by a script should not depend on how a user last arranged the window.
    launch.window.restoreLayout = launch.screenshot.isEmpty();
    return launch;
}

} // namespace

int main(int argc, char *argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("m2mbench"));
    QApplication::setApplicationName(QStringLiteral("m2mbench"));
    QApplication::setApplicationVersion(QStringLiteral(M2MBENCH_VERSION));
    const Launch launch = parseArguments(app);

    m2mbench::gui::MainWindow window(launch.window);
    window.show();

    const auto finish = [&window, &launch](bool allPassed) {
        int code = allPassed ? 0 : 1;
        if (!launch.screenshot.isEmpty()) {
            window.selectShowcaseMessage();
            if (!window.saveScreenshot(launch.screenshot)) {
                std::fprintf(stderr, "m2mbench: cannot write %s\n", qPrintable(launch.screenshot));
                code = 2;
            }
        }
        if (launch.quit) {
            QCoreApplication::exit(code);
        }
    };
    if (launch.run) {
        QObject::connect(&window, &m2mbench::gui::MainWindow::runEnded, &window, finish);
        QTimer::singleShot(0, &window, &m2mbench::gui::MainWindow::startRun);
    } else if (!launch.screenshot.isEmpty() || launch.quit) {
        QTimer::singleShot(0, &window, [finish] { finish(true); });
    }
    return QApplication::exec();
}
