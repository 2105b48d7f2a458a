// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, awaitRegistered, dgPaths } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_014",
    title: "The D/GSCL's registration update writes only what a registrant may write",
    purpose: "TP_DG_REG_014",
    objective: "Check that an UPDATE of its <scl> by the D/GSCL is valid against scl.xsd, names no other " +
        "sclId and carries none of the attributes the NSCL sets (creationTime, lastModifiedTime), and " +
        "that the NSCL accepts it.",
    references: [
        { document: TS102690, clause: "9.3.2.6.4" },
        { document: TS102921, clause: "<scl>: read-only attributes (scl.xsd)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_REG_REFRESH",
    pixit: ["PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const r = awaitRegistered(ctx);
    const u = ctx.nscl.awaitRequest({ since: r.n, method: "UPDATE", target: p.scl, trigger: "refresh" });
    if (ctx.expectValid(u, "scl")) {
        const id = ctx.select(u.body, "@sclId") || [];
        ctx.expectTrue(id.length === 0 || id[0] === p.sclId, `sclId of the update (${id[0] || "absent"}) is not another SCL's`, u);
        ctx.expectEqual((ctx.select(u.body, "creationTime") || []).length, 0, "no creationTime", u);
        ctx.expectEqual((ctx.select(u.body, "lastModifiedTime") || []).length, 0, "no lastModifiedTime", u);
    }
    ctx.expectEqual(u.status, "STATUS_OK", "the bench NSCL accepted the update", u);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
