// SPDX-License-Identifier: Apache-2.0
import { accessRightPaths, accessRightXml, ensureNoAccessRight, ownerPermission } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_001",
    title: "The NSCL creates an <accessRight>",
    purpose: "TP_NSCL_ACR_001",
    objective: "Check that a CREATE of an <accessRight> in the <sclBase>'s <accessRights> is answered " +
        "STATUS_CREATED with its Location and a valid representation that keeps the permissions and " +
        "selfPermissions as given, with creationTime and lastModifiedTime set by the NSCL.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: create)" },
        { document: "ETSI TS 102 921", clause: "<accessRight> (accessRight.xsd); HTTP binding" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = accessRightPaths(ctx);
    ensureNoAccessRight(ctx);
}

export function body(ctx) {
    const reader = {
        id: "reader", flags: ["READ", "DISCOVER"],
        holders: { holderRefs: [ctx.pixit("PX_OTHER_ENTITY")], sclIDs: ["gscl-bench-03"] },
    };
    const rsp = ctx.device.create(a.accessRights, accessRightXml({
        id: a.id, searchStrings: ["m2mbench"],
        permissions: [ownerPermission(ctx), reader], selfPermissions: [ownerPermission(ctx)],
    }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectHeader(rsp, "location")) {
        ctx.expectTrue(rsp.location.endsWith(a.accessRight),
            `Location names the new accessRight (${a.accessRight}); got ${rsp.location}`, rsp);
    }
    if (ctx.expectValid(rsp, "accessRight")) {
        ctx.expectEqual(ctx.select(rsp.body, "@id")[0], a.id, "id of the created <accessRight>", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "permissions/permission").length, 2,
            "the two permissions given", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "permissions/permission/permissionFlags/flag").join(","),
            "READ,WRITE,DISCOVER,DELETE,CREATE,READ,DISCOVER", "the flags given, in order", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "permissions/permission/permissionHolders/sclIDs/sclID")[0],
            "gscl-bench-03", "the sclID holder given", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "selfPermissions/permission").length, 1,
            "the one selfPermission given", rsp);
        ctx.expectTrue(ctx.select(rsp.body, "creationTime").length === 1 &&
            ctx.select(rsp.body, "lastModifiedTime").length === 1,
            "the <accessRight> carries creationTime and lastModifiedTime", rsp);
    }
}

export function postamble(ctx) {
    ensureNoAccessRight(ctx);
}
