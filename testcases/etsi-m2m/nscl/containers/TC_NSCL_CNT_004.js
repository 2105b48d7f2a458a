// SPDX-License-Identifier: Apache-2.0
import { containerXml, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CNT_004",
    title: "The NSCL updates a <container>'s attributes and its lastModifiedTime",
    purpose: "TP_NSCL_CNT_004",
    objective: "Check that an UPDATE of a <container> with new searchStrings and maxNrOfInstances " +
        "is answered STATUS_OK, that a following RETRIEVE shows the new values, and that " +
        "lastModifiedTime moved forward while creationTime did not.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: update)" },
        { document: "ETSI TS 102 921", clause: "<container> (container.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { searchStrings: ["before"], maxNrOfInstances: 3 });
}

export function body(ctx) {
    const before = ctx.device.retrieve(c.container);
    ctx.expectStatus(before, "STATUS_OK");
    ctx.sleep(20); // so that a new lastModifiedTime differs at millisecond precision
    const upd = ctx.device.update(c.container,
        containerXml({ searchStrings: ["after"], maxNrOfInstances: 7 }));
    ctx.expectStatus(upd, "STATUS_OK");
    const after = ctx.device.retrieve(c.container);
    ctx.expectStatus(after, "STATUS_OK");
    if (ctx.expectValid(after, "container")) {
        ctx.expectEqual(ctx.select(after.body, "searchStrings/searchString").join(","), "after",
            "searchStrings after the UPDATE", after);
        ctx.expectEqual(ctx.select(after.body, "maxNrOfInstances")[0], "7",
            "maxNrOfInstances after the UPDATE", after);
        ctx.expectEqual(ctx.select(after.body, "creationTime")[0],
            ctx.select(before.body, "creationTime")[0], "creationTime is unchanged", after);
        const t0 = Date.parse(ctx.select(before.body, "lastModifiedTime")[0]);
        const t1 = Date.parse(ctx.select(after.body, "lastModifiedTime")[0]);
        ctx.expectTrue(t1 > t0, `lastModifiedTime moved forward (${ctx.select(before.body,
            "lastModifiedTime")[0]} -> ${ctx.select(after.body, "lastModifiedTime")[0]})`, after);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
