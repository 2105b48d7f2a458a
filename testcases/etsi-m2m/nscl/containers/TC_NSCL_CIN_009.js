// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_009",
    title: "The NSCL drops content instances older than maxInstanceAge",
    purpose: "TP_NSCL_CIN_009",
    objective: "Check that in a <container> with maxInstanceAge 1 (second), an instance is " +
        "served at once and is gone (STATUS_NOT_FOUND) two seconds later.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: maxInstanceAge)" },
        { document: "ETSI TS 102 921", clause: "<container> maxInstanceAge (container.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_CONTAINER_LIMITS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { maxInstanceAge: 1 });
}

export function body(ctx) {
    const made = addInstance(ctx, c, "short-lived");
    const href = `${c.instances}/${(ctx.select(made.body, "@id") || [])[0]}`;
    ctx.expectStatus(ctx.device.retrieve(href), "STATUS_OK");
    ctx.sleep(2200);
    ctx.expectStatus(ctx.device.retrieve(href), "STATUS_NOT_FOUND");
    const all = ctx.device.retrieve(c.instances);
    ctx.expectEqual((ctx.select(all.body, "currentNrOfInstances") || [])[0], "0",
        "no instance is left", all);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
