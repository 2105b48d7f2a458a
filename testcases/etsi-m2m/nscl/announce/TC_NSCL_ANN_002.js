// SPDX-License-Identifier: Apache-2.0
import { announceApplication, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_ANN_002",
    title: "The applications of an <scl> list its announced applications",
    purpose: "TP_NSCL_ANN_002",
    objective: "Check that after an application is announced, a RETRIEVE of the <scl>'s applications is " +
        "answered STATUS_OK with a valid <applications> whose applicationAnncCollection names it.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce; collection management)" },
        { document: "ETSI TS 102 921", clause: "<applications> (applications.xsd: applicationAnncCollection)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = announceApplication(ctx);
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(sclPaths(ctx).applications);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "applications")) {
        const ids = ctx.select(rsp.body, "applicationAnncCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes(ctx.pixit("PX_ANNC_APP_ID")),
            `applicationAnncCollection names ${ctx.pixit("PX_ANNC_APP_ID")}; names [${ids}]`, rsp);
        const refs = ctx.select(rsp.body, "applicationAnncCollection/namedReference") || [];
        ctx.expectTrue(refs.some((r) => r.endsWith(path)), `a reference is the announced application's path ${path}; got [${refs}]`, rsp);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
