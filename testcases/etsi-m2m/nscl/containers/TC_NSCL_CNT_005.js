// SPDX-License-Identifier: Apache-2.0
import { ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CNT_005",
    title: "The NSCL deletes a <container>",
    purpose: "TP_NSCL_CNT_005",
    objective: "Check that a DELETE of a <container> is answered STATUS_OK, that the container is " +
        "then gone (STATUS_NOT_FOUND with an <errorInfo>) and no longer named in <containers>.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: delete)" },
        { document: "ETSI TS 102 921", clause: "<container>, DELETE" },
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
    ctx.expectStatus(ctx.device.remove(c.container), "STATUS_OK");
    const gone = ctx.device.retrieve(c.container);
    ctx.expectStatus(gone, "STATUS_NOT_FOUND");
    ctx.expectValid(gone, "errorInfo");
    const all = ctx.device.retrieve(c.containers);
    ctx.expectStatus(all, "STATUS_OK");
    const ids = ctx.select(all.body, "containerCollection/namedReference/@id") || [];
    ctx.expectTrue(!ids.includes(c.id), `<containers> no longer names ${c.id}`, all);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
