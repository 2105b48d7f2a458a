// SPDX-License-Identifier: Apache-2.0
import { discovered, discoveryPath, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_DIS_008",
    title: "Discovery by creation time",
    purpose: "TP_NSCL_DIS_008",
    objective: "Check that of two tagged containers created more than a second apart, a discovery " +
        "with createdAfter the first's creationTime lists only the second, and one with " +
        "createdBefore the second's creationTime lists only the first (the times are the NSCL's own).",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (resource discovery)" },
        { document: "ETSI TS 102 921", clause: "<discovery> (discovery.xsd); filter criteria" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_DISCOVERY && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let first;
let second;

export function preamble(ctx) {
    first = freshContainer(ctx, { id: "m2mbench-dis008-1", searchStrings: ["m2mbench-dis-t"] });
    ctx.sleep(1100); // creationTime has a resolution of one second
    second = freshContainer(ctx, { id: "m2mbench-dis008-2", searchStrings: ["m2mbench-dis-t"] });
}

export function body(ctx) {
    const t1 = ctx.select(ctx.device.retrieve(first.container).body, "creationTime")[0];
    const t2 = ctx.select(ctx.device.retrieve(second.container).body, "creationTime")[0];
    const after = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-t"], createdAfter: t1 }));
    ctx.expectStatus(after, "STATUS_OK");
    ctx.expectEqual(discovered(ctx, after).join(" "), second.container, `createdAfter ${t1} lists the second only`, after);
    const before = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-t"], createdBefore: t2 }));
    ctx.expectStatus(before, "STATUS_OK");
    ctx.expectEqual(discovered(ctx, before).join(" "), first.container, `createdBefore ${t2} lists the first only`, before);
}

export function postamble(ctx) {
    ["m2mbench-dis008-1", "m2mbench-dis008-2"].forEach((id) => ensureNoContainer(ctx, id));
}
