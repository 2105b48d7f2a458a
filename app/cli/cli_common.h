// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/protocol/http/http_binding.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace m2mbench::cli {

QTextStream &out();
QTextStream &err();

/// Adds --status-deleted / --status-expired (the interop-profile choice of PROFILE.md).
void addBindingOptions(QCommandLineParser &parser);
Result<http::BindingProfile> bindingFrom(const QCommandLineParser &parser);

/// Parses the arguments; on --help prints help and returns ExitOk through `exitCode`; on a bad
/// command line prints the error and returns ExitUsage. Returns true when the command goes on.
bool parseOrExit(QCommandLineParser &parser, const QStringList &args, int *exitCode);

} // namespace m2mbench::cli
