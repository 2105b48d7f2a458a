// SPDX-License-Identifier: Apache-2.0
#pragma once

// The application-level capture: every message of a run exactly as the bench sent or received
// it (inside TLS/DTLS: the plaintext), as a pcapng of link type 252 (LINKTYPE_WIRESHARK_UPPER_PDU)
// whose exported-PDU header names the Wireshark dissector and carries addresses and ports, with
// the bench's trace records between them as etsim2m PDUs. Opening it alone tells the story of a
// run, even when no live capture was possible.

#include "core/common/result.h"
#include "core/trace/event.h"
#include "core/trace/frame_index.h"
#include "core/trace/run_info.h"

#include <memory>
#include <vector>

namespace m2mbench::trace {

struct ExportInput {
    RunInfo info;
    std::vector<Event> events;
    /// Links into the run's live capture: real addresses and ports, and the original frame
    /// number of each message (exported-PDU tag 30). May be null.
    std::shared_ptr<const FrameIndex> liveFrames;
    /// An NSS key log to embed as a decryption secrets block (empty: none).
    QByteArray keyLog;
    /// Key values in key records (otherwise masked).
    bool showKeys = false;
};

struct ExportStats {
    qsizetype messages = 0;
    qsizetype records = 0;
};

/// Writes the export; owner-only when it carries keys.
Result<ExportStats> writePduExport(const QString &path, const ExportInput &input);

/// The Wireshark dissector for a trace protocol name: "HTTP" -> "http", "CoAP" -> "coap",
/// "PANA" -> "pana_udp" (a heuristic dissector in 4.0), "EAP" -> "eap", "RADIUS" -> "radius",
/// "Diameter" -> "diameter", "TLS" -> "tls", "DTLS" -> "dtls"; "data" for anything else.
QString wiresharkDissectorFor(const QString &protocol);

/// The transport a trace protocol runs over (for the port type tag).
Transport transportFor(const QString &protocol);

} // namespace m2mbench::trace
