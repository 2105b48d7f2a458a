// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/debugger.h"

namespace m2mbench::cli {

/// `m2mbench-cli run --step`: the debugger in a terminal. At each stop it shows where the run is
/// and the pending message, and reads commands from standard input (on the runner thread).
runner::Debugger::Interactive terminalDebugger(runner::Debugger &debugger);

} // namespace m2mbench::cli
