// SPDX-License-Identifier: Apache-2.0
import { announceApplication, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_ANN_004",
    title: "The NSCL de-announces an application",
    purpose: "TP_NSCL_ANN_004",
    objective: "Check that a DELETE of an <applicationAnnc> is answered STATUS_OK, that a later RETRIEVE " +
        "of it is answered STATUS_NOT_FOUND and that the <scl>'s applications no longer list it. " +
        "The announcement has a name of its own per run, so that its preamble does not depend on " +
        "the de-announce under test.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (de-announce)" },
        { document: "ETSI TS 102 921", clause: "<applications> (applications.xsd: applicationAnncCollection)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;
let id;

export function preamble(ctx) {
    id = `${ctx.pixit("PX_ANNC_APP_ID")}-${Date.now().toString(36)}`;
    path = announceApplication(ctx, { id });
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.remove(path), "STATUS_OK");
    ctx.expectStatus(ctx.device.retrieve(path), "STATUS_NOT_FOUND");
    const all = ctx.device.retrieve(sclPaths(ctx).applications);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "applications")) {
        const ids = ctx.select(all.body, "applicationAnncCollection/namedReference/@id") || [];
        ctx.expectTrue(!ids.includes(id), `the de-announced application is no longer listed; listed [${ids}]`, all);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
