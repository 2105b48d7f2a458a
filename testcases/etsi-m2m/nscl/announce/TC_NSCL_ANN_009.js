// SPDX-License-Identifier: Apache-2.0
import { announceApplication, anncXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_ANN_009",
    title: "An application's container is announced below its <applicationAnnc>",
    purpose: "TP_NSCL_ANN_009",
    objective: "Check that the containersReference of an <applicationAnnc> names a collection where a " +
        "<containerAnnc> can be created (STATUS_CREATED), retrieved and found in containerAnncCollection.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce)" },
        { document: "ETSI TS 102 921", clause: "<applicationAnnc> (containersReference); <containerAnnc>" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let app;

export function preamble(ctx) {
    app = announceApplication(ctx);
}

export function body(ctx) {
    const read = ctx.device.retrieve(app);
    ctx.expectStatus(read, "STATUS_OK");
    const containers = String(ctx.select(read.body, "containersReference")[0] || "").replace(/^[a-z]+:\/\/[^/]*/, "");
    ctx.expectTrue(containers.endsWith(`${app}/containers`), `containersReference is below the <applicationAnnc>; got '${containers}'`, read);
    const link = sclPaths(ctx).original(`applications/${ctx.pixit("PX_ANNC_APP_ID")}/containers/readings`);
    const rsp = ctx.device.create(containers, anncXml("containerAnnc", { id: "readings", link }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    const one = ctx.device.retrieve(`${containers}/readings`);
    ctx.expectStatus(one, "STATUS_OK");
    if (ctx.expectValid(one, "containerAnnc")) {
        ctx.expectEqual(ctx.select(one.body, "link")[0], link, "the link of the announced container", one);
    }
    const all = ctx.device.retrieve(containers);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "containers")) {
        const ids = ctx.select(all.body, "containerAnncCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes("readings"), `containerAnncCollection names 'readings'; names [${ids}]`, all);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, app);
}
