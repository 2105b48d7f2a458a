// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>

namespace m2mbench {

/// The five TTCN-3 verdicts, ordered so that a verdict can only get worse:
/// none < pass < inconc < fail < error.
enum class Verdict { None = 0, Pass = 1, Inconc = 2, Fail = 3, Error = 4 };

/// The worse of the two.
constexpr Verdict worse(Verdict a, Verdict b) {
    return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

QString verdictName(Verdict v);
std::optional<Verdict> verdictFromName(QStringView name);

} // namespace m2mbench
