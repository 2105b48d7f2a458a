// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/trace/event.h"

#include <QByteArray>
#include <QHash>

namespace m2mbench::diameter {

/// Names of vendor AVPs (vendor id << 32 | code), e.g. the M2M application's AVPs from the
/// profile, so that the tree says "M2M-Node-ID" rather than "AVP 6001".
using AvpNames = QHash<quint64, QString>;

/// The decoded tree of one Diameter message, grouped AVPs expanded, key AVPs masked.
QList<trace::Field> decodeDiameter(const QByteArray &raw, const AvpNames &names = {},
                                   const QList<quint64> &secretAvps = {});

} // namespace m2mbench::diameter
