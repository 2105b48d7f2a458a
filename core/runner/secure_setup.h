// SPDX-License-Identifier: Apache-2.0
#pragma once

// What CFG_NSCL and CFG_DG share for the service connection and the secured bindings of mId:
// the run's key-derivation profile, the emulated node's keys from PIXIT, where the NSCL's
// bindings are, and the embedded reference NSCL's MAS and secured front ends
// (docs/service-connection.md).

#include "core/common/endpoint.h"
#include "core/crypto/profile.h"
#include "core/nodes/device/device_node.h"
#include "core/nodes/nscl/nscl_node.h"
#include "core/runner/pixit.h"

#include <QMap>

namespace m2mbench::runner {

struct RunOptions;

/// The run's key-derivation profile: the recorded one, the lab's file, or the built-in one.
Result<crypto::Profile> runProfile(const RunOptions &options);

/// Names of the PIXIT items that describe one node's keys, so that CFG_NSCL (PX_...) and CFG_DG
/// (PX_DG_SC_...) read the same way.
struct KeyItems {
    QString nodeId = QStringLiteral("PX_M2M_NODE_ID");
    QString kmr = QStringLiteral("PX_KMR");
    QString kmrIndex = QStringLiteral("PX_KMR_INDEX");
    QString kmc = QStringLiteral("PX_KMC");
    QString kmcIndex = QStringLiteral("PX_KMC_INDEX");
    QString sclId = QStringLiteral("PX_SCL_ID");
};

/// The node's keys from PIXIT; errors name the item.
Result<nodes::DeviceKeys> deviceKeysFrom(const Pixit &pixit, const KeyItems &items = {});

/// The ports the embedded NSCL's secured front ends listen on (127.0.0.1).
struct SecurePorts {
    quint16 connection = 0; ///< 0: shared with `https`
    quint16 https = 0;
    quint16 coap = 0;
    quint16 coaps = 0;
    quint16 mas = 0; ///< the embedded MAS's Diameter port; 0 when the NSCL keeps Kmr itself
};

/// What the embedded NSCL is given.
struct EmbeddedSecurity {
    crypto::Profile profile;
    nodes::DeviceKeys keys; ///< the node it knows: its Kmr goes to the MAS (or the local table)
    bool useMas = true;     ///< PX_NSCL_KMR_LOOKUP
    QString tlsCiphers;
    QString dtlsCiphers;
    mid::HttpStatusProfile status;
    trace::Trace *trace = nullptr;
    QString lifeline = QStringLiteral("NSCL");
    QString peerLifeline = QStringLiteral("D/GSCL");
    bool recordMessages = false;
    /// Where the front ends listen (numeric addresses; port 0 picks one). The service connection
    /// shares the HTTPS-PSK port unless it is given its own.
    std::optional<Endpoint> connectionListen;
    Endpoint httpsListen{QStringLiteral("127.0.0.1"), 0};
    Endpoint coapListen{QStringLiteral("127.0.0.1"), 0};
    Endpoint coapsListen{QStringLiteral("127.0.0.1"), 0};
};

/// Turns on the embedded NSCL's security: a MAS (child of the NSCL) holding the node's Kmr,
/// the NSCL asking it over Diameter (or the local table), and the four secured front ends (on
/// 127.0.0.1 with ports picked by the system unless told). Call on the NSCL's thread.
Result<SecurePorts> startEmbeddedSecurity(nodes::NsclNode *nscl, const EmbeddedSecurity &config);

/// Where a named NSCL's bindings are: PIXIT addresses, else (CoAP) the target's host with the
/// default ports. Bindings that cannot be reached are listed in `missing` with the reason.
struct NsclAddresses {
    nodes::DeviceSecurityConfig security;
    QMap<nodes::MidBinding, QString> missing;
};
Result<NsclAddresses> nsclAddressesFrom(const Pixit &pixit, const QString &targetHost);

/// The emulated node's binding settings from PIXIT (binding, ciphers, CoAP limits, profile).
Result<void> applyBindingPixit(const Pixit &pixit, nodes::DeviceSecurityConfig &security,
                               const QString &bindingItem = QStringLiteral("PX_MID_BINDING"));

} // namespace m2mbench::runner
