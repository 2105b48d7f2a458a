// SPDX-License-Identifier: Apache-2.0
import { containerPaths, containerXml, ensureNoContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CNT_001",
    title: "The NSCL creates a <container> in its <sclBase>'s <containers>",
    purpose: "TP_NSCL_CNT_001",
    objective: "Check that a CREATE of a <container> with a requested id is answered STATUS_CREATED " +
        "with a Location naming the new resource and a valid representation carrying that id, its " +
        "creationTime and a reference to its <contentInstances>.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: create)" },
        { document: "ETSI TS 102 921", clause: "<container>, <containers> (container.xsd, containers.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureNoContainer(ctx);
}

export function body(ctx) {
    const c = containerPaths(ctx);
    const rsp = ctx.device.create(c.containers, containerXml({ id: c.id, searchStrings: ["m2mbench"] }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectHeader(rsp, "location")) {
        ctx.expectTrue(rsp.location.endsWith(c.container),
            `Location names the new container (${c.container}); got ${rsp.location}`, rsp);
    }
    if (ctx.expectValid(rsp, "container")) {
        ctx.expectEqual(ctx.select(rsp.body, "@id")[0], c.id, "id of the created <container>", rsp);
        ctx.expectTrue(ctx.select(rsp.body, "creationTime").length === 1,
            "the <container> carries its creationTime", rsp);
        ctx.expectTrue(ctx.select(rsp.body, "contentInstancesReference").length === 1,
            "the <container> references its <contentInstances>", rsp);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
