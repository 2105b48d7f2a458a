// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/configuration.h"

namespace m2mbench::runner {

/// CFG_BOOT: the MSBF (with its MAS) is the SUT; the bench emulates a D/G node (`ctx.device`)
/// and an NSCL that retrieves Kmr from the MAS (`ctx.nscl`). Without a target the embedded
/// reference MSBF and MAS play the SUT.
Result<std::unique_ptr<ConfigurationSession>> startBootConfiguration(SessionInputs &inputs);
QList<trace::Lifeline> bootConfigurationLifelines();
/// Empty, or why a run cannot test an MSBF: its --target names another role (an NSCL URL) and
/// no PX_MSBF_ADDRESS names the MSBF.
QString bootNotApplicable(const RunOptions &options);

} // namespace m2mbench::runner
