// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to the MSBF: the state of one PANA session.

#include "core/nodes/msbf/msbf_node.h"

#include <QHash>

namespace m2mbench::nodes {

struct MsbfNode::Session {
    quint32 id = 0;
    QHostAddress peer;
    quint16 port = 0;
    std::unique_ptr<pana::PaaSession> pana;
    std::unique_ptr<EapBackend> eap;
    std::optional<DeviceRecord> device;
    MsbfSessionInfo info;
    QHash<quint64, quint64> requestEvents; ///< (type, seq, direction) -> trace seq
    /// Lets an asynchronous answer (the MAS's) notice that its session is gone.
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);
};

} // namespace m2mbench::nodes
