// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to core/crypto: the strict JSON reader behind Profile::overlay. Every error names the
// source, the JSON path and what was expected, e.g.
// "profile lab.json: derivations.kmc.length: expected an integer, got a string".

#include "core/crypto/profile.h"

namespace m2mbench::crypto::detail {

/// `base` with the JSON document laid over it; unknown keys and wrong types are errors.
Result<Profile> overlayProfile(const Profile &base, const QByteArray &json,
                               const QString &sourceName);

/// Every value set (used on the embedded default, which must define everything).
Result<void> checkComplete(const Profile &profile, const QString &sourceName);

/// Whether `token` is a context literal "0x" + hex octets, and its octets.
std::optional<QByteArray> contextLiteral(const QString &token);

} // namespace m2mbench::crypto::detail
