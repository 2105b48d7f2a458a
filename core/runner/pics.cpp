// SPDX-License-Identifier: Apache-2.0
#include "core/runner/pics.h"

#include <QFile>
#include <QJSEngine>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace m2mbench::runner {

namespace {

Result<QJsonObject> readObject(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(4 * 1024 * 1024), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        return fail(Error::Kind::Config, QStringLiteral("%1: not a JSON object (%2 at offset %3)")
                                             .arg(path, err.errorString())
                                             .arg(err.offset));
    }
    return doc.object();
}

} // namespace

Result<void> Pics::loadProforma(const QString &path) {
    auto obj = readObject(path);
    if (!obj) {
        return fail(obj.error());
    }
    for (const QJsonValue &v : obj->value(QStringLiteral("items")).toArray()) {
        const QJsonObject o = v.toObject();
        PicsItem item;
        item.id = o.value(QStringLiteral("id")).toString();
        item.question = o.value(QStringLiteral("question")).toString();
        item.reference = o.value(QStringLiteral("reference")).toString();
        item.value = o.value(QStringLiteral("default")).toVariant();
        if (!item.id.startsWith(QLatin1String("PICS_"))) {
            return fail(
                Error::Kind::Config,
                QStringLiteral("%1: item id '%2' must start with PICS_").arg(path, item.id));
        }
        m_items.insert(item.id, item);
    }
    return {};
}

Result<void> Pics::loadValues(const QString &path) {
    auto obj = readObject(path);
    if (!obj) {
        return fail(obj.error());
    }
    for (auto it = obj->begin(); it != obj->end(); ++it) {
        auto item = m_items.find(it.key());
        if (item == m_items.end()) {
            return fail(Error::Kind::Config,
                        QStringLiteral("%1: unknown PICS item %2").arg(path, it.key()));
        }
        if (item->value.typeId() == QMetaType::Bool && !it.value().isBool()) {
            return fail(Error::Kind::Config,
                        QStringLiteral("%1: PICS %2 must be true or false").arg(path, it.key()));
        }
        item->value = it.value().toVariant();
    }
    return {};
}

Result<void> Pics::setValue(const QString &id, const QVariant &value) {
    auto item = m_items.find(id);
    if (item == m_items.end()) {
        return fail(Error::Kind::Config, QStringLiteral("unknown PICS item %1").arg(id));
    }
    item->value = value;
    return {};
}

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
        if (!m_items.contains(id)) {
            return fail(
                Error::Kind::Config,
                QStringLiteral("predicate '%1' names unknown PICS item %2").arg(predicate, id));
        }
        if (!used.contains(id)) {
            used.append(id);
        }
    }
    QJSEngine engine;
    for (const PicsItem &item : m_items) {
        engine.globalObject().setProperty(item.id, engine.toScriptValue(item.value));
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
        values.append(id + QLatin1Char('=') + m_items.value(id).value.toString());
    }
    sel.reason = predicate + QStringLiteral(": ") + values.join(QStringLiteral(", "));
    return sel;
}

QVariantMap Pics::applied() const {
    QVariantMap out;
    for (const PicsItem &item : m_items) {
        out.insert(item.id, item.value);
    }
    return out;
}

} // namespace m2mbench::runner
