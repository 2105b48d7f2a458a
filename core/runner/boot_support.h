// SPDX-License-Identifier: Apache-2.0
#pragma once

// What CFG_BOOT and CFG_DG share: the run's bootstrap profile, the test PKI (generated for the
// run, or the lab's PEM files named in PIXIT), and addresses from PIXIT.

#include "core/common/endpoint.h"
#include "core/crypto/pki.h"
#include "core/crypto/profile.h"
#include "core/runner/pixit.h"

namespace m2mbench::runner {

/// The certificates of one run. A rogue CA issues what the other side must refuse.
struct RunPki {
    QByteArray caPem;          ///< what the bench's nodes trust
    crypto::Credential msbf;   ///< the MSBF's certificate (bench MSBF in CFG_DG, embedded SUT)
    crypto::Credential device; ///< the device's certificate (bench device in CFG_BOOT)
    crypto::Credential rogueDevice;
    crypto::Credential rogueMsbf;
    QByteArray nodeId;
    QString identity;
    QString origin; ///< "generated for this run" or the files used
};

/// The bootstrap profile: built in, with the lab's file (PIXIT PX_BOOT_PROFILE) laid over it.
Result<crypto::Profile> bootProfile(const Pixit &pixit);

/// The run's PKI: PX_BOOT_CA_FILE/PX_BOOT_CERT_FILE/PX_BOOT_KEY_FILE (and the MSBF's, and the
/// wrong ones) when given, else generated (ECDSA P-256); written to PX_BOOT_PKI_DIR when set,
/// keys with mode 0600.
Result<RunPki> makeRunPki(const Pixit &pixit, const crypto::Profile &profile);

/// A PIXIT value as the run's options give it (--set overrides, then the lab's PIXIT file),
/// before the proformas are loaded: for deciding which configurations apply. Empty when unset.
QString pixitFromOptions(const struct RunOptions &options, const QString &id);

/// "host:port" from a PIXIT item; empty item gives nullopt.
Result<std::optional<Endpoint>> pixitEndpoint(const Pixit &pixit, const QString &id,
                                              quint16 defaultPort);

} // namespace m2mbench::runner
