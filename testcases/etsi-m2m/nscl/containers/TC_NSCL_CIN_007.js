// SPDX-License-Identifier: Apache-2.0
import { addInstance, containerXml, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_007",
    title: "Deleting a <container> deletes its content instances",
    purpose: "TP_NSCL_CIN_007",
    objective: "Check that after a <container> holding instances is deleted and a container of " +
        "the same id is created again, the new container's <contentInstances> is empty.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: delete)" },
        { document: "ETSI TS 102 921", clause: "<contentInstances> currentNrOfInstances" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx);
    addInstance(ctx, c, "left behind?");
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.remove(c.container), "STATUS_OK");
    ctx.expectStatus(ctx.device.create(c.containers, containerXml({ id: c.id })), "STATUS_CREATED");
    const all = ctx.device.retrieve(c.instances);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "contentInstances")) {
        ctx.expectEqual(ctx.select(all.body, "currentNrOfInstances")[0], "0",
            "the new container holds no instance", all);
        ctx.expectEqual(ctx.select(all.body, "contentInstanceCollection/contentInstance").length, 0,
            "the collection lists no instance", all);
    }
    ctx.expectStatus(ctx.device.retrieve(c.latest), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
