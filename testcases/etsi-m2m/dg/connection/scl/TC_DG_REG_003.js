// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, awaitRegistered, dgPaths, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_003",
    title: "A D/GSCL already registered takes up its registration on STATUS_CONFLICT",
    purpose: "TP_DG_REG_003",
    objective: "Check that when the NSCL already holds the D/GSCL's <scl> (an earlier life of the node) and " +
        "answers its CREATE with STATUS_CONFLICT, the node does not create it again but reads and " +
        "updates its existing <scl> (a valid <scl> with a new expirationTime), and stays registered.",
    references: [
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "<scl> resource (scl.xsd)" },
        { document: TS102690, clause: "9.3.2.6.4" },
        { document: TS102921, clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_REG_CONFLICT",
    pixit: ["PX_DG_SC_SCL_ID", "PX_DG_REG_QUIET_MS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
    awaitRegistered(ctx); // the node's earlier life
    ctx.nscl.reset({ keepRegistrations: true });
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const c = ctx.nscl.awaitRequest(registrationFilter(ctx, { trigger: "register" }));
    ctx.expectEqual(c.status, "STATUS_CONFLICT", "the bench NSCL answered the CREATE with STATUS_CONFLICT", c);
    const u = ctx.nscl.awaitRequest({ since: c.n, method: "UPDATE", target: p.scl, trigger: "none" });
    if (ctx.expectValid(u, "scl")) {
        const exp = (ctx.select(u.body, "expirationTime") || [])[0];
        ctx.expectTrue(exp !== undefined && Date.parse(exp) > Date.now(), `the update sets expirationTime '${exp}' ahead`, u);
    }
    ctx.expectEqual(u.status, "STATUS_OK", "the bench NSCL accepted the update", u);
    ctx.nscl.waitSeconds(ctx.pixit("PX_DG_REG_QUIET_MS") / 1000);
    const again = ctx.nscl.requests(registrationFilter(ctx, { since: c.n }));
    ctx.expectEqual(again.length, 0, "no second CREATE of the <scl> after STATUS_CONFLICT", again[0] || u);
    ctx.expectTrue(ctx.nscl.registered().registered, "the node is still registered", u);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
