// SPDX-License-Identifier: Apache-2.0
#pragma once

// The key calculator behind `m2mbench-cli derive`, kept in the library so that tests run it
// in-process and the GUI can offer the same kinds. docs/profile.md describes its use.

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace m2mbench::crypto {

/// The JSON key under which `--json` puts the output's hex; stable for scripts.
inline constexpr char kCalculatorOutputKey[] = "output";

/// Exit codes: 0 done; 2 bad input (malformed hex, wrong length, unknown kind or input, missing
/// input, bad profile, failed unwrap/open); 3 the bench itself is broken (no embedded profile).
enum CalculatorExit : int { CalculatorOk = 0, CalculatorUsage = 2, CalculatorBroken = 3 };

/// Runs `derive` with the words that follow it, e.g.
///   {"kmc", "--input", "Kmr=00..", "--input", "Kmc-index=1", ..., "--json"}.
/// The tree (or JSON) goes to `out`; errors go to `err` as one line naming the culprit.
int runDeriveCalculator(const QStringList &args, QTextStream &out, QTextStream &err);

/// The names of every kind, in the order `derive list` shows them.
QStringList calculatorKindNames();

} // namespace m2mbench::crypto
