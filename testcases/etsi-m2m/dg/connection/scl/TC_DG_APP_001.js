// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgApps, dgPaths, quietList } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_APP_001",
    title: "A refused announcement is not repeated and leaves the registration alone",
    purpose: "TP_DG_APP_001",
    objective: "Check that the D/GSCL announces its application with an <applicationAnnc> valid against " +
        "applicationAnnc.xsd whose link names the application in its own <sclBase>, and that when the " +
        "NSCL refuses the announcement of the D/GSCL's first application (PX_DG_APPS) with " +
        "STATUS_FORBIDDEN, the node does not announce it again within the quiet period, does not " +
        "deregister, and stays registered.",
    references: [
        { document: TS102690, clause: "9.3.2 (announce/de-announce)" },
        { document: TS102921, clause: "<applicationAnnc> (applicationAnnc.xsd)" },
        { document: TS102921, clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_APP_ANNOUNCE",
    pixit: ["PX_DG_APPS", "PX_DG_SCL_POC", "PX_DG_REG_QUIET_MS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const app = dgApps(ctx)[0];
    ctx.nscl.answerNext({ method: "CREATE", target: p.applications, status: "STATUS_FORBIDDEN", times: 1000 });
    const since = ctx.nscl.mark();
    const a = ctx.nscl.awaitRequest({ method: "CREATE", target: p.applications, trigger: "announce" });
    ctx.expectEqual(a.status, "STATUS_FORBIDDEN", "the bench refused the announcement", a);
    if (ctx.expectValid(a, "applicationAnnc")) {
        const link = (ctx.select(a.body, "link") || [])[0] || "";
        const pocs = String(ctx.pixit("PX_DG_SCL_POC")).split(",").map((s) => s.trim());
        const id = (ctx.select(a.body, "@id") || [])[0];
        ctx.expectTrue(pocs.some((poc) => link === `${poc}/applications/${id}`),
            `link '${link}' names the application ${id} in the node's own <sclBase>`, a);
    }
    const all = quietList(ctx, { since, method: "CREATE", target: p.applications });
    const forApp = all.filter((r) => (ctx.select(r.body, "@id") || [])[0] === app);
    ctx.expectEqual(forApp.length, 1, `the refused announcement of ${app} was not repeated`, forApp[forApp.length - 1] || a);
    const dropped = ctx.nscl.requests({ since, method: "DELETE", target: p.scl });
    ctx.expectEqual(dropped.length, 0, "the node did not deregister", dropped[0] || a);
    ctx.expectTrue(ctx.nscl.registered().registered, "the node is still registered", a);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
