// SPDX-License-Identifier: Apache-2.0
#include "core/runner/pixit.h"

namespace m2mbench::runner {

int Pixit::intValue(const QString &id, int fallback) const {
    const QVariant v = value(id);
    bool ok = false;
    const int n = v.toInt(&ok);
    return ok ? n : fallback;
}

QString Pixit::stringValue(const QString &id, const QString &fallback) const {
    const QVariant v = value(id);
    return v.isValid() ? v.toString() : fallback;
}

} // namespace m2mbench::runner
