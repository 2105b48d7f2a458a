// SPDX-License-Identifier: Apache-2.0
#include "core/runner/runner.h"

#include <QJsonArray>

namespace m2mbench::runner {

namespace {

QJsonArray strings(const QStringList &list) {
    return QJsonArray::fromStringList(list);
}

QStringList strings(const QJsonValue &value) {
    QStringList out;
    for (const QJsonValue &v : value.toArray()) {
        out.append(v.toString());
    }
    return out;
}

} // namespace

QJsonObject RunOptions::toJson() const {
    return QJsonObject{
        {QStringLiteral("only"), strings(only)},
        {QStringLiteral("target"), target},
        {QStringLiteral("pixitFile"), pixitFile},
        {QStringLiteral("picsFile"), picsFile},
        {QStringLiteral("pixitOverrides"), strings(pixitOverrides)},
        {QStringLiteral("xsdDir"), xsdDir},
        {QStringLiteral("profileFile"), profileFile},
        {QStringLiteral("noPics"), noPics},
        {QStringLiteral("nsclFaults"), strings(nsclFaults)},
        {QStringLiteral("statusDeleted"), binding.status.deleted},
        {QStringLiteral("statusExpired"), binding.status.expired},
        {QStringLiteral("requestingEntitySecret"), binding.requestingEntitySecret},
        {QStringLiteral("testCaseHeader"), QString::fromLatin1(binding.testCaseHeader)},
    };
}

RunOptions RunOptions::fromJson(const QJsonObject &json) {
    RunOptions o;
    o.only = strings(json.value(QStringLiteral("only")));
    o.target = json.value(QStringLiteral("target")).toString();
    o.pixitFile = json.value(QStringLiteral("pixitFile")).toString();
    o.picsFile = json.value(QStringLiteral("picsFile")).toString();
    o.pixitOverrides = strings(json.value(QStringLiteral("pixitOverrides")));
    o.xsdDir = json.value(QStringLiteral("xsdDir")).toString();
    o.profileFile = json.value(QStringLiteral("profileFile")).toString();
    o.noPics = json.value(QStringLiteral("noPics")).toBool();
    o.nsclFaults = strings(json.value(QStringLiteral("nsclFaults")));
    o.binding.status.deleted = json.value(QStringLiteral("statusDeleted")).toInt(410);
    o.binding.status.expired = json.value(QStringLiteral("statusExpired")).toInt(410);
    o.binding.requestingEntitySecret =
        json.value(QStringLiteral("requestingEntitySecret")).toString(QStringLiteral("secret"));
    o.binding.testCaseHeader = json.value(QStringLiteral("testCaseHeader"))
                                   .toString(QStringLiteral("X-M2MBench-TestCase"))
                                   .toLatin1();
    return o;
}

} // namespace m2mbench::runner
