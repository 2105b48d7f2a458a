// SPDX-License-Identifier: Apache-2.0
import { announceApplication, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_ANN_012",
    title: "An announcement ends at its expirationTime",
    purpose: "TP_NSCL_ANN_012",
    objective: "Check that an <applicationAnnc> announced with an expirationTime two seconds ahead is " +
        "served before it and answered STATUS_NOT_FOUND after it, and is no longer listed.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce; expirationTime of resources)" },
        { document: "ETSI TS 102 921", clause: "<applicationAnnc> (expirationTime)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = announceApplication(ctx, { expirationTime: ctx.dateTime(2) });
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.retrieve(path), "STATUS_OK");
    ctx.sleep(3000);
    ctx.expectStatus(ctx.device.retrieve(path), "STATUS_NOT_FOUND");
    const all = ctx.device.retrieve(sclPaths(ctx).applications);
    const ids = ctx.select(all.body, "applicationAnncCollection/namedReference/@id") || [];
    ctx.expectTrue(!ids.includes(ctx.pixit("PX_ANNC_APP_ID")), `the expired announcement is not listed; listed [${ids}]`, all);
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
