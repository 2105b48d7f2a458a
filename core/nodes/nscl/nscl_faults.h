// SPDX-License-Identifier: Apache-2.0
#pragma once

// Named misbehaviours the reference NSCL can be started with (docs/nscl-faults.md). Each one is
// a realistic defect of an NSCL implementation; the NSCL conformance suite must fail on every
// one of them (tests/mutation). A fault is switched on by name:
//   m2mbench-cli serve nscl --fault NAME ...       m2mbench-cli run --nscl-fault NAME ...

#include "core/common/result.h"

#include <QList>
#include <QSet>
#include <QString>

namespace m2mbench::nodes {

struct NsclFault {
    QString name;        ///< e.g. "scl-duplicate-accepted"
    QString area;        ///< the procedure it breaks: "registration", "containers", ...
    QString description; ///< what the faulty NSCL does instead of what the standard says
};

/// Every fault the reference NSCL knows, in catalogue order.
const QList<NsclFault> &nsclFaultCatalogue();

/// A set of fault names; every name must be in the catalogue.
Result<QSet<QString>> parseNsclFaults(const QStringList &names);

} // namespace m2mbench::nodes
