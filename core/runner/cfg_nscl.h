// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/configuration.h"

namespace m2mbench::runner {

/// CFG_NSCL: the NSCL is the SUT; the bench emulates a D/G node (`ctx.device`).
Result<std::unique_ptr<ConfigurationSession>> startNsclConfiguration(SessionInputs &inputs);
QList<trace::Lifeline> nsclConfigurationLifelines();

} // namespace m2mbench::runner
