// SPDX-License-Identifier: Apache-2.0
import { anncXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ANN_015",
    title: "An announced location container is listed as one",
    purpose: "TP_NSCL_ANN_015",
    objective: "Check that a <locationContainerAnnc> created in an <scl>'s containers is answered " +
        "STATUS_CREATED with a valid representation and listed in locationContainerAnncCollection, not " +
        "among the announced containers.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce; location containers)" },
        { document: "ETSI TS 102 921", clause: "<locationContainerAnnc>; containers.xsd (locationContainerAnncCollection)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_CONTAINERS && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_STEP_TIMEOUT_MS"],
};

let s;

export function preamble(ctx) {
    s = sclPaths(ctx);
    ensureRegistered(ctx);
    ensureGone(ctx, `${s.containers}/m2mbench-where`);
}

export function body(ctx) {
    const rsp = ctx.device.create(s.containers,
        anncXml("locationContainerAnnc", { id: "m2mbench-where", link: s.original("containers/m2mbench-where") }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    ctx.expectValid(rsp, "locationContainerAnnc");
    const all = ctx.device.retrieve(s.containers);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "containers")) {
        const loc = ctx.select(all.body, "locationContainerAnncCollection/namedReference/@id") || [];
        const plain = ctx.select(all.body, "containerAnncCollection/namedReference/@id") || [];
        ctx.expectTrue(loc.includes("m2mbench-where"), `locationContainerAnncCollection names it; names [${loc}]`, all);
        ctx.expectTrue(!plain.includes("m2mbench-where"), `containerAnncCollection does not; names [${plain}]`, all);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, `${s.containers}/m2mbench-where`);
}
