// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_FLT_005",
    title: "Filter criteria of a RETRIEVE all apply together",
    purpose: "TP_NSCL_FLT_005",
    objective: "Check that with contentType=text/plain and sizeFrom=5 together the NSCL lists only the " +
        "instance meeting both, of one that is text but short, one that is long but JSON, and one that " +
        "is both; and that criteria nothing meets give an empty contentInstanceCollection, not an error.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: retrieve with filter criteria)" },
        { document: "ETSI TS 102 921", clause: "contentInstances.xsd (ContentInstanceFilterCriteriaType)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_FILTER_CRITERIA",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-flt005" });
    addInstance(ctx, c, "abc");
    ctx.expectStatus(ctx.device.create(c.instances, "{\"long\": true}", { contentType: "application/json" }), "STATUS_CREATED");
    addInstance(ctx, c, "long enough");
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(`${c.instances}?contentType=${encodeURIComponent("text/plain")}&sizeFrom=5`);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "contentInstances")) {
        ctx.expectEqual(ctx.select(rsp.body, "contentInstanceCollection/contentInstance/contentSize").join(" "), "11",
            "only the long text instance", rsp);
    }
    const none = ctx.device.retrieve(`${c.instances}?sizeFrom=1000`);
    ctx.expectStatus(none, "STATUS_OK");
    if (ctx.expectValid(none, "contentInstances")) {
        ctx.expectEqual(ctx.select(none.body, "contentInstanceCollection/contentInstance").length, 0,
            "no instance meets sizeFrom=1000", none);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-flt005");
}
