// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QString>

namespace m2mbench {

/// A host and port as typed on a command line: "127.0.0.1:8080", "[::1]:5683", "host:716".
struct Endpoint {
    QString host;
    quint16 port = 0;

    [[nodiscard]] QString toString() const;
    /// Parses "HOST:PORT"; when `defaultPort` is non-zero the port may be omitted.
    static Result<Endpoint> parse(const QString &text, quint16 defaultPort = 0);
};

} // namespace m2mbench
