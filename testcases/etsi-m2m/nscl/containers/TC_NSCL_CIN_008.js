// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_008",
    title: "The NSCL deletes one content instance and moves latest back",
    purpose: "TP_NSCL_CIN_008",
    objective: "Check that a DELETE of the newest <contentInstance> is answered STATUS_OK, that " +
        "the instance is then gone, and that latest names the instance before it.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: contentInstance delete)" },
        { document: "ETSI TS 102 921", clause: "<contentInstances> latest" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx);
}

export function body(ctx) {
    addInstance(ctx, c, "kept");
    const second = addInstance(ctx, c, "deleted");
    const href = `${c.instances}/${(ctx.select(second.body, "@id") || [])[0]}`;
    ctx.expectStatus(ctx.device.remove(href), "STATUS_OK");
    ctx.expectStatus(ctx.device.retrieve(href), "STATUS_NOT_FOUND");
    const latest = ctx.device.retrieve(`${c.latest}/content`);
    ctx.expectStatus(latest, "STATUS_OK");
    ctx.expectEqual(latest.body, "kept", "latest is the remaining instance", latest);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
