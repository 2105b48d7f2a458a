// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgApps, dgPaths, namesOwnScl } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_DAT_007",
    title: "The D/GSCL posts its data over CoAP over DTLS-PSK as its own SCL",
    purpose: "TP_DG_DAT_007",
    objective: "Check that the D/GSCL, using CoAP over DTLS keyed by Kmc, posts a valid <contentInstance> " +
        "into its application's container with the RequestingEntity naming its own SCL, and that the " +
        "NSCL accepts it on the secured binding.",
    references: [
        { document: TS102690, clause: "9.3.2 (container management: contentInstance create)" },
        { document: TS102921, clause: "<contentInstance> (contentInstance.xsd)" },
        { document: TS102690, clause: "8.5" },
        { document: TS102921, clause: "annex D (CoAP binding)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_DATA && PICS_DG_COAPS",
    pixit: ["PX_DG_APPS", "PX_DG_DATA_CONTENT", "PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const app = dgApps(ctx)[0];
    const i = ctx.nscl.awaitRequest({ method: "CREATE", target: `${p.containers}/${app}/contentInstances`, trigger: "data", app,
        content: ctx.pixit("PX_DG_DATA_CONTENT"), binding: "coaps" });
    ctx.expectEqual(i.binding, "coaps", "the data came over CoAP over DTLS", i);
    ctx.expectTrue(namesOwnScl(ctx, i.requestingEntity), `RequestingEntity '${i.requestingEntity}' is the node's SCL-ID`, i);
    ctx.expectValid(i, "contentInstance");
    ctx.expectEqual(i.status, "STATUS_CREATED", "the bench NSCL stored it", i);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
