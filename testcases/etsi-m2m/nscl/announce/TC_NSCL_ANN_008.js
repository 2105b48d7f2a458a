// SPDX-License-Identifier: Apache-2.0
import { anncXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";
import { containerXml, ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ANN_008",
    title: "An announced container is listed apart from the containers",
    purpose: "TP_NSCL_ANN_008",
    objective: "Check that a <containerAnnc> created in an <scl>'s containers beside a <container> is " +
        "answered STATUS_CREATED, and that the <containers> representation lists it in " +
        "containerAnncCollection and the container in containerCollection, each only there.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce; container management)" },
        { document: "ETSI TS 102 921", clause: "<containers> (containers.xsd: containerCollection, containerAnncCollection)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_CONTAINERS && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_STEP_TIMEOUT_MS"],
};

let s;

export function preamble(ctx) {
    s = sclPaths(ctx);
    ensureRegistered(ctx);
    ensureGone(ctx, `${s.containers}/m2mbench-annc-c`);
    ensureGone(ctx, `${s.containers}/m2mbench-local-c`);
    ctx.expectStatus(ctx.device.create(s.containers, containerXml({ id: "m2mbench-local-c" })), "STATUS_CREATED");
}

export function body(ctx) {
    const rsp = ctx.device.create(s.containers,
        anncXml("containerAnnc", { id: "m2mbench-annc-c", link: s.original("containers/m2mbench-annc-c") }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    ctx.expectValid(rsp, "containerAnnc");
    const all = ctx.device.retrieve(s.containers);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "containers")) {
        const annc = ctx.select(all.body, "containerAnncCollection/namedReference/@id") || [];
        const local = ctx.select(all.body, "containerCollection/namedReference/@id") || [];
        ctx.expectTrue(annc.includes("m2mbench-annc-c") && !annc.includes("m2mbench-local-c"),
            `containerAnncCollection names the announced container only; names [${annc}]`, all);
        ctx.expectTrue(local.includes("m2mbench-local-c") && !local.includes("m2mbench-annc-c"),
            `containerCollection names the container only; names [${local}]`, all);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, `${s.containers}/m2mbench-annc-c`);
    ensureGone(ctx, `${s.containers}/m2mbench-local-c`);
}
