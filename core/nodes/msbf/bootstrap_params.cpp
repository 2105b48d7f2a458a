// SPDX-License-Identifier: Apache-2.0
#include "core/nodes/msbf/bootstrap_params.h"

#include "core/common/hex.h"
#include "core/protocol/mid/resources.h"
#include "core/protocol/mid/xml.h"

namespace m2mbench::nodes {

QByteArray bootstrapParamSetXml(const BootstrapParams &params) {
    mid::XmlNode root = mid::m2mElement(QStringLiteral("bootstrapParamSet"));
    root.children.append(
        mid::m2mElement(QStringLiteral("securityM2MNodeId"), toHex(params.nodeId)));
    root.children.append(
        mid::m2mElement(QStringLiteral("securityKmrIndex"), QString::number(params.kmrIndex)));
    root.children.append(
        mid::m2mElement(QStringLiteral("securityLifetime"), mid::formatDateTime(params.lifetime)));
    if (!params.masFqdn.isEmpty()) {
        root.children.append(mid::m2mElement(QStringLiteral("securityMasFqdn"), params.masFqdn));
    }
    if (!params.sclId.isEmpty()) {
        root.children.append(mid::m2mElement(QStringLiteral("sclId"), params.sclId));
    }
    if (!params.nsclList.isEmpty()) {
        mid::XmlNode list = mid::m2mElement(QStringLiteral("sclIdList"));
        for (const QString &nscl : params.nsclList) {
            list.children.append(mid::localElement(QStringLiteral("reference"), nscl));
        }
        root.children.append(list);
    }
    return mid::writeXml(root);
}

Result<BootstrapParams> parseBootstrapParamSet(const QByteArray &xml) {
    auto bad = [](const QString &why) {
        return fail(Error::Kind::Parse, QStringLiteral("bootstrapParamSet: ") + why);
    };
    mid::XmlLimits limits;
    limits.maxBytes = 64 * 1024;
    auto doc = mid::parseXml(xml, limits);
    if (!doc) {
        return bad(doc.error().message);
    }
    if (doc->name != u"bootstrapParamSet" || doc->ns != QLatin1String(mid::kM2mNamespace)) {
        return bad(QStringLiteral("the root is <%1> in namespace '%2'").arg(doc->name, doc->ns));
    }
    if (doc->child(u"securityM2MKey") != nullptr) {
        return bad(QStringLiteral("it carries securityM2MKey: the key must never be sent"));
    }
    BootstrapParams p;
    auto nodeId = fromHex(doc->childText(u"securityM2MNodeId"));
    if (!nodeId || nodeId->size() != 16) {
        return bad(QStringLiteral("securityM2MNodeId must be 16 octets in hex"));
    }
    p.nodeId = *nodeId;
    bool ok = false;
    p.kmrIndex = doc->childText(u"securityKmrIndex").toUInt(&ok);
    if (!ok) {
        return bad(QStringLiteral("securityKmrIndex must be an unsignedInt"));
    }
    const auto lifetime = mid::parseDateTime(doc->childText(u"securityLifetime"));
    if (!lifetime) {
        return bad(QStringLiteral("securityLifetime must be an xs:dateTime"));
    }
    p.lifetime = *lifetime;
    p.masFqdn = doc->childText(u"securityMasFqdn");
    p.sclId = doc->childText(u"sclId");
    if (const mid::XmlNode *list = doc->child(u"sclIdList")) {
        for (const mid::XmlNode *ref : list->childrenNamed(u"reference")) {
            p.nsclList << ref->text;
        }
    }
    return p;
}

} // namespace m2mbench::nodes
