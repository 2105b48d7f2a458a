// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/event.h"

namespace m2mbench::protocol {

/// The decoded tree of a message event. Nodes record raw bytes and a summary on the hot path;
/// the tree is built here when someone looks (an inspector, a report), as Wireshark dissects on
/// demand. Events that already carry fields return them unchanged.
QList<trace::Field> decodedFields(const trace::Event &event);

} // namespace m2mbench::protocol
