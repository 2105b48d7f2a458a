// SPDX-License-Identifier: Apache-2.0
#include "core/crypto/record_format.h"

#include <QJsonArray>
#include <QSet>

namespace m2mbench::crypto {

namespace {

QJsonObject valueToJson(const QString &name, const SecureBytes &value, bool secret, bool text,
                        SecretDisplay display) {
    QJsonObject json{{QStringLiteral("name"), name},
                     {QStringLiteral("length"), static_cast<qint64>(value.size())},
                     {QStringLiteral("secret"), secret}};
    if (secret && display == SecretDisplay::Masked) {
        json.insert(QStringLiteral("masked"), true);
        return json;
    }
    json.insert(QStringLiteral("hex"), value.exposeHex());
    if (text) {
        json.insert(QStringLiteral("text"), QString::fromUtf8(value.exposeBytes()));
    }
    return json;
}

void appendRecord(QString &out, const trace::KeyDerivation &record, const QString &indent,
                  SecretDisplay display) {
    const QString inner = indent + QStringLiteral("    ");
    auto line = [&](const QString &tag, const QString &text) {
        out += inner + tag.leftJustified(9) + text + QLatin1Char('\n');
    };
    out += indent + QStringLiteral("%1  [%2]\n").arg(record.name, record.id);
    line(QStringLiteral("formula"), record.formula);
    if (!record.label.isEmpty()) {
        line(QStringLiteral("label"), QStringLiteral("\"%1\"").arg(record.label));
    }
    int width = 0;
    for (const auto &input : record.inputs) {
        width = std::max(width, static_cast<int>(input.name.size()));
    }
    for (const auto &input : record.inputs) {
        line(QStringLiteral("input"),
             input.name.leftJustified(width + 2) +
                 displayValue(input.value, input.secret, input.text, display));
    }
    if (record.parents.size() > 1) {
        line(QStringLiteral("parents"), record.parents.join(u", "));
    }
    line(QStringLiteral("output"),
         QStringLiteral("%1 (%2 octets)  ").arg(record.name).arg(record.output.size()) +
             displayValue(record.output, record.outputSecret, false, display));
}

void appendSubtree(QString &out, const QList<DerivationPtr> &records, const DerivationPtr &node,
                   const QString &indent, SecretDisplay display, QSet<QString> &printed) {
    printed.insert(node->id);
    appendRecord(out, *node, indent, display);
    for (const auto &candidate : records) {
        if (!printed.contains(candidate->id) && candidate->parents.contains(node->id)) {
            appendSubtree(out, records, candidate, indent + QStringLiteral("    "), display,
                          printed);
        }
    }
}

} // namespace

QString displayValue(const SecureBytes &value, bool secret, bool text, SecretDisplay display) {
    if (secret && display == SecretDisplay::Masked) {
        return QStringLiteral("<secret, %1 octets>").arg(value.size());
    }
    if (text) {
        return QStringLiteral("\"%1\"").arg(QString::fromUtf8(value.exposeBytes()));
    }
    return value.isEmpty() ? QStringLiteral("(empty)") : value.exposeHex();
}

QString formatRecordTree(const QList<DerivationPtr> &records, SecretDisplay display) {
    QSet<QString> ids;
    for (const auto &record : records) {
        ids.insert(record->id);
    }
    QString out;
    QSet<QString> printed;
    for (const auto &record : records) {
        const bool isRoot = std::none_of(record->parents.begin(), record->parents.end(),
                                         [&](const QString &p) { return ids.contains(p); });
        if (isRoot && !printed.contains(record->id)) {
            appendSubtree(out, records, record, QString(), display, printed);
        }
    }
    return out;
}

QJsonObject recordToJson(const trace::KeyDerivation &record, SecretDisplay display) {
    QJsonArray inputs;
    for (const auto &input : record.inputs) {
        inputs.append(valueToJson(input.name, input.value, input.secret, input.text, display));
    }
    return QJsonObject{
        {QStringLiteral("id"), record.id},
        {QStringLiteral("name"), record.name},
        {QStringLiteral("formulaId"), record.formulaId},
        {QStringLiteral("formula"), record.formula},
        {QStringLiteral("label"), record.label},
        {QStringLiteral("inputs"), inputs},
        {QStringLiteral("output"),
         valueToJson(record.name, record.output, record.outputSecret, false, display)},
        {QStringLiteral("parents"), QJsonArray::fromStringList(record.parents)},
    };
}

} // namespace m2mbench::crypto
