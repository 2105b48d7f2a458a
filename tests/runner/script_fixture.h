// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/runner.h"
#include "tests/support/test_paths.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

namespace m2mbench::test {

/// A throw-away suite folder holding the NSCL proformas and the scripts a test writes.
class ScriptSuite {
public:
    ScriptSuite() {
        for (const char *name : {"pixit.json", "pics.json"}) {
            QFile::copy(sourceDir() + QStringLiteral("/testcases/etsi-m2m/nscl/") +
                            QLatin1String(name),
                        m_dir.filePath(QLatin1String(name)));
        }
        QFile::copy(sourceDir() + QStringLiteral("/testcases/lib/mid.js"),
                    m_dir.filePath(QStringLiteral("mid.js")));
    }

    /// Writes TC_<id>.js with standard metadata around the given function bodies.
    void add(const QString &id, const QString &body, const QString &preamble = {},
             const QString &postamble = {}) {
        QString text =
            QStringLiteral(
                "import { paths, registration } from './mid.js';\n"
                "export const meta = { id: '%1', title: '%1', purpose: 'TP_%1', "
                "configuration: 'CFG_NSCL', references: [{document: 'test', clause: '0'}] };\n"
                "export function body(ctx) {\n%2\n}\n")
                .arg(id, body);
        if (!preamble.isEmpty()) {
            text += QStringLiteral("export function preamble(ctx) {\n%1\n}\n").arg(preamble);
        }
        if (!postamble.isEmpty()) {
            text += QStringLiteral("export function postamble(ctx) {\n%1\n}\n").arg(postamble);
        }
        QFile f(m_dir.filePath(id + QStringLiteral(".js")));
        f.open(QIODevice::WriteOnly);
        f.write(text.toUtf8());
    }

    [[nodiscard]] QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

/// Loads and runs a suite; fails the test on a bench error.
inline runner::RunSummary runSuite(const QStringList &paths, trace::Trace &trace,
                                   const runner::RunOptions &options = {}) {
    auto suite = runner::loadSuite(paths);
    EXPECT_TRUE(suite) << (suite ? "" : suite.error().message.toStdString());
    if (!suite) {
        return {};
    }
    runner::Runner runner(trace);
    auto summary = runner.run(*suite, options);
    EXPECT_TRUE(summary) << (summary ? "" : summary.error().message.toStdString());
    return summary ? *summary : runner::RunSummary();
}

inline const runner::TestResult *resultOf(const runner::RunSummary &s, const QString &id) {
    for (const auto &r : s.results) {
        if (r.info.id == id) {
            return &r;
        }
    }
    ADD_FAILURE() << "no result for " << id.toStdString();
    return nullptr;
}

} // namespace m2mbench::test
