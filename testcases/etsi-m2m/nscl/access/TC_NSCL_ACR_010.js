// SPDX-License-Identifier: Apache-2.0
import { asEntity, protectedContainer, removeProtectedContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_010",
    title: "A container's access right governs CREATE in its <contentInstances>",
    purpose: "TP_NSCL_ACR_010",
    objective: "Check that a <contentInstances>, which has no accessRightID of its own, is governed by " +
        "its <container>'s: a CREATE of a content instance by a requestingEntity holding only READ " +
        "is answered STATUS_PERMISSION_DENIED and adds nothing, while the holder of CREATE adds one.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: permission check, parent's access right)" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (permissions, CREATE); contentInstances.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let p;

export function preamble(ctx) {
    p = protectedContainer(ctx, ["READ"], { id: "m2mbench-acr-010" });
}

export function body(ctx) {
    const denied = ctx.device.create(p.c.instances, "not allowed",
        asEntity(ctx, p.other, { contentType: "text/plain" }));
    ctx.expectStatus(denied, "STATUS_PERMISSION_DENIED");
    ctx.expectValid(denied, "errorInfo");
    const none = ctx.device.retrieve(p.c.instances);
    ctx.expectStatus(none, "STATUS_OK");
    ctx.expectEqual(ctx.select(none.body, "currentNrOfInstances")[0], "0",
        "the refused CREATE added no instance", none);
    ctx.expectStatus(ctx.device.create(p.c.instances, "allowed", { contentType: "text/plain" }),
        "STATUS_CREATED");
}

export function postamble(ctx) {
    removeProtectedContainer(ctx, p);
}
