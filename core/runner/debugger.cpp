// SPDX-License-Identifier: Apache-2.0
#include "core/runner/debugger.h"

#include <QMutexLocker>

namespace m2mbench::runner {

QString breakpointOnName(Breakpoint::On on) {
    switch (on) {
    case Breakpoint::On::Send: return QStringLiteral("send");
    case Breakpoint::On::Receive: return QStringLiteral("receive");
    case Breakpoint::On::Check: return QStringLiteral("check");
    }
    return QStringLiteral("send");
}

std::optional<Breakpoint> Breakpoint::parse(const QString &text) {
    const QStringList parts = text.split(QLatin1Char(':'));
    Breakpoint b;
    const QString on = parts.value(0).trimmed().toLower();
    if (on == u"send") {
        b.on = On::Send;
    } else if (on == u"receive") {
        b.on = On::Receive;
    } else if (on == u"check") {
        b.on = On::Check;
    } else {
        return std::nullopt;
    }
    b.testCaseId = parts.value(1).trimmed();
    b.node = parts.value(2).trimmed();
    b.contains = parts.mid(3).join(QLatin1Char(':')).trimmed();
    return b;
}

QString Breakpoint::toString() const {
    QStringList parts{breakpointOnName(on), testCaseId, node, contains};
    while (parts.size() > 1 && parts.last().isEmpty()) {
        parts.removeLast();
    }
    return parts.join(QLatin1Char(':'));
}

Debugger::Debugger(QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<StopInfo>();
}

void Debugger::setBreakpoints(const QList<Breakpoint> &breakpoints) {
    QMutexLocker lock(&m_mutex);
    m_breakpoints = breakpoints;
}

QList<Breakpoint> Debugger::breakpoints() const {
    QMutexLocker lock(&m_mutex);
    return m_breakpoints;
}

void Debugger::setStepping(bool stepping) {
    QMutexLocker lock(&m_mutex);
    m_stepping = stepping;
}

void Debugger::pause() {
    QMutexLocker lock(&m_mutex);
    m_pauseRequested = true;
}

void Debugger::resume(DebugCommand command, std::optional<QByteArray> edited,
                      QList<QPair<QString, QString>> pixitEdits) {
    QMutexLocker lock(&m_mutex);
    if (!m_stop) {
        return;
    }
    m_resumption = Resumption{command, std::move(edited), std::move(pixitEdits)};
    // Answered: a GUI polling currentStop() must not see this stop again while the runner
    // thread has yet to wake up (under load that can take longer than the GUI's poll).
    m_stop.reset();
    m_wake.wakeAll();
}

std::optional<StopInfo> Debugger::currentStop() const {
    QMutexLocker lock(&m_mutex);
    return m_stop;
}

bool Debugger::shouldStop(StopInfo &candidate) {
    if (m_pauseRequested) {
        m_pauseRequested = false;
        candidate.why = QStringLiteral("pause");
        return true;
    }
    if (m_stepping && candidate.on != Breakpoint::On::Check) {
        candidate.why = QStringLiteral("step");
        return true;
    }
    for (const Breakpoint &b : m_breakpoints) {
        if (!b.enabled || b.on != candidate.on) {
            continue;
        }
        if ((!b.testCaseId.isEmpty() && b.testCaseId != candidate.testCaseId) ||
            (!b.node.isEmpty() && b.node != candidate.node) ||
            (!b.contains.isEmpty() &&
             !candidate.summary.contains(b.contains, Qt::CaseInsensitive))) {
            continue;
        }
        candidate.why = QStringLiteral("breakpoint ") + b.toString();
        return true;
    }
    return false;
}

Resumption Debugger::gate(StopInfo candidate, const std::atomic_bool *stop) {
    {
        QMutexLocker lock(&m_mutex);
        if (!shouldStop(candidate)) {
            return {};
        }
        m_stop = candidate;
        m_resumption.reset();
    }
    emit paused(candidate);
    Resumption result;
    if (m_interactive) {
        result = m_interactive(candidate);
    } else {
        QMutexLocker lock(&m_mutex);
        // Bounded waits so that a stop of the run is seen even without a resume.
        while (!m_resumption && !(stop && stop->load())) {
            m_wake.wait(&m_mutex, 100);
        }
        result = m_resumption.value_or(Resumption{DebugCommand::Abort, std::nullopt, {}});
    }
    {
        QMutexLocker lock(&m_mutex);
        m_stop.reset();
        m_resumption.reset();
        m_stepping = result.command == DebugCommand::Step;
    }
    emit resumed();
    if (result.command == DebugCommand::Abort && m_abort) {
        m_abort();
    }
    return result;
}

} // namespace m2mbench::runner
