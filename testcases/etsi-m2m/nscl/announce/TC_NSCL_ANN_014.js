// SPDX-License-Identifier: Apache-2.0
import { announceApplication, ensureGone } from "../../../lib/annc_xrem.js";
import { discovered, discoveryPath } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ANN_014",
    title: "Discovery finds an announced application by its searchStrings",
    purpose: "TP_NSCL_ANN_014",
    objective: "Check that a discovery with the searchString of an <applicationAnnc> (and one only it " +
        "carries) answers STATUS_OK with a valid <discovery> whose list holds the announcement's URI: " +
        "announcing is what makes a device's resources discoverable at the NSCL.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce; resource discovery)" },
        { document: "ETSI TS 102 921", clause: "<discovery> (discovery.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_DISCOVERY && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = announceApplication(ctx, { searchStrings: ["m2mbench-annc", "m2mbench-ann014"] });
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-ann014"] }));
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "discovery")) {
        const found = discovered(ctx, rsp);
        ctx.expectTrue(found.some((u) => u.endsWith(path)), `discovery lists ${path}; lists [${found}]`, rsp);
        ctx.expectEqual(found.length, 1, "only the announced application carries that searchString", rsp);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
