// SPDX-License-Identifier: Apache-2.0
#include "tests/support/fake_sut.h"

#include <QMetaObject>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace m2mbench::test {

namespace {

constexpr qint64 kHugeBody = 50LL * 1024 * 1024;
constexpr qint64 kChunk = 64 * 1024;

const QByteArray kOkResponse =
    "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: "
    "61\r\n\r\n<m2m:sclBase xmlns:m2m=\"http://uri.etsi.org/m2m\"></m2m:sclBase>";

/// What a TLS endpoint or a confused peer might send to an HTTP client: not HTTP at all.
const char kGarbage[] = "\x16\x03\x01\x00\x05hello\xff\xfe garbage\r\n\r\n";

} // namespace

FakeSut::FakeSut(Behaviour behaviour, int delayMs)
    : m_behaviour(behaviour)
    , m_delayMs(delayMs) {
    m_thread.setObjectName(QStringLiteral("fake-sut"));
    m_thread.start();
    QSemaphore ready;
    QObject context;
    context.moveToThread(&m_thread);
    QMetaObject::invokeMethod(&context, [this, &ready] {
        start();
        ready.release();
    });
    ready.acquire();
}

FakeSut::~FakeSut() {
    QObject context;
    context.moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        &context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QString FakeSut::url() const {
    return QStringLiteral("http://127.0.0.1:%1/m2m").arg(m_port);
}

quint16 FakeSut::refusingPort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

void FakeSut::start() {
    m_server = new QTcpServer();
    m_server->listen(QHostAddress::LocalHost, 0);
    m_port = m_server->serverPort();
    QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] {
        while (QTcpSocket *s = m_server->nextPendingConnection()) {
            QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            if (m_behaviour == Behaviour::CloseAtOnce) {
                s->close();
                continue;
            }
            QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] {
                const QByteArray request = s->readAll();
                if (!request.contains("\r\n\r\n")) {
                    return; // wait for the whole head (bodies are small in these tests)
                }
                switch (m_behaviour) {
                case Behaviour::Garbage:
                    s->write(kGarbage, sizeof kGarbage - 1);
                    break;
                case Behaviour::Silent: break;
                case Behaviour::Slow:
                    QTimer::singleShot(m_delayMs, s, [s] { s->write(kOkResponse); });
                    break;
                case Behaviour::HalfResponse:
                    s->write(kOkResponse.left(kOkResponse.size() / 2));
                    s->flush();
                    s->disconnectFromHost();
                    break;
                case Behaviour::Huge: {
                    s->write(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: " +
                        QByteArray::number(kHugeBody) + "\r\n\r\n");
                    // Stream while the peer reads; stop at 50 MB or when it goes away.
                    auto pump = [this, s] {
                        while (s->bytesToWrite() < 4 * kChunk && m_streamed.load() < kHugeBody &&
                               s->state() == QAbstractSocket::ConnectedState) {
                            s->write(QByteArray(kChunk, 'x'));
                            m_streamed += kChunk;
                        }
                    };
                    QObject::connect(s, &QTcpSocket::bytesWritten, s, pump);
                    pump();
                    break;
                }
                case Behaviour::CloseAtOnce: break;
                }
            });
        }
    });
}

} // namespace m2mbench::test
