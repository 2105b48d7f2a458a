// SPDX-License-Identifier: Apache-2.0
// The main window, offscreen, on a real bootstrap: TC_BOOT_001 runs the emulated D/G node
// against the embedded MSBF and MAS (EAP-TLS over PANA). The chart must show the PANA messages
// with EAP inside, the inspector must decode them, and the Kmr record must lead back to the
// EMSK it was derived from; a screenshot is saved for a person to look at.
#include "app/gui/event_log_model.h"
#include "app/gui/main_window.h"
#include "app/gui/message_inspector.h"
#include "app/gui/sequence_view.h"
#include "app/gui/suite_model.h"

#include <QDir>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace m2mbench;
using namespace m2mbench::gui;

namespace {

constexpr int kRunTimeoutMs = 90000;

/// Every text of a tree, "name=value" per item, depth first.
QStringList treeTexts(const QTreeWidget &tree) {
    QStringList out;
    std::function<void(const QTreeWidgetItem *)> walk = [&](const QTreeWidgetItem *item) {
        out.append(item->text(0) + QLatin1Char('=') + item->text(1));
        for (int i = 0; i < item->childCount(); ++i) {
            walk(item->child(i));
        }
    };
    for (int i = 0; i < tree.topLevelItemCount(); ++i) {
        walk(tree.topLevelItem(i));
    }
    return out;
}

/// Selects the event log row of `seq`, as a click would; the inspector follows.
bool selectEvent(MainWindow &window, quint64 seq) {
    auto *table = window.findChild<QTableView *>();
    const int row = window.eventLog()->rowOfSeq(seq);
    if (!table || row < 0) {
        return false;
    }
    table->setCurrentIndex(window.eventLog()->index(row, EventLogModel::InfoColumn));
    return window.inspector()->inspectedSeq() == seq;
}

/// The seq of the first event-log row whose kind and info match, or 0.
quint64 findEvent(const EventLogModel &log, const QString &kind, const QString &infoPart) {
    for (int row = 0; row < log.rowCount(); ++row) {
        if (log.index(row, EventLogModel::KindColumn).data().toString() == kind &&
            log.index(row, EventLogModel::InfoColumn).data().toString().contains(infoPart)) {
            return log.index(row, 0).data(EventLogModel::SeqRole).toULongLong();
        }
    }
    return 0;
}

} // namespace

class BootstrapWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("m2mbench-test"));
        QCoreApplication::setApplicationName(QStringLiteral("m2mbench-gui-boot-test"));
    }

    void aBootstrapShowsPanaEapAndTheKeyTree() {
        MainWindow::Options options;
        options.restoreLayout = false;
        options.target = QString();
        options.suitePaths = {QStringLiteral(M2MBENCH_TEST_BOOT_TESTCASES "/TC_BOOT_001.js")};
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.suiteModel()->testCaseIds(), QStringList{QStringLiteral("TC_BOOT_001")});
        QSignalSpy ended(&window, &MainWindow::runEnded);

        window.startRun();
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, kRunTimeoutMs);

        QVERIFY2(ended.first().first().toBool(), "TC_BOOT_001 did not pass in the window");
        const auto &items = window.sequenceView()->model().items();
        int pana = 0;
        int eap = 0;
        for (const auto &item : items) {
            if (item.type != trace::SequenceItem::Type::Message) {
                continue;
            }
            pana += item.protocol.contains(QLatin1String("PANA")) ? 1 : 0;
            eap += item.label.contains(QLatin1String("EAP")) ? 1 : 0;
        }
        QVERIFY2(pana >= 8, qPrintable(QStringLiteral("%1 PANA arrows").arg(pana)));
        QVERIFY2(eap >= 4, qPrintable(QStringLiteral("%1 arrows name EAP").arg(eap)));

        // A PANA message that carries EAP-TLS: the inspector decodes PANA, its AVPs and EAP.
        const quint64 tlsMessage = findEvent(*window.eventLog(), QStringLiteral("received"),
                                             QStringLiteral("ServerHello"));
        QVERIFY2(tlsMessage != 0, "no PAR with the server's TLS flight in the event log");
        QVERIFY(selectEvent(window, tlsMessage));
        const QStringList fields = treeTexts(*window.inspector()->fieldTree());
        const QString joined = fields.join(QLatin1Char('|'));
        QVERIFY2(joined.contains(QLatin1String("PANA")), qPrintable(joined.left(400)));
        QVERIFY2(joined.contains(QLatin1String("EAP")), qPrintable(joined.left(400)));
        QVERIFY(!window.inspector()->hexView()->toPlainText().isEmpty());

        // The Kmr record names the EMSK it came from, with the secrets masked.
        const quint64 kmr =
            findEvent(*window.eventLog(), QStringLiteral("key"), QStringLiteral("Kmr = "));
        QVERIFY2(kmr != 0, "no Kmr derivation in the event log");
        QVERIFY(selectEvent(window, kmr));
        const QStringList keyRows = treeTexts(*window.inspector()->fieldTree());
        const QString keys = keyRows.join(QLatin1Char('|'));
        QVERIFY2(keys.contains(QLatin1String("Derived from=")) &&
                     keys.contains(QLatin1String("EMSK")),
                 qPrintable(keys));
        QVERIFY2(keys.contains(QLatin1String("Output=(secret, 32 bytes)")), qPrintable(keys));
        const quint64 emsk =
            findEvent(*window.eventLog(), QStringLiteral("key"), QStringLiteral("EMSK = "));
        QVERIFY2(emsk != 0 && emsk < kmr, "the EMSK record must come before Kmr");

        QVERIFY(QDir().mkpath(QStringLiteral(M2MBENCH_TEST_SCREENSHOT_DIR)));
        const QString file = QStringLiteral(M2MBENCH_TEST_SCREENSHOT_DIR "/bootstrap_window.png");
        QVERIFY(selectEvent(window, tlsMessage));
        QVERIFY(window.saveScreenshot(file));
        qInfo("screenshot saved to %s", qPrintable(file));
    }
};

QTEST_MAIN(BootstrapWindowTest)
#include "bootstrap_window_test.moc"
