// SPDX-License-Identifier: Apache-2.0
#include "core/runner/pixit.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace m2mbench::runner {

namespace {

Result<QJsonObject> readJsonObject(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(Error::Kind::Config,
                    QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(4 * 1024 * 1024), &err);
    if (err.error != QJsonParseError::NoError) {
        return fail(Error::Kind::Config, QStringLiteral("%1: invalid JSON at offset %2: %3")
                                             .arg(path)
                                             .arg(err.offset)
                                             .arg(err.errorString()));
    }
    if (!doc.isObject()) {
        return fail(Error::Kind::Config, QStringLiteral("%1: expected a JSON object").arg(path));
    }
    return doc.object();
}

} // namespace

Result<void> Pixit::loadProforma(const QString &path) {
    auto obj = readJsonObject(path);
    if (!obj) {
        return fail(obj.error());
    }
    const QJsonArray items = obj->value(QStringLiteral("items")).toArray();
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        PixitItem item;
        item.id = o.value(QStringLiteral("id")).toString();
        item.description = o.value(QStringLiteral("description")).toString();
        item.type = o.value(QStringLiteral("type")).toString(QStringLiteral("string"));
        if (item.id.isEmpty()) {
            return fail(Error::Kind::Config, QStringLiteral("%1: an item has no id").arg(path));
        }
        if (item.type != u"string" && item.type != u"integer" && item.type != u"boolean") {
            return fail(
                Error::Kind::Config,
                QStringLiteral("%1: item %2 has unknown type '%3'").arg(path, item.id, item.type));
        }
        auto def = convert(item, o.value(QStringLiteral("default")).toVariant());
        if (!def) {
            return fail(def.error().wrap(path));
        }
        item.defaultValue = *def;
        m_items.insert(item.id, item);
    }
    return {};
}

Result<void> Pixit::loadValues(const QString &path) {
    auto obj = readJsonObject(path);
    if (!obj) {
        return fail(obj.error());
    }
    for (auto it = obj->begin(); it != obj->end(); ++it) {
        const auto item = m_items.find(it.key());
        if (item == m_items.end()) {
            return fail(Error::Kind::Config,
                        QStringLiteral("%1: unknown PIXIT item %2").arg(path, it.key()));
        }
        auto v = convert(*item, it.value().toVariant());
        if (!v) {
            return fail(v.error().wrap(path));
        }
        m_values.insert(it.key(), *v);
    }
    return {};
}

Result<void> Pixit::set(const QString &id, const QString &text) {
    const auto item = m_items.find(id);
    if (item == m_items.end()) {
        return fail(Error::Kind::Config, QStringLiteral("unknown PIXIT item %1").arg(id));
    }
    auto v = convert(*item, text);
    if (!v) {
        return fail(v.error());
    }
    m_values.insert(id, *v);
    return {};
}

Result<void> Pixit::setValue(const QString &id, const QVariant &value) {
    const auto item = m_items.find(id);
    if (item == m_items.end()) {
        return fail(Error::Kind::Config, QStringLiteral("unknown PIXIT item %1").arg(id));
    }
    auto v = convert(*item, value);
    if (!v) {
        return fail(v.error());
    }
    m_values.insert(id, *v);
    return {};
}

Result<QVariant> Pixit::convert(const PixitItem &item, const QVariant &raw) const {
    if (item.type == u"integer") {
        bool ok = false;
        const qlonglong n = raw.typeId() == QMetaType::QString ? raw.toString().toLongLong(&ok)
                                                               : raw.toLongLong(&ok);
        if (!ok ||
            (raw.typeId() == QMetaType::Double && raw.toDouble() != static_cast<double>(n))) {
            return fail(Error::Kind::Config, QStringLiteral("PIXIT %1 must be an integer, not '%2'")
                                                 .arg(item.id, raw.toString()));
        }
        return QVariant(n);
    }
    if (item.type == u"boolean") {
        const QString s = raw.toString().toLower();
        if (raw.typeId() == QMetaType::Bool || s == u"true" || s == u"false") {
            return QVariant(raw.typeId() == QMetaType::Bool ? raw.toBool() : s == u"true");
        }
        return fail(Error::Kind::Config, QStringLiteral("PIXIT %1 must be true or false, not '%2'")
                                             .arg(item.id, raw.toString()));
    }
    if (!raw.canConvert<QString>() || raw.typeId() == QMetaType::QVariantMap ||
        raw.typeId() == QMetaType::QVariantList) {
        return fail(Error::Kind::Config, QStringLiteral("PIXIT %1 must be a string").arg(item.id));
    }
    return QVariant(raw.toString());
}

QVariant Pixit::value(const QString &id) const {
    if (auto it = m_values.find(id); it != m_values.end()) {
        return *it;
    }
    if (auto it = m_items.find(id); it != m_items.end()) {
        return it->defaultValue;
    }
    return {};
}

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

QVariantMap Pixit::applied() const {
    QVariantMap out;
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        out.insert(it.key(), value(it.key()));
    }
    return out;
}

} // namespace m2mbench::runner
