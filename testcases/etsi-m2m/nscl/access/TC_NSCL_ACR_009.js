// SPDX-License-Identifier: Apache-2.0
import { asEntity, protectedContainer, removeProtectedContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_009",
    title: "The NSCL refuses a DELETE to a requestingEntity without DELETE",
    purpose: "TP_NSCL_ACR_009",
    objective: "Check that a DELETE of a <container> by a requestingEntity that holds READ and WRITE " +
        "but not DELETE is answered STATUS_PERMISSION_DENIED and the <container> stays.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: permission check)" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (permissions, DELETE)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let p;

export function preamble(ctx) {
    p = protectedContainer(ctx, ["READ", "WRITE"], { id: "m2mbench-acr-009" });
}

export function body(ctx) {
    const denied = ctx.device.remove(p.c.container, asEntity(ctx, p.other));
    ctx.expectStatus(denied, "STATUS_PERMISSION_DENIED");
    ctx.expectValid(denied, "errorInfo");
    ctx.expectStatus(ctx.device.retrieve(p.c.container, asEntity(ctx, p.other)), "STATUS_OK");
}

export function postamble(ctx) {
    removeProtectedContainer(ctx, p);
}
