// SPDX-License-Identifier: Apache-2.0
#pragma once

// What a run's live capture listens to: the SUT's addresses and ports, the capture filter that
// keeps everything else out, and the interface that faces the SUT.

#include "core/common/result.h"
#include "core/trace/frame_index.h"

#include <QList>
#include <QString>

namespace m2mbench::trace {

/// One address and port the run talks to.
struct CaptureEndpoint {
    QString scheme;  ///< "http", "coap", "pana", ...
    QString host;    ///< as named
    QString address; ///< resolved numeric address (what the filter and the export use)
    quint16 port = 0;
    Transport transport = Transport::Tcp;

    friend bool operator==(const CaptureEndpoint &, const CaptureEndpoint &) = default;
};

/// The endpoints named by URLs in the run's target descriptions ("embedded reference NSCL at
/// http://127.0.0.1:40123/m2m; coap://..."). Schemes give transport and default port: http
/// 80/tcp, https 443/tcp, coap 5683/udp, coaps 5684/udp, pana 716/udp, diameter 3868/tcp,
/// radius 1812/udp. Host names are resolved once, here.
QList<CaptureEndpoint> endpointsFromTargets(const QString &targets);

/// A libpcap filter that admits only traffic to and from the endpoints, e.g.
/// "(host 127.0.0.1 and tcp port 40123)"; empty when there are none.
QString captureFilterFor(const QList<CaptureEndpoint> &endpoints);

/// The local address the kernel would send from to reach `address` (asked without sending
/// anything); empty when there is no route.
QString localAddressFacing(const QString &address);

/// The capture interface facing `address`: the loopback interface for a loopback address,
/// else the interface holding the local address the kernel routes from (found without sending
/// anything). The error says how to name one by hand.
Result<QString> interfaceFacing(const QString &address);

} // namespace m2mbench::trace
