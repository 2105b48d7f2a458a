// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgApps, dgPaths, namesOwnScl } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_APP_003",
    title: "The D/GSCL de-announces an application that goes",
    purpose: "TP_DG_APP_003",
    objective: "Check that when one of its applications goes, the D/GSCL deletes its <applicationAnnc> on " +
        "the NSCL with its own SCL-ID as requestingEntity, and that the NSCL then no longer holds it.",
    references: [
        { document: TS102690, clause: "9.3.2 (announce/de-announce)" },
        { document: TS102921, clause: "<applicationAnnc> (applicationAnnc.xsd)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_APP_ANNOUNCE",
    pixit: ["PX_DG_APPS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const app = dgApps(ctx)[0];
    const a = ctx.nscl.awaitRequest({ method: "CREATE", target: p.applications, trigger: "announce" });
    ctx.expectEqual(a.status, "STATUS_CREATED", "the application was announced", a);
    const d = ctx.nscl.awaitRequest({ since: a.n, method: "DELETE", target: `${p.applications}/${app}`, trigger: "deannounce", app });
    ctx.expectTrue(namesOwnScl(ctx, d.requestingEntity), `requestingEntity '${d.requestingEntity}' is the node's SCL-ID`, d);
    ctx.expectEqual(d.status, "STATUS_OK", "the NSCL removed the announcement", d);
    ctx.expectEqual(ctx.nscl.retrieve(`${p.applications}/${app}`).status, "STATUS_NOT_FOUND", "the announcement is gone", d);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
