// SPDX-License-Identifier: Apache-2.0
#pragma once

// Pieces the bootstrap commands share (bootstrap, serve msbf, serve mas).

#include "core/common/result.h"
#include "core/crypto/key_recorder.h"
#include "core/crypto/profile.h"

#include <QCommandLineParser>
#include <QFile>
#include <QMutex>

#include <functional>
#include <memory>

namespace m2mbench::cli {

/// --profile FILE (the built-in profile when absent).
void addProfileOption(QCommandLineParser &parser);
Result<crypto::Profile> profileFrom(const QCommandLineParser &parser);

/// An NSS key log file (SSLKEYLOGFILE format) created owner-only; thread-safe appends.
class KeyLogFile {
public:
    static Result<std::shared_ptr<KeyLogFile>> open(const QString &path);
    void append(const QByteArray &line);
    /// A callback for TlsConfig::keyLog (empty when `file` is null).
    static std::function<void(const QByteArray &)> sink(const std::shared_ptr<KeyLogFile> &file);

private:
    QMutex m_mutex;
    QFile m_file;
};

/// The records as an indented tree, masked unless `show`.
QString keyTree(const QList<crypto::DerivationPtr> &records, bool show);

} // namespace m2mbench::cli
