// SPDX-License-Identifier: Apache-2.0
import { asEntity, protectedContainer, removeProtectedContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_013",
    title: "A holderRef names one requestingEntity exactly",
    purpose: "TP_NSCL_ACR_013",
    objective: "Check that a permission held by a holderRef is refused (STATUS_PERMISSION_DENIED) to " +
        "a requestingEntity that only begins with that holderRef, or differs from it in case, and " +
        "given to the entity it names.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: permission holders)" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (holderRefs, anyURI)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let p;

export function preamble(ctx) {
    p = protectedContainer(ctx, ["READ"], { id: "m2mbench-acr-013" });
}

export function body(ctx) {
    for (const impostor of [p.other + "-evil", p.other + "/applications/x", p.other.toUpperCase()]) {
        const denied = ctx.device.retrieve(p.c.container, asEntity(ctx, impostor));
        ctx.log(`RETRIEVE as '${impostor}'`);
        ctx.expectStatus(denied, "STATUS_PERMISSION_DENIED");
    }
    ctx.expectStatus(ctx.device.retrieve(p.c.container, asEntity(ctx, p.other)), "STATUS_OK");
}

export function postamble(ctx) {
    removeProtectedContainer(ctx, p);
}
