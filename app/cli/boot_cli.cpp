// SPDX-License-Identifier: Apache-2.0
#include "app/cli/boot_cli.h"

#include "core/crypto/pki.h"
#include "core/crypto/record_format.h"

namespace m2mbench::cli {

void addProfileOption(QCommandLineParser &parser) {
    parser.addOption(
        {QStringLiteral("profile"),
         QStringLiteral(
             "a profile file laid over the built-in one (docs/profile.md, docs/bootstrap.md)"),
         QStringLiteral("FILE")});
}

Result<crypto::Profile> profileFrom(const QCommandLineParser &parser) {
    const QString file = parser.value(QStringLiteral("profile"));
    return file.isEmpty() ? crypto::Profile::builtin() : crypto::Profile::load(file);
}

Result<std::shared_ptr<KeyLogFile>> KeyLogFile::open(const QString &path) {
    if (auto ok = crypto::writePrivateFile(path, QByteArray()); !ok) {
        return fail(ok.error());
    }
    auto file = std::make_shared<KeyLogFile>();
    file->m_file.setFileName(path);
    if (!file->m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        return fail(
            Error::Kind::Io,
            QStringLiteral("cannot open the key log %1: %2").arg(path, file->m_file.errorString()));
    }
    return file;
}

void KeyLogFile::append(const QByteArray &line) {
    QMutexLocker lock(&m_mutex);
    m_file.write(line + '\n');
    m_file.flush();
}

std::function<void(const QByteArray &)> KeyLogFile::sink(const std::shared_ptr<KeyLogFile> &file) {
    if (!file) {
        return {};
    }
    return [file](const QByteArray &line) { file->append(line); };
}

QString keyTree(const QList<crypto::DerivationPtr> &records, bool show) {
    return crypto::formatRecordTree(records, show ? crypto::SecretDisplay::Shown
                                                  : crypto::SecretDisplay::Masked);
}

} // namespace m2mbench::cli
