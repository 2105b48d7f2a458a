// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/protocol/mid/primitive.h"

#include <optional>

namespace m2mbench::mid {

/// How the HTTP binding maps STATUS_DELETED and STATUS_EXPIRED. Implementations disagree
/// (PROFILE.md): one sends 410 for both, another leaves DELETED unmapped and sends 500 for
/// EXPIRED. An interop-profile setting, never a constant.
struct HttpStatusProfile {
    int deleted = 410; ///< 0 means "unmapped": the binding answers 404 instead
    int expired = 410;

    /// Parses "410", "500", "unmapped"; returns false on anything else.
    static bool parseCode(const QString &text, int *code);
};

/// HTTP status for a response primitive.
int httpStatusFor(StatusCode status, const HttpStatusProfile &profile = {});
/// Response primitive status for an HTTP status.
/// nullopt when the code has no mId meaning (the caller decides what a SUT sending it means).
std::optional<StatusCode> statusFromHttp(int httpStatus, const HttpStatusProfile &profile = {});

} // namespace m2mbench::mid
