// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/nodes/device/device_node.h"
#include "core/runner/script_api.h"

#include <QJSValue>
#include <QObject>

namespace m2mbench::runner {

/// A script's handle on an emulated node that speaks mId (`ctx.device`): the four verbs, each
/// one request through the node on the network thread, judged against the step timeout.
class MidNodeProxy : public QObject {
    Q_OBJECT
public:
    MidNodeProxy(TestContext *context, nodes::DeviceNode *node);

    Q_INVOKABLE QJSValue create(const QString &target, const QString &body,
                                const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue retrieve(const QString &target, const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue update(const QString &target, const QString &body,
                                const QJSValue &options = QJSValue());
    Q_INVOKABLE QJSValue remove(const QString &target, const QJSValue &options = QJSValue());

private:
    QJSValue request(mid::Method method, const QString &target, const QString &body,
                     const QJSValue &options);
    QJSValue toJs(const nodes::MidExchange &ex) const;

    TestContext *m_context;
    nodes::DeviceNode *m_node;
};

} // namespace m2mbench::runner
