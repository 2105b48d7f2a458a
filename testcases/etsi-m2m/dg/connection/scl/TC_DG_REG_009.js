// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, awaitRegistered, dgPaths } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_009",
    title: "The D/GSCL refreshes a short registration before it expires",
    purpose: "TP_DG_REG_009",
    objective: "Check that when the NSCL grants the registration only PX_DG_REG_SHORT_GRANT_S seconds, the " +
        "D/GSCL sends an UPDATE of its <scl> (valid, with an expirationTime ahead) before the grant " +
        "runs out, and is still registered after the first grant's end.",
    references: [
        { document: TS102690, clause: "9.3.2.6.4" },
        { document: TS102921, clause: "<scl> expirationTime (scl.xsd)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_REG_REFRESH",
    pixit: ["PX_DG_REG_SHORT_GRANT_S", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const grant = ctx.pixit("PX_DG_REG_SHORT_GRANT_S");
    ctx.nscl.grantLifetime(grant);
    const r = awaitRegistered(ctx);
    const u = ctx.nscl.awaitRequest({ since: r.n, method: "UPDATE", target: p.scl, trigger: "none", timeoutMs: (grant + 2) * 1000 });
    ctx.expectTrue(u.atMs < r.atMs + grant * 1000,
        `the refresh came ${u.atMs - r.atMs} ms after the registration, within the grant of ${grant} s`, u);
    if (ctx.expectValid(u, "scl")) {
        const exp = (ctx.select(u.body, "expirationTime") || [])[0];
        ctx.expectTrue(exp !== undefined && Date.parse(exp) > Date.now(), `the refresh asks for expirationTime '${exp}'`, u);
    }
    ctx.expectEqual(u.status, "STATUS_OK", "the bench NSCL accepted the refresh", u);
    ctx.nscl.waitSeconds(grant);
    ctx.expectTrue(ctx.nscl.registered().registered, "the node is still registered after the first grant ran out", u);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
