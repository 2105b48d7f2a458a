// SPDX-License-Identifier: Apache-2.0
#pragma once

// Running independent implementations (hostapd, eapol_test, tshark, freeDiameterd) next to the
// bench: finding them, free ports on 127.0.0.1, a process that is always stopped, and files the
// unprivileged tshark can read.

#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUdpSocket>

#include <unistd.h>

namespace m2mbench::test {

/// The tool's path, or empty; the tests skip with this message when a tool is missing.
inline QString findTool(const QString &name) {
    return QStandardPaths::findExecutable(name,
                                          {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"),
                                           QStringLiteral("/sbin"), QStringLiteral("/bin")});
}

inline QString missingToolMessage(const QString &name, const QString &package) {
    return QStringLiteral("SKIPPED: %1 not found; install the Debian package %2 "
                          "(installer/install-deps.sh does)")
        .arg(name, package);
}

/// A port nothing listens on right now (bound to 127.0.0.1, then released).
inline quint16 freeUdpPort() {
    QUdpSocket s;
    s.bind(QHostAddress::LocalHost, 0);
    return s.localPort();
}

inline quint16 freeTcpPort() {
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

inline void writeFile(const QString &path, const QByteArray &bytes,
                      QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner |
                                                       QFile::ReadGroup | QFile::ReadOther) {
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    f.write(bytes);
    f.close();
    f.setPermissions(permissions);
}

/// A child process that is always stopped (SIGTERM, then SIGKILL) when the test ends.
class Tool {
public:
    Tool() { m_process.setProcessChannelMode(QProcess::MergedChannels); }
    ~Tool() { stop(); }
    Tool(const Tool &) = delete;
    Tool &operator=(const Tool &) = delete;

    bool start(const QString &program, const QStringList &args, const QString &workdir = {}) {
        if (!workdir.isEmpty()) {
            m_process.setWorkingDirectory(workdir);
        }
        m_process.start(program, args);
        return m_process.waitForStarted(5000);
    }

    /// Reads output until `text` appears or `timeoutMs` passes.
    bool waitForText(const QString &text, int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (!output().contains(text)) {
            if (t.elapsed() > timeoutMs || m_process.state() == QProcess::NotRunning) {
                return output().contains(text);
            }
            m_process.waitForReadyRead(100);
            m_output += QString::fromUtf8(m_process.readAll());
        }
        return true;
    }

    /// Reads output until `text` appears at least `count` times or `timeoutMs` passes.
    bool waitForCount(const QString &text, int count, int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (output().count(text) < count) {
            if (t.elapsed() > timeoutMs || m_process.state() == QProcess::NotRunning) {
                return output().count(text) >= count;
            }
            m_process.waitForReadyRead(100);
        }
        return true;
    }

    /// Runs to the end (bounded) and returns the exit code, -1 when it had to be killed.
    int finish(int timeoutMs) {
        const bool done = m_process.waitForFinished(timeoutMs);
        m_output += QString::fromUtf8(m_process.readAll());
        if (!done) {
            stop();
            return -1;
        }
        return m_process.exitCode();
    }

    QString output() {
        m_output += QString::fromUtf8(m_process.readAll());
        return m_output;
    }

    void stop() {
        if (m_process.state() == QProcess::NotRunning) {
            return;
        }
        m_process.terminate();
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
        m_output += QString::fromUtf8(m_process.readAll());
    }

private:
    QProcess m_process;
    QString m_output;
};

/// tshark as an unprivileged user when the tests run as root (Wireshark's own advice); the
/// files it reads must then be readable by everyone.
inline QStringList unprivileged(const QString &program, const QStringList &args,
                                QString *launcher) {
    if (::geteuid() != 0) {
        *launcher = program;
        return args;
    }
    *launcher = findTool(QStringLiteral("setpriv"));
    return QStringList{QStringLiteral("--reuid=65534"),  QStringLiteral("--regid=65534"),
                       QStringLiteral("--clear-groups"), QStringLiteral("env"),
                       QStringLiteral("HOME=/tmp"),      program} +
           args;
}

/// First line of `text` containing `needle` (for the report), or empty.
inline QString lineWith(const QString &text, const QString &needle) {
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (line.contains(needle)) {
            return line.trimmed();
        }
    }
    return {};
}

} // namespace m2mbench::test
