// SPDX-License-Identifier: Apache-2.0
#include "tests/dissector/tshark.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <unistd.h>

namespace m2mbench::test {

namespace {

constexpr int kNobody = 65534;

/// Where captures are copied for the unprivileged tshark (files may be owner-only, and a pipe
/// would not allow two-pass reading).
QString sharedDir() {
    static QTemporaryDir dir;
    return dir.path();
}

} // namespace

QString pluginRoot() {
    return QStringLiteral(M2MBENCH_WIRESHARK_PLUGIN_ROOT);
}

QString tsharkMissing() {
    if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty()) {
        return QStringLiteral("tshark is not installed (installer/install-deps.sh installs it)");
    }
    if (::geteuid() == 0 && QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty()) {
        return QStringLiteral("setpriv (util-linux) is needed to run tshark unprivileged");
    }
    if (!QFileInfo::exists(pluginRoot() + QStringLiteral("/4.0/epan/etsim2m.so"))) {
        return QStringLiteral("the etsim2m plugin was not built in %1").arg(pluginRoot());
    }
    return QString();
}

QStringList TsharkRun::lines() const {
    QStringList out;
    for (const QString &l : this->out.split(u'\n')) {
        if (!l.trimmed().isEmpty()) {
            out.append(l);
        }
    }
    return out;
}

QString TsharkRun::errors() const {
    QStringList kept;
    for (const QString &l : err.split(u'\n')) {
        if (!l.trimmed().isEmpty() && !l.startsWith(QLatin1String("Running as user"))) {
            kept.append(l);
        }
    }
    return kept.join(u'\n');
}

TsharkRun tshark(const QStringList &args, const QString &input, int timeoutMs) {
    QProcess p;
    QStringList full;
    QString program = QStringLiteral("tshark");
    // A sanitizer build's plugin needs the runtimes preloaded into the uninstrumented tshark.
    const QStringList env{QStringLiteral("WIRESHARK_PLUGIN_DIR=") + pluginRoot(),
                          QStringLiteral("LD_PRELOAD=" M2MBENCH_PLUGIN_PRELOAD),
                          QStringLiteral("ASAN_OPTIONS=detect_leaks=0:abort_on_error=1"),
                          QStringLiteral("UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")};
    if (::geteuid() == 0) {
        program = QStringLiteral("setpriv");
        full << QStringLiteral("--reuid=%1").arg(kNobody)
             << QStringLiteral("--regid=%1").arg(kNobody) << QStringLiteral("--clear-groups")
             << QStringLiteral("env") << QStringLiteral("HOME=/tmp") << env
             << QStringLiteral("tshark");
    } else {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        for (const QString &assignment : env) {
            const qsizetype eq = assignment.indexOf(u'=');
            e.insert(assignment.left(eq), assignment.mid(eq + 1));
        }
        p.setProcessEnvironment(e);
    }
    if (!input.isEmpty()) {
        full << QStringLiteral("-r") << readableCopy(input, sharedDir());
    }
    full << args;
    p.setWorkingDirectory(QDir::tempPath());
    p.start(program, full);
    TsharkRun r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString readableCopy(const QString &file, const QString &dir) {
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                   QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                   QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                   QFileDevice::ExeGroup);
    static int serial = 0;
    const QString copy =
        QDir(dir).filePath(QStringLiteral("%1-%2").arg(++serial).arg(QFileInfo(file).fileName()));
    QFile::remove(copy);
    QFile::copy(file, copy);
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                    QFileDevice::ReadOther | QFileDevice::ReadGroup);
    return copy;
}

} // namespace m2mbench::test
