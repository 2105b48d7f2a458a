// SPDX-License-Identifier: Apache-2.0
import { ensureNoApplication, freshApplication } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_APP_002",
    title: "The NSCL lists a registered application in <applications>",
    purpose: "TP_NSCL_APP_002",
    objective: "Check that a RETRIEVE of <applications> gives a valid collection naming the registered " +
        "application, and that a RETRIEVE of the <application> gives it back.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.8 (application registration)" },
        { document: "ETSI TS 102 921", clause: "<application> (application.xsd), <applications> (applications.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = freshApplication(ctx);
}

export function body(ctx) {
    const all = ctx.device.retrieve(a.applications);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "applications")) {
        const ids = ctx.select(all.body, "applicationCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes(a.appId), `<applications> names ${a.appId}; names [${ids}]`, all);
    }
    const one = ctx.device.retrieve(a.application);
    ctx.expectStatus(one, "STATUS_OK");
    if (ctx.expectValid(one, "application")) {
        ctx.expectEqual(ctx.select(one.body, "@appId")[0], a.appId, "appId of the retrieved application", one);
    }
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
