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

QVariantMap reportedPixit(const QVariantMap &applied, const QStringList &secret, bool showKeys) {
    if (showKeys) {
        return applied;
    }
    QVariantMap out = applied;
    for (const QString &id : secret) {
        const auto it = out.find(id);
        if (it != out.end() && !it->toString().isEmpty()) {
            *it = QString::fromLatin1(kMaskedValue);
        }
    }
    return out;
}

QStringList reportedAssignments(const QStringList &assignments, const QStringList &secret,
                                bool showKeys) {
    if (showKeys) {
        return assignments;
    }
    QStringList out;
    out.reserve(assignments.size());
    for (const QString &a : assignments) {
        const qsizetype eq = a.indexOf(QLatin1Char('='));
        const QString id = eq < 0 ? a : a.left(eq).trimmed();
        out.append(eq >= 0 && secret.contains(id) && eq + 1 < a.size()
                       ? a.left(eq + 1) + QString::fromLatin1(kMaskedValue)
                       : a);
    }
    return out;
}

} // namespace m2mbench::runner
