// SPDX-License-Identifier: Apache-2.0
import { accessRightXml, freshAccessRight, ensureNoAccessRight, ownerPermission } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_003",
    title: "The NSCL updates an <accessRight>'s permissions",
    purpose: "TP_NSCL_ACR_003",
    objective: "Check that an UPDATE of an <accessRight> with new permissions is answered STATUS_OK, " +
        "that a later RETRIEVE shows the new permissions, that lastModifiedTime moved on and " +
        "creationTime did not.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: update)" },
        { document: "ETSI TS 102 921", clause: "<accessRight> (accessRight.xsd), UPDATE" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = freshAccessRight(ctx);
}

export function body(ctx) {
    const before = ctx.device.retrieve(a.accessRight);
    ctx.expectStatus(before, "STATUS_OK");
    ctx.sleep(1100); // lastModifiedTime has a resolution of one second
    const writer = { id: "writer", flags: ["READ", "WRITE"], holders: { holderRefs: [ctx.pixit("PX_OTHER_ENTITY")] } };
    const rsp = ctx.device.update(a.accessRight, accessRightXml({
        permissions: [ownerPermission(ctx), writer], selfPermissions: [ownerPermission(ctx)],
    }));
    ctx.expectStatus(rsp, "STATUS_OK");
    const after = ctx.device.retrieve(a.accessRight);
    ctx.expectStatus(after, "STATUS_OK");
    if (ctx.expectValid(after, "accessRight")) {
        ctx.expectEqual(ctx.select(after.body, "permissions/permission/@id").join(","), "owner,writer",
            "the permissions are the updated ones", after);
        ctx.expectEqual(ctx.select(after.body, "permissions/permission/permissionHolders/holderRefs/holderRef")[1],
            ctx.pixit("PX_OTHER_ENTITY"), "the new holder", after);
        ctx.expectEqual(ctx.select(after.body, "creationTime")[0], ctx.select(before.body, "creationTime")[0],
            "creationTime unchanged by the UPDATE", after);
        ctx.expectTrue(ctx.select(after.body, "lastModifiedTime")[0] > ctx.select(before.body, "lastModifiedTime")[0],
            "lastModifiedTime moved on with the UPDATE", after);
    }
}

export function postamble(ctx) {
    ensureNoAccessRight(ctx);
}
