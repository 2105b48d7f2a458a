// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/event.h"

#include <QByteArray>

namespace m2mbench::radius {

/// The decoded tree of one RADIUS packet: header, attributes (EAP-Message reassembled and decoded
/// as EAP, MS-MPPE keys shown as encrypted, never decrypted here), offsets into the datagram.
QList<trace::Field> decodeRadius(const QByteArray &raw);

} // namespace m2mbench::radius
