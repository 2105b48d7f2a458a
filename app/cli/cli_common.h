// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/protocol/http/http_binding.h"
#include "core/runner/suite.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <optional>

namespace m2mbench::cli {

QTextStream &out();
QTextStream &err();

/// Adds --status-deleted / --status-expired (the interop-profile choice of PROFILE.md).
void addBindingOptions(QCommandLineParser &parser);
Result<http::BindingProfile> bindingFrom(const QCommandLineParser &parser);

/// Loads the suite at `paths` (the bundled suite when empty); on failure prints why and sets
/// `exitCode` (2 for a bad path, 3 for a script that does not load).
std::optional<runner::Suite> loadSuiteFor(const QStringList &paths, const QString &command,
                                          int *exitCode);

/// Parses the arguments; on --help prints help and returns ExitOk through `exitCode`; on a bad
/// command line prints the error and returns ExitUsage. Returns true when the command goes on.
bool parseOrExit(QCommandLineParser &parser, const QStringList &args, int *exitCode);

} // namespace m2mbench::cli
