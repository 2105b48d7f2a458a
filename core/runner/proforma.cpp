// SPDX-License-Identifier: Apache-2.0
#include "core/runner/proforma.h"

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

const QStringList kTypes = {QStringLiteral("boolean"), QStringLiteral("integer"),
                            QStringLiteral("string"), QStringLiteral("enum")};

} // namespace

Proforma::Proforma(QString kind, QString idPrefix)
    : m_kind(std::move(kind))
    , m_prefix(std::move(idPrefix)) {}

Result<void> Proforma::loadProforma(const QString &path) {
    auto obj = readJsonObject(path);
    if (!obj) {
        return fail(obj.error());
    }
    const QString role = obj->value(QStringLiteral("role")).toString();
    for (const QJsonValue &v : obj->value(QStringLiteral("items")).toArray()) {
        const QJsonObject o = v.toObject();
        ProformaItem item;
        item.id = o.value(QStringLiteral("id")).toString();
        item.text = o.contains(QStringLiteral("question"))
                        ? o.value(QStringLiteral("question")).toString()
                        : o.value(QStringLiteral("description")).toString();
        const QJsonValue def = o.value(QStringLiteral("default"));
        // Without a declared type, the default's JSON type tells it.
        const QString inferred = def.isBool()     ? QStringLiteral("boolean")
                                 : def.isDouble() ? QStringLiteral("integer")
                                                  : QStringLiteral("string");
        item.type = o.value(QStringLiteral("type")).toString(inferred);
        for (const QJsonValue &a : o.value(QStringLiteral("allowed")).toArray()) {
            item.allowed.append(a.toString());
        }
        item.mandatory = o.value(QStringLiteral("mandatory")).toBool();
        item.reference = o.value(QStringLiteral("reference")).toString();
        item.secret = o.value(QStringLiteral("secret")).toBool();
        item.role = role;
        if (!item.id.startsWith(m_prefix)) {
            return fail(Error::Kind::Config,
                        QStringLiteral("%1: %2 item id '%3' must start with %4")
                            .arg(path, m_kind, item.id, m_prefix));
        }
        if (!kTypes.contains(item.type) || (item.type == u"enum" && item.allowed.isEmpty())) {
            return fail(Error::Kind::Config,
                        QStringLiteral("%1: item %2 has type '%3' (expected boolean, integer, "
                                       "string, or enum with \"allowed\" values)")
                            .arg(path, item.id, item.type));
        }
        auto converted = convert(item, def.toVariant());
        if (!converted) {
            return fail(converted.error().wrap(QStringLiteral("%1: the default").arg(path)));
        }
        item.defaultValue = *converted;
        m_items.insert(item.id, item);
    }
    return {};
}

Result<void> Proforma::loadValues(const QString &path) {
    auto obj = readJsonObject(path);
    if (!obj) {
        return fail(obj.error());
    }
    QStringList problems;
    for (auto it = obj->begin(); it != obj->end(); ++it) {
        const auto item = m_items.find(it.key());
        if (item == m_items.end()) {
            problems.append(QStringLiteral("unknown %1 item %2").arg(m_kind, it.key()));
            continue;
        }
        auto v = convert(*item, it.value().toVariant());
        if (!v) {
            problems.append(v.error().message);
            continue;
        }
        m_values.insert(it.key(), *v);
    }
    for (const ProformaItem &item : m_items) {
        if (item.mandatory && !obj->contains(item.id)) {
            problems.append(QStringLiteral("mandatory %1 item %2 is missing (%3)")
                                .arg(m_kind, item.id, item.text));
        }
    }
    if (!problems.isEmpty()) {
        return fail(Error::Kind::Config,
                    QStringLiteral("%1:\n  %2").arg(path, problems.join(QStringLiteral("\n  "))));
    }
    return {};
}

Result<void> Proforma::setText(const QString &id, const QString &text) {
    return setValue(id, text);
}

Result<void> Proforma::setValue(const QString &id, const QVariant &value) {
    const auto item = m_items.find(id);
    if (item == m_items.end()) {
        return fail(Error::Kind::Config, QStringLiteral("unknown %1 item %2").arg(m_kind, id));
    }
    auto v = convert(*item, value);
    if (!v) {
        return fail(v.error());
    }
    m_values.insert(id, *v);
    return {};
}

Result<QVariant> Proforma::convert(const ProformaItem &item, const QVariant &raw) const {
    const bool isText = raw.typeId() == QMetaType::QString;
    if (item.type == u"integer") {
        bool ok = false;
        const qlonglong n = isText ? raw.toString().toLongLong(&ok) : raw.toLongLong(&ok);
        if (!ok || raw.typeId() == QMetaType::Bool ||
            (raw.typeId() == QMetaType::Double && raw.toDouble() != static_cast<double>(n))) {
            return fail(Error::Kind::Config, QStringLiteral("%1 %2 must be an integer, not '%3'")
                                                 .arg(m_kind, item.id, raw.toString()));
        }
        return QVariant(n);
    }
    if (item.type == u"boolean") {
        const QString s = raw.toString().toLower();
        if (raw.typeId() == QMetaType::Bool || (isText && (s == u"true" || s == u"false"))) {
            return QVariant(raw.typeId() == QMetaType::Bool ? raw.toBool() : s == u"true");
        }
        return fail(Error::Kind::Config, QStringLiteral("%1 %2 must be true or false, not '%3'")
                                             .arg(m_kind, item.id, raw.toString()));
    }
    if (!isText) {
        return fail(Error::Kind::Config, QStringLiteral("%1 %2 must be a string, not '%3'")
                                             .arg(m_kind, item.id, raw.toString()));
    }
    if (item.type == u"enum" && !item.allowed.contains(raw.toString())) {
        return fail(
            Error::Kind::Config,
            QStringLiteral("%1 %2 must be one of %3, not '%4'")
                .arg(m_kind, item.id, item.allowed.join(QStringLiteral(", ")), raw.toString()));
    }
    return QVariant(raw.toString());
}

QVariant Proforma::value(const QString &id) const {
    if (auto it = m_values.find(id); it != m_values.end()) {
        return *it;
    }
    if (auto it = m_items.find(id); it != m_items.end()) {
        return it->defaultValue;
    }
    return {};
}

QVariantMap Proforma::applied() const {
    QVariantMap out;
    for (auto it = m_items.cbegin(); it != m_items.cend(); ++it) {
        out.insert(it.key(), value(it.key()));
    }
    return out;
}

QStringList Proforma::secretIds() const {
    QStringList out;
    for (const ProformaItem &item : m_items) {
        if (item.secret) {
            out.append(item.id);
        }
    }
    return out;
}

} // namespace m2mbench::runner
