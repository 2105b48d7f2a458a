// SPDX-License-Identifier: Apache-2.0
import { asEntity, ensureNoAccessRight, ensureNoContainer, freshAccessRight, protectedContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_015",
    title: "A resource whose <accessRight> is gone is closed, not open",
    purpose: "TP_NSCL_ACR_015",
    objective: "Check that once the <accessRight> a <container>'s accessRightID names is deleted, a " +
        "RETRIEVE of the <container> by a requestingEntity that never held READ is still refused " +
        "(STATUS_PERMISSION_DENIED): a dangling accessRightID grants nothing.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: permission check)" },
        { document: "ETSI TS 102 921", clause: "accessRightID (common.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let p;

export function preamble(ctx) {
    p = protectedContainer(ctx, [], { id: "m2mbench-acr-015" });
    ctx.expectStatus(ctx.device.remove(p.a.accessRight), "STATUS_OK");
}

export function body(ctx) {
    const denied = ctx.device.retrieve(p.c.container, asEntity(ctx, p.other));
    ctx.expectStatus(denied, "STATUS_PERMISSION_DENIED");
    ctx.expectValid(denied, "errorInfo");
}

export function postamble(ctx) {
    // The container is closed to everyone now: an <accessRight> of the same name opens it again.
    freshAccessRight(ctx);
    ensureNoContainer(ctx, p.c.id);
    ensureNoAccessRight(ctx);
}
