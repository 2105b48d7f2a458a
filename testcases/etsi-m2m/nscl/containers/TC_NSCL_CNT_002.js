// SPDX-License-Identifier: Apache-2.0
import { ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CNT_002",
    title: "The NSCL returns a created <container> and lists it in <containers>",
    purpose: "TP_NSCL_CNT_002",
    objective: "Check that a RETRIEVE of a created <container> answers STATUS_OK with a valid " +
        "representation of it, and that the <containers> collection names it in its containerCollection.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: retrieve)" },
        { document: "ETSI TS 102 921", clause: "<containers> (containers.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { searchStrings: ["m2mbench", "temperature"] });
}

export function body(ctx) {
    const got = ctx.device.retrieve(c.container);
    ctx.expectStatus(got, "STATUS_OK");
    if (ctx.expectValid(got, "container")) {
        ctx.expectEqual(ctx.select(got.body, "@id")[0], c.id, "id of the retrieved <container>", got);
        ctx.expectEqual(ctx.select(got.body, "searchStrings/searchString").join(","),
            "m2mbench,temperature", "searchStrings as created", got);
    }
    const all = ctx.device.retrieve(c.containers);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "containers")) {
        const ids = ctx.select(all.body, "containerCollection/namedReference/@id");
        ctx.expectTrue(ids.includes(c.id), `<containers> names ${c.id} (it names: ${ids.join(", ")})`, all);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
