// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, awaitRegistered, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_002",
    title: "The D/GSCL's registration takes effect once, with its own pocs",
    purpose: "TP_DG_REG_002",
    objective: "Check that after the D/GSCL's registration the NSCL holds an <scl> for its SCL-ID whose pocs " +
        "are those the node sent, and that a node whose registration was accepted does not register " +
        "again.",
    references: [
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "<scl> resource (scl.xsd)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION",
    pixit: ["PX_DG_SC_SCL_ID", "PX_DG_REG_QUIET_MS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const since = ctx.nscl.mark();
    const r = awaitRegistered(ctx);
    const held = ctx.nscl.registered();
    ctx.expectEqual(JSON.stringify(ctx.select(held.body, "pocs/reference")),
        JSON.stringify(ctx.select(r.body, "pocs/reference")), "the NSCL's <scl> has the pocs the node sent", held);
    ctx.nscl.waitSeconds(ctx.pixit("PX_DG_REG_QUIET_MS") / 1000);
    const all = ctx.nscl.requests(registrationFilter(ctx, { since }));
    ctx.expectEqual(all.length, 1, "one registration: an accepted one is not repeated", all[all.length - 1]);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
