// SPDX-License-Identifier: Apache-2.0
import { asEntity, accessRightXml, ensureNoAccessRight, freshAccessRight, ownerPermission } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_012",
    title: "An <accessRight> is governed by its own selfPermissions",
    purpose: "TP_NSCL_ACR_012",
    objective: "Check that a requestingEntity that holds every flag in an <accessRight>'s permissions " +
        "but only READ in its selfPermissions may read the <accessRight> but not UPDATE or DELETE " +
        "it (STATUS_PERMISSION_DENIED), and that the <accessRight> is unchanged.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: selfPermissions)" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (selfPermissions)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let a;
let other;

export function preamble(ctx) {
    other = ctx.pixit("PX_OTHER_ENTITY");
    const all = ["READ", "WRITE", "DISCOVER", "DELETE", "CREATE"];
    a = freshAccessRight(ctx, {
        permissions: [ownerPermission(ctx), { id: "other", flags: all, holders: { holderRefs: [other] } }],
        selfPermissions: [ownerPermission(ctx), { id: "other", flags: ["READ"], holders: { holderRefs: [other] } }],
    });
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.retrieve(a.accessRight, asEntity(ctx, other)), "STATUS_OK");
    const takeover = accessRightXml({
        permissions: [{ id: "other", flags: ["READ"], holders: { all: true } }],
        selfPermissions: [{ id: "other", flags: ["READ", "WRITE", "DELETE"], holders: { holderRefs: [other] } }],
    });
    const update = ctx.device.update(a.accessRight, takeover, asEntity(ctx, other));
    ctx.expectStatus(update, "STATUS_PERMISSION_DENIED");
    ctx.expectValid(update, "errorInfo");
    const remove = ctx.device.remove(a.accessRight, asEntity(ctx, other));
    ctx.expectStatus(remove, "STATUS_PERMISSION_DENIED");
    const kept = ctx.device.retrieve(a.accessRight);
    ctx.expectStatus(kept, "STATUS_OK");
    ctx.expectEqual(ctx.select(kept.body, "permissions/permission/@id").join(","), "owner,other",
        "the refused UPDATE left the permissions as they were", kept);
}

export function postamble(ctx) {
    ensureNoAccessRight(ctx);
}
