// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/network_thread.h"

#include <QMetaObject>

namespace m2mbench::nodes {

NetworkThread::NetworkThread(const QString &name)
    : m_thread(std::make_unique<QThread>()) {
    m_thread->setObjectName(name);
    m_context = new QObject();
    m_context->moveToThread(m_thread.get());
    m_thread->start();
}

NetworkThread::~NetworkThread() {
    // Objects parented to the context are destroyed on the thread, before it stops.
    QObject *context = m_context;
    invoke([context] { qDeleteAll(context->children()); });
    m_thread->quit();
    m_thread->wait();
    delete m_context;
}

void NetworkThread::post(std::function<void()> fn) const {
    QMetaObject::invokeMethod(m_context, std::move(fn), Qt::QueuedConnection);
}

} // namespace m2mbench::nodes
