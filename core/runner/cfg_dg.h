// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/runner/configuration.h"

namespace m2mbench::runner {

/// CFG_DG: the D/G node is the SUT; the bench is its MSBF (`ctx.msbf`). Without a named device
/// the embedded reference device plays the SUT.
Result<std::unique_ptr<ConfigurationSession>> startDgConfiguration(SessionInputs &inputs);
QList<trace::Lifeline> dgConfigurationLifelines();
/// Empty, or why a run cannot test a D/G node's bootstrap: its --target names another role and
/// no PX_DG_DEVICE_ADDRESS names the device.
QString dgNotApplicable(const RunOptions &options);

} // namespace m2mbench::runner
