// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, awaitRegistered, dgPaths, expectRegistrationRequest, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_010",
    title: "A D/GSCL whose refresh finds no registration registers again",
    purpose: "TP_DG_REG_010",
    objective: "Check that when the NSCL has forgotten the D/GSCL's <scl> (expired or removed) and answers " +
        "its refresh with STATUS_NOT_FOUND, the node registers afresh with a valid <scl> and is " +
        "registered again.",
    references: [
        { document: TS102690, clause: "9.3.2.6.4" },
        { document: TS102690, clause: "9.3.2.6.2" },
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
    ctx.nscl.dropRegistration();
    const u = ctx.nscl.awaitRequest({ since: r.n, method: "UPDATE", target: p.scl, trigger: "none", timeoutMs: (grant + 2) * 1000 });
    ctx.expectEqual(u.status, "STATUS_NOT_FOUND", "the bench NSCL no longer knew the node at its refresh", u);
    const again = ctx.nscl.awaitRequest(registrationFilter(ctx, { since: u.n, trigger: "none" }));
    expectRegistrationRequest(ctx, again);
    ctx.expectEqual(again.status, "STATUS_CREATED", "the new registration was accepted", again);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
