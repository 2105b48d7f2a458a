// SPDX-License-Identifier: Apache-2.0
import { asEntity, addInstance, protectedContainer, removeProtectedContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_011",
    title: "A container's access right governs reading its content instances",
    purpose: "TP_NSCL_ACR_011",
    objective: "Check that the latest content instance of a <container> and its content are refused " +
        "(STATUS_PERMISSION_DENIED) to a requestingEntity without READ on the <container>, and " +
        "given to the holder of READ.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: permission check, parent's access right)" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (permissions, READ); contentInstance.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let p;

export function preamble(ctx) {
    p = protectedContainer(ctx, ["CREATE"], { id: "m2mbench-acr-011" });
    addInstance(ctx, p.c, "secret reading");
}

export function body(ctx) {
    for (const target of [p.c.latest, p.c.latest + "/content", p.c.instances]) {
        const denied = ctx.device.retrieve(target, asEntity(ctx, p.other));
        ctx.expectStatus(denied, "STATUS_PERMISSION_DENIED");
        ctx.expectTrue(!String(denied.body || "").includes("secret reading"),
            `no content in the refusal of ${target}`, denied);
    }
    ctx.expectStatus(ctx.device.retrieve(p.c.latest), "STATUS_OK");
}

export function postamble(ctx) {
    removeProtectedContainer(ctx, p);
}
