// SPDX-License-Identifier: Apache-2.0
import { asEntity, containerXml, protectedContainer, removeProtectedContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_008",
    title: "The NSCL refuses an UPDATE to a requestingEntity without WRITE",
    purpose: "TP_NSCL_ACR_008",
    objective: "Check that an UPDATE of a <container> by a requestingEntity that holds READ but not " +
        "WRITE is answered STATUS_PERMISSION_DENIED and changes nothing, and that the same UPDATE " +
        "by the holder of WRITE is answered STATUS_OK.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: permission check)" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (permissions, WRITE)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let p;

export function preamble(ctx) {
    p = protectedContainer(ctx, ["READ"], { id: "m2mbench-acr-008", maxNrOfInstances: 5 });
}

export function body(ctx) {
    const update = containerXml({ accessRightID: p.a.accessRight, maxNrOfInstances: 9 });
    const denied = ctx.device.update(p.c.container, update, asEntity(ctx, p.other));
    ctx.expectStatus(denied, "STATUS_PERMISSION_DENIED");
    ctx.expectValid(denied, "errorInfo");
    const kept = ctx.device.retrieve(p.c.container, asEntity(ctx, p.other));
    ctx.expectStatus(kept, "STATUS_OK");
    ctx.expectEqual(ctx.select(kept.body, "maxNrOfInstances")[0], "5",
        "the refused UPDATE left maxNrOfInstances as it was", kept);
    ctx.expectStatus(ctx.device.update(p.c.container, update), "STATUS_OK");
}

export function postamble(ctx) {
    removeProtectedContainer(ctx, p);
}
