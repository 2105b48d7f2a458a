// SPDX-License-Identifier: Apache-2.0
import { accessRightXml, freshAccessRight, ensureNoAccessRight } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_005",
    title: "The NSCL refuses a second <accessRight> with an id in use",
    purpose: "TP_NSCL_ACR_005",
    objective: "Check that a CREATE of an <accessRight> whose id names an existing one is answered " +
        "STATUS_CONFLICT with a valid <errorInfo>, and that the existing one keeps its permissions.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: create)" },
        { document: "ETSI TS 102 921", clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = freshAccessRight(ctx);
}

export function body(ctx) {
    const again = ctx.device.create(a.accessRights, accessRightXml({
        id: a.id, permissions: [{ id: "everyone", flags: ["READ"], holders: { all: true } }],
        selfPermissions: [{ id: "everyone", flags: ["READ"], holders: { all: true } }],
    }));
    ctx.expectStatus(again, "STATUS_CONFLICT");
    if (ctx.expectValid(again, "errorInfo")) {
        ctx.expectEqual(ctx.select(again.body, "statusCode")[0], "STATUS_CONFLICT",
            "statusCode in <errorInfo>", again);
    }
    const kept = ctx.device.retrieve(a.accessRight);
    ctx.expectStatus(kept, "STATUS_OK");
    ctx.expectEqual(ctx.select(kept.body, "permissions/permission/@id").join(","), "owner",
        "the refused CREATE left the permissions as they were", kept);
}

export function postamble(ctx) {
    ensureNoAccessRight(ctx);
}
