// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/crypto/profile_bootstrap.h"
#include "core/protocol/pana/pana_session.h"

namespace m2mbench::pana {

/// PANA session settings from the profile's bootstrap section (algorithms, nonce length,
/// lifetime, timers, size limit).
SessionConfig sessionConfigFromProfile(const crypto::BootstrapProfile &profile);

/// Values of the Kmr-Source vendor AVP: which EAP key the MSBF derived Kmr from.
namespace KmrSource {
inline constexpr quint32 Emsk = 1;
inline constexpr quint32 Msk = 2;
} // namespace KmrSource

} // namespace m2mbench::pana
