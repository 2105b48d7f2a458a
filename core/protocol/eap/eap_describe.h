// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/event.h"

#include <QByteArray>

namespace m2mbench::eap {

/// The decoded tree of one EAP packet (with EAP-TLS flags, length and the TLS records a fragment
/// starts with), field offsets relative to `base` so that an enclosing protocol (PANA, RADIUS)
/// can place it inside its own bytes. Malformed bytes give one field saying why.
trace::Field describeEap(const QByteArray &bytes, qint32 base = 0);

} // namespace m2mbench::eap
