// SPDX-License-Identifier: Apache-2.0
import { announceApplication, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_ANN_003",
    title: "The NSCL serves an announced application as announced",
    purpose: "TP_NSCL_ANN_003",
    objective: "Check that a RETRIEVE of an <applicationAnnc> is answered STATUS_OK with a valid " +
        "representation carrying the link and the searchStrings it was announced with.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce)" },
        { document: "ETSI TS 102 921", clause: "<applicationAnnc> (applicationAnnc.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = announceApplication(ctx, { searchStrings: ["m2mbench-annc", "room-12"] });
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(path);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "applicationAnnc")) {
        ctx.expectEqual(ctx.select(rsp.body, "link")[0], sclPaths(ctx).original(`applications/${ctx.pixit("PX_ANNC_APP_ID")}`),
            "the link as announced", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "searchStrings/searchString").join(" "), "m2mbench-annc room-12",
            "the searchStrings as announced", rsp);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
