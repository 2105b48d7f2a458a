// SPDX-License-Identifier: Apache-2.0
// The message inspector names the capture frame of a message when the run was captured live.
#include "app/gui/message_inspector.h"

#include <QLabel>
#include <QTest>

using namespace m2mbench;
using namespace m2mbench::gui;

class MessageInspectorFrameTest : public QObject {
    Q_OBJECT
private slots:
    void showsTheFrameThatCarriedTheMessage() {
        auto frames = std::make_shared<trace::FrameIndex>();
        trace::Flow flow;
        flow.source = trace::Flow::addressFromString(QStringLiteral("127.0.0.1"));
        flow.destination = flow.source;
        flow.sourcePort = 40000;
        flow.destinationPort = 8080;
        flow.transport = trace::Transport::Tcp;
        frames->set(3, trace::FrameLink{11, 12, flow});
        frames->setCaptureFile(QStringLiteral("capture.pcapng"));
        trace::Event message;
        message.seq = 3;
        message.kind = trace::EventKind::MessageSent;
        message.protocol = QStringLiteral("HTTP");
        MessageInspector inspector;
        inspector.setFrameIndex(frames);

        inspector.inspect(message, {});

        QCOMPARE(
            inspector.frameText(),
            QStringLiteral("frame 11-12 of capture.pcapng, 127.0.0.1:40000 -> 127.0.0.1:8080/tcp"));
        bool shown = false;
        for (const QLabel *label : inspector.findChildren<QLabel *>()) {
            shown = shown || label->text().contains(QLatin1String("frame 11-12 of capture.pcapng"));
        }
        QVERIFY(shown);
    }

    void saysNothingOfFramesItDoesNotKnow() {
        MessageInspector inspector;
        trace::Event message;
        message.seq = 1;
        message.kind = trace::EventKind::MessageSent;

        inspector.inspect(message, {});
        QVERIFY(inspector.frameText().isEmpty());
        inspector.setFrameIndex(std::make_shared<trace::FrameIndex>());
        inspector.inspect(message, {});

        QVERIFY(inspector.frameText().isEmpty());
    }
};

QTEST_MAIN(MessageInspectorFrameTest)
#include "message_inspector_frame_test.moc"
