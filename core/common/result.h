// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <tl/expected.hpp>

#include <utility>

namespace m2mbench {

/// What went wrong with the bench itself, in words a user can act on.
/// Misbehaviour of a system under test is never an Error: it is a verdict.
struct Error {
    enum class Kind {
        Io,       ///< sockets, files, processes
        Config,   ///< bad command line, profile, PICS/PIXIT, paths
        Script,   ///< a test script failed to load or threw
        Crypto,   ///< OpenSSL or key-derivation failure
        Parse,    ///< malformed input where the bench parsed data it was given
        Internal, ///< a bench invariant broke
    };

    Kind kind = Kind::Internal;
    QString message;

    Error() = default;
    Error(Kind k, QString msg)
        : kind(k)
        , message(std::move(msg)) {}

    /// Prefixes the message with context, e.g. "reading PIXIT file x: " + message.
    [[nodiscard]] Error wrap(const QString &context) const {
        return Error(kind, context + QStringLiteral(": ") + message);
    }
};

template<typename T>
using Result = tl::expected<T, Error>;

/// Builds the error side of a Result: `return fail(Error::Kind::Io, "cannot bind ...");`
inline tl::unexpected<Error> fail(Error::Kind kind, QString message) {
    return tl::unexpected<Error>(Error(kind, std::move(message)));
}

inline tl::unexpected<Error> fail(Error error) {
    return tl::unexpected<Error>(std::move(error));
}

} // namespace m2mbench
