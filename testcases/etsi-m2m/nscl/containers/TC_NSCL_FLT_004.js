// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_FLT_004",
    title: "A RETRIEVE of the latest instance with metaDataOnly carries no content",
    purpose: "TP_NSCL_FLT_004",
    objective: "Check that a RETRIEVE of <contentInstances>/latest with metaDataOnly=true is answered " +
        "STATUS_OK with a valid <contentInstance> that has its contentSize but no <content>, while " +
        "without the criterion the content is there.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: retrieve with filter criteria)" },
        { document: "ETSI TS 102 921", clause: "contentInstances.xsd (metaDataOnly); contentInstance.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_FILTER_CRITERIA",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-flt004" });
    addInstance(ctx, c, "a reading worth keeping");
}

export function body(ctx) {
    const meta = ctx.device.retrieve(`${c.latest}?metaDataOnly=true`);
    ctx.expectStatus(meta, "STATUS_OK");
    if (ctx.expectValid(meta, "contentInstance")) {
        ctx.expectEqual(ctx.select(meta.body, "content").length, 0, "no <content> with metaDataOnly", meta);
        ctx.expectEqual(ctx.select(meta.body, "contentSize")[0], "23", "contentSize is still given", meta);
    }
    const full = ctx.device.retrieve(c.latest);
    ctx.expectStatus(full, "STATUS_OK");
    ctx.expectEqual(ctx.select(full.body, "content").length, 1, "the content without the criterion", full);
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-flt004");
}
