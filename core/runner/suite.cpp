// SPDX-License-Identifier: Apache-2.0
#include "core/runner/suite.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJSEngine>

#include <algorithm>

namespace m2mbench::runner {

namespace {

QString scriptError(const QJSValue &error) {
    return QStringLiteral("%1 (line %2)")
        .arg(error.toString())
        .arg(error.property(QStringLiteral("lineNumber")).toInt());
}

/// A string property, or empty when absent (QJSValue turns undefined into "undefined").
QString stringProperty(const QJSValue &object, const QString &name) {
    const QJSValue v = object.property(name);
    return v.isUndefined() || v.isNull() ? QString() : v.toString();
}

Result<TestCaseInfo> readMeta(QJSEngine &engine, const QString &file, const QString &root) {
    const QJSValue module = engine.importModule(file);
    if (module.isError()) {
        return fail(Error::Kind::Script, QStringLiteral("%1: %2").arg(file, scriptError(module)));
    }
    const QJSValue meta = module.property(QStringLiteral("meta"));
    if (!meta.isObject()) {
        return fail(Error::Kind::Script, QStringLiteral("%1: exports no `meta` object").arg(file));
    }
    TestCaseInfo info;
    info.file = file;
    info.group = QDir(root).relativeFilePath(QFileInfo(file).absolutePath());
    info.id = stringProperty(meta, QStringLiteral("id"));
    info.title = stringProperty(meta, QStringLiteral("title"));
    info.purpose = stringProperty(meta, QStringLiteral("purpose"));
    info.objective = stringProperty(meta, QStringLiteral("objective"));
    info.configuration = stringProperty(meta, QStringLiteral("configuration"));
    info.pics = stringProperty(meta, QStringLiteral("pics"));
    const QJSValue pixit = meta.property(QStringLiteral("pixit"));
    const int pixitCount = pixit.property(QStringLiteral("length")).toInt();
    for (int i = 0; i < pixitCount; ++i) {
        info.pixit.append(pixit.property(static_cast<quint32>(i)).toString());
    }
    const QJSValue refs = meta.property(QStringLiteral("references"));
    const int refCount = refs.property(QStringLiteral("length")).toInt();
    for (int i = 0; i < refCount; ++i) {
        const QJSValue r = refs.property(static_cast<quint32>(i));
        info.references.append({stringProperty(r, QStringLiteral("document")),
                                stringProperty(r, QStringLiteral("clause"))});
    }
    QStringList missing;
    if (info.id.isEmpty()) {
        missing << QStringLiteral("id");
    }
    if (info.title.isEmpty()) {
        missing << QStringLiteral("title");
    }
    if (info.purpose.isEmpty()) {
        missing << QStringLiteral("purpose");
    }
    if (info.configuration.isEmpty()) {
        missing << QStringLiteral("configuration");
    }
    if (info.references.isEmpty()) {
        missing << QStringLiteral("references");
    }
    if (!missing.isEmpty()) {
        return fail(
            Error::Kind::Script,
            QStringLiteral("%1: meta lacks %2").arg(file, missing.join(QStringLiteral(", "))));
    }
    if (info.id != QFileInfo(file).completeBaseName()) {
        return fail(Error::Kind::Script,
                    QStringLiteral("%1: meta.id '%2' must equal the file name").arg(file, info.id));
    }
    if (!module.property(QStringLiteral("body")).isCallable()) {
        return fail(Error::Kind::Script,
                    QStringLiteral("%1: exports no body() function").arg(file));
    }
    return info;
}

} // namespace

const TestCaseInfo *Suite::find(const QString &id) const {
    for (const TestCaseInfo &tc : testCases) {
        if (tc.id == id) {
            return &tc;
        }
    }
    return nullptr;
}

Result<Suite> loadSuite(const QStringList &paths) {
    Suite suite;
    QJSEngine engine; // metadata only: no bench API is installed here
    for (const QString &path : paths) {
        const QFileInfo fi(path);
        if (!fi.exists()) {
            return fail(Error::Kind::Config,
                        QStringLiteral("no test case or folder at '%1'").arg(path));
        }
        QStringList files;
        QString root = fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath();
        if (fi.isDir()) {
            QDirIterator it(fi.absoluteFilePath(), {QStringLiteral("TC_*.js")}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                files.append(it.next());
            }
            std::sort(files.begin(), files.end());
        } else {
            files.append(fi.absoluteFilePath());
        }
        suite.roots.append(root);
        for (const QString &file : files) {
            auto info = readMeta(engine, file, root);
            if (!info) {
                return fail(info.error());
            }
            if (suite.find(info->id)) {
                return fail(
                    Error::Kind::Script,
                    QStringLiteral("test case id %1 appears twice (%2)").arg(info->id, file));
            }
            suite.testCases.append(*info);
        }
    }
    return suite;
}

QString defaultTestcasesDir() {
    const QByteArray env = qgetenv("M2MBENCH_TESTCASES");
    if (!env.isEmpty()) {
        return QString::fromLocal8Bit(env);
    }
    const QString exeDir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        exeDir + QStringLiteral("/../share/m2mbench/testcases"),
        QStringLiteral(M2MBENCH_SOURCE_TESTCASES),
    };
    for (const QString &c : candidates) {
        if (QFileInfo::exists(c)) {
            return QDir::cleanPath(c);
        }
    }
    return QDir::cleanPath(candidates.last());
}

} // namespace m2mbench::runner
