// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_FLT_001",
    title: "A RETRIEVE of <contentInstances> filtered by creation time lists the instances of the window",
    purpose: "TP_NSCL_FLT_001",
    objective: "Check that with createdSince set to the second of three instances' creationTime and " +
        "createdUntil to the third's, the NSCL answers STATUS_OK with a valid <contentInstances> " +
        "whose contentInstanceCollection lists exactly the second and the third (both bounds inclusive).",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: retrieve with filter criteria)" },
        { document: "ETSI TS 102 921", clause: "contentInstances.xsd (ContentInstanceFilterCriteriaType: createdSince, createdUntil)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_FILTER_CRITERIA",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;
let ids;
let times;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-flt001" });
    for (const v of ["1", "2", "3"]) {
        addInstance(ctx, c, `reading ${v}`);
        ctx.sleep(20); // distinct creation times
    }
    const all = ctx.device.retrieve(c.instances);
    ids = ctx.select(all.body, "contentInstanceCollection/contentInstance/@id");
    times = ctx.select(all.body, "contentInstanceCollection/contentInstance/creationTime");
    ctx.expectEqual(ids.length, 3, "instances before the filtered RETRIEVE", all);
}

export function body(ctx) {
    const q = `?createdSince=${encodeURIComponent(times[1])}&createdUntil=${encodeURIComponent(times[2])}`;
    const rsp = ctx.device.retrieve(c.instances + q);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "contentInstances")) {
        ctx.expectEqual(ctx.select(rsp.body, "contentInstanceCollection/contentInstance/@id").join(" "),
            `${ids[1]} ${ids[2]}`, "the instances created in the window", rsp);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-flt001");
}
