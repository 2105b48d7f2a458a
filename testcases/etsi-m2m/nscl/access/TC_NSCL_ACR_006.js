// SPDX-License-Identifier: Apache-2.0
import { M2M_NS, accessRightPaths, accessRightXml, ensureNoAccessRight, ownerPermission } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_006",
    title: "The NSCL refuses invalid <accessRight> representations",
    purpose: "TP_NSCL_ACR_006",
    objective: "Check that a CREATE of an <accessRight> without the mandatory <selfPermissions>, with " +
        "a flag that is not a PermissionFlagType, in the wrong namespace, with an unknown element, " +
        "or as malformed XML is answered STATUS_BAD_REQUEST with a valid <errorInfo>, and that no " +
        "<accessRight> is created.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: create)" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (selfPermissions, PermissionFlagType)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = accessRightPaths(ctx);
    ensureNoAccessRight(ctx);
}

export function body(ctx) {
    const good = accessRightXml({ id: a.id, permissions: [ownerPermission(ctx)], selfPermissions: [ownerPermission(ctx)] });
    const cases = [
        ["no <selfPermissions>", accessRightXml({ id: a.id, permissions: [ownerPermission(ctx)], selfPermissions: null })],
        ["the flag EXECUTE", accessRightXml({ id: a.id, selfPermissions: [{ flags: ["EXECUTE"], holders: { all: true } }] })],
        ["the wrong namespace", good.replace(`xmlns:m2m="${M2M_NS}"`, 'xmlns:m2m="http://uri.etsi.org/m2m/1.0"')],
        ["an unknown element", good.replace("</m2m:accessRight>", "<m2m:owner>me</m2m:owner></m2m:accessRight>")],
        ["malformed XML", good.replace("</m2m:accessRight>", "</m2m:accessRigh>")],
    ];
    for (const [what, xml] of cases) {
        const rsp = ctx.device.create(a.accessRights, xml);
        ctx.log(`CREATE with ${what}`);
        ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
        ctx.expectValid(rsp, "errorInfo");
    }
    ctx.expectStatus(ctx.device.retrieve(a.accessRight), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureNoAccessRight(ctx);
}
