// SPDX-License-Identifier: Apache-2.0
import { TS102690 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_DG_CONN_002",
    title: "A D/G node whose service connection is refused does not register",
    purpose: "TP_DG_CONN_002",
    objective: "Check that when the NSCL refuses the service connection (its MAS knows no valid " +
        "Kmr for the node), the D/G node sends no SCL registration over the secured binding: a " +
        "successful service connection is the prerequisite of SCL registration.",
    references: [
        { document: TS102690, clause: "8.4" },
        { document: TS102690, clause: "5.2" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SERVICE_CONNECTION",
    pixit: ["PX_DG_SC_WAIT_MS", "PX_DG_SC_QUIET_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const c = ctx.nscl.awaitConnection({ refuse: "Kmr unknown to this NSCL (refused by the test case)" });
    ctx.expectEqual(c.accepted, false, "the bench NSCL refused the service connection", c);
    const r = ctx.nscl.awaitRegistration({ timeoutMs: ctx.pixit("PX_DG_SC_QUIET_MS"), allowTimeout: true });
    ctx.expectEqual(r.arrived, false, "no mId request reached the NSCL without a service connection", r);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
