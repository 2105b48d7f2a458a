// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgApps, dgPaths } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_APP_002",
    title: "The D/GSCL announces each of its applications to the NSCL",
    purpose: "TP_DG_APP_002",
    objective: "Check that the D/GSCL announces every application it has (PX_DG_APPS) by CREATE of a valid " +
        "<applicationAnnc> in <sclBase>/scls/<its SCL-ID>/applications, and that the NSCL then holds " +
        "each announcement.",
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
    const since = ctx.nscl.mark();
    const first = ctx.nscl.awaitRequest({ method: "CREATE", target: p.applications, trigger: "announce" });
    for (const app of dgApps(ctx)) {
        const deadline = Date.now() + ctx.pixit("PX_DG_SC_WAIT_MS");
        let held = ctx.nscl.retrieve(`${p.applications}/${app}`).status === "STATUS_OK";
        while (!held && Date.now() < deadline) {
            ctx.nscl.waitSeconds(0.1);
            held = ctx.nscl.retrieve(`${p.applications}/${app}`).status === "STATUS_OK";
        }
        ctx.expectTrue(held, `the NSCL holds the announcement of ${app}`, first);
    }
    for (const r of ctx.nscl.requests({ since, method: "CREATE", target: p.applications })) {
        ctx.expectValid(r, "applicationAnnc");
        ctx.expectEqual(r.status, "STATUS_CREATED", "the announcement was accepted", r);
    }
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
