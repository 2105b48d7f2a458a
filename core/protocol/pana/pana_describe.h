// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/event.h"

#include <QByteArray>
#include <QHash>

namespace m2mbench::pana {

/// The decoded tree of one PANA message for inspectors and reports: header, flags, each AVP with
/// its value (EAP-Payload decoded as EAP with EAP-TLS and TLS records inside; vendor AVPs holding
/// XML shown as text), offsets into the UDP payload.
/// `vendorNames` names vendor AVPs ((vendor id << 16) | code -> name), e.g. the profile's
/// bootstrap parameter AVP.
QList<trace::Field> decodePana(const QByteArray &raw,
                               const QHash<quint64, QString> &vendorNames = {});

} // namespace m2mbench::pana
