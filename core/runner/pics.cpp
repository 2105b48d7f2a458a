// SPDX-License-Identifier: Apache-2.0
#include "core/runner/pics.h"

#include <QJSEngine>
#include <QRegularExpression>

namespace m2mbench::runner {

Result<Selection> Pics::evaluate(const QString &predicate) const {
    Selection sel;
    if (predicate.trimmed().isEmpty()) {
        sel.reason = QStringLiteral("no PICS predicate");
        return sel;
    }
    static const QRegularExpression idRe(QStringLiteral("\\bPICS_[A-Za-z0-9_]+\\b"));
    QStringList used;
    for (auto it = idRe.globalMatch(predicate); it.hasNext();) {
        const QString id = it.next().captured(0);
        if (!contains(id)) {
            return fail(
                Error::Kind::Config,
                QStringLiteral("predicate '%1' names unknown PICS item %2").arg(predicate, id));
        }
        if (!used.contains(id)) {
            used.append(id);
        }
    }
    QJSEngine engine;
    const QVariantMap answers = applied();
    for (auto it = answers.cbegin(); it != answers.cend(); ++it) {
        engine.globalObject().setProperty(it.key(), engine.toScriptValue(it.value()));
    }
    const QJSValue result = engine.evaluate(predicate);
    if (result.isError() || !result.isBool()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("PICS predicate '%1' is not a boolean expression: %2")
                        .arg(predicate, result.toString()));
    }
    sel.selected = result.toBool();
    QStringList values;
    for (const QString &id : used) {
        values.append(id + QLatin1Char('=') + value(id).toString());
    }
    sel.reason = predicate + QStringLiteral(": ") + values.join(QStringLiteral(", "));
    return sel;
}

} // namespace m2mbench::runner
