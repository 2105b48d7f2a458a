// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_004",
    title: "The NSCL keeps no more than maxNrOfInstances, dropping the oldest",
    purpose: "TP_NSCL_CIN_004",
    objective: "Check that in a <container> with maxNrOfInstances 2, after three CREATEs the " +
        "<contentInstances> holds two instances (currentNrOfInstances 2), the first is gone and " +
        "oldest is now the second.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: maxNrOfInstances)" },
        { document: "ETSI TS 102 921", clause: "<container> maxNrOfInstances (container.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_CONTAINER_LIMITS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { maxNrOfInstances: 2 });
}

export function body(ctx) {
    const first = addInstance(ctx, c, "one");
    addInstance(ctx, c, "two");
    addInstance(ctx, c, "three");
    const all = ctx.device.retrieve(c.instances);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "contentInstances")) {
        ctx.expectEqual(ctx.select(all.body, "currentNrOfInstances")[0], "2",
            "currentNrOfInstances is maxNrOfInstances", all);
        ctx.expectEqual(ctx.select(all.body, "contentInstanceCollection/contentInstance").length, 2,
            "the collection lists two instances", all);
    }
    const firstId = ctx.select(first.body, "@id")[0];
    ctx.expectStatus(ctx.device.retrieve(`${c.instances}/${firstId}`), "STATUS_NOT_FOUND");
    const oldest = ctx.device.retrieve(`${c.oldest}/content`);
    ctx.expectStatus(oldest, "STATUS_OK");
    ctx.expectEqual(oldest.body, "two", "oldest is now the second instance", oldest);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
