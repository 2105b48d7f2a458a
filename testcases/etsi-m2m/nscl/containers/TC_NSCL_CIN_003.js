// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_003",
    title: "The NSCL's latest and oldest name the newest and the first content instance",
    purpose: "TP_NSCL_CIN_003",
    objective: "Check that after three CREATEs in <contentInstances>, RETRIEVE of latest answers " +
        "the third instance and RETRIEVE of oldest the first, and that the collection's latest and " +
        "oldest references agree.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: latest, oldest)" },
        { document: "ETSI TS 102 921", clause: "<contentInstances> latest, oldest (contentInstances.xsd)" },
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
    const ids = ["first", "second", "third"].map((t) => {
        const r = addInstance(ctx, c, t);
        return ctx.select(r.body, "@id")[0];
    });
    const latest = ctx.device.retrieve(`${c.latest}/content`);
    ctx.expectStatus(latest, "STATUS_OK");
    ctx.expectEqual(latest.body, "third", "latest is the newest instance", latest);
    const oldest = ctx.device.retrieve(`${c.oldest}/content`);
    ctx.expectStatus(oldest, "STATUS_OK");
    ctx.expectEqual(oldest.body, "first", "oldest is the first instance", oldest);
    const all = ctx.device.retrieve(c.instances);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "contentInstances")) {
        ctx.expectEqual(ctx.select(all.body, "latest/@id")[0], ids[2], "latest names the third", all);
        ctx.expectEqual(ctx.select(all.body, "oldest/@id")[0], ids[0], "oldest names the first", all);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
