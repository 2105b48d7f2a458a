// SPDX-License-Identifier: Apache-2.0
#pragma once

// Runs tshark with the etsim2m plugin from the build folder. As root, Wireshark ignores
// WIRESHARK_PLUGIN_DIR, so tshark runs as nobody (setpriv) and reads a world-readable copy of the
// capture (the bench makes files with keys owner-only).

#include <QString>
#include <QStringList>

namespace m2mbench::test {

struct TsharkRun {
    int exitCode = -1;
    bool finished = false;
    QString out;
    QString err;

    /// Lines of stdout that are not empty.
    [[nodiscard]] QStringList lines() const;
    /// stderr without the lines every tshark prints that are not errors.
    [[nodiscard]] QString errors() const;
};

/// tshark ARGS, reading `input` when it is not empty.
TsharkRun tshark(const QStringList &args, const QString &input = {}, int timeoutMs = 120000);

/// The folder holding 4.0/epan/etsim2m.so in the build.
QString pluginRoot();
/// Whether tshark and, when root, setpriv are there to run; the reason when not.
QString tsharkMissing();

/// Makes a copy of `file` that the unprivileged tshark can read, in `dir`.
QString readableCopy(const QString &file, const QString &dir);

} // namespace m2mbench::test
