// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, awaitRegistered, dgPaths, namesOwnScl } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_011",
    title: "The D/GSCL deregisters by DELETE of its <scl>",
    purpose: "TP_DG_REG_011",
    objective: "Check that the D/GSCL deregisters by DELETE of its own <scl> on the NSCL with its SCL-ID as " +
        "requestingEntity, that the NSCL then holds no registration for it, and that no refresh of it " +
        "follows.",
    references: [
        { document: TS102690, clause: "9.3.2.6" },
        { document: TS102921, clause: "<scl> resource, DELETE" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_DEREGISTRATION",
    pixit: ["PX_DG_SC_SCL_ID", "PX_DG_REG_QUIET_MS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const r = awaitRegistered(ctx);
    const d = ctx.nscl.awaitRequest({ since: r.n, method: "DELETE", target: p.scl, trigger: "deregister" });
    ctx.expectEqual(d.target.replace(/\/+$/, ""), p.scl, "the DELETE names the node's own <scl>", d);
    ctx.expectTrue(namesOwnScl(ctx, d.requestingEntity), `requestingEntity '${d.requestingEntity}' is the node's SCL-ID`, d);
    ctx.expectEqual(d.status, "STATUS_OK", "the bench NSCL deregistered it", d);
    ctx.expectEqual(ctx.nscl.registered().registered, false, "the bench NSCL holds no <scl> of the node", d);
    ctx.nscl.waitSeconds(ctx.pixit("PX_DG_REG_QUIET_MS") / 1000);
    const later = ctx.nscl.requests({ since: d.n, target: p.scl });
    ctx.expectEqual(later.length, 0, "nothing more about the deregistered <scl> (no refresh)", later[0] || d);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
