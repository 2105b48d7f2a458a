// SPDX-License-Identifier: Apache-2.0
import { asEntity, protectedContainer, removeProtectedContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_007",
    title: "The NSCL refuses a RETRIEVE to a requestingEntity without READ",
    purpose: "TP_NSCL_ACR_007",
    objective: "Check that a RETRIEVE of a <container> whose accessRightID gives the requestingEntity " +
        "no READ is answered STATUS_PERMISSION_DENIED with a valid <errorInfo> naming that status, " +
        "while the holder of READ gets the <container>.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: permission check)" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (permissions, READ); <errorInfo>" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let p;

export function preamble(ctx) {
    p = protectedContainer(ctx, ["CREATE"], { id: "m2mbench-acr-007" });
}

export function body(ctx) {
    const denied = ctx.device.retrieve(p.c.container, asEntity(ctx, p.other));
    ctx.expectStatus(denied, "STATUS_PERMISSION_DENIED");
    if (ctx.expectValid(denied, "errorInfo")) {
        ctx.expectEqual(ctx.select(denied.body, "statusCode")[0], "STATUS_PERMISSION_DENIED",
            "statusCode in <errorInfo>", denied);
    }
    const allowed = ctx.device.retrieve(p.c.container);
    ctx.expectStatus(allowed, "STATUS_OK");
    ctx.expectValid(allowed, "container");
}

export function postamble(ctx) {
    removeProtectedContainer(ctx, p);
}
