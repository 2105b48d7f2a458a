// SPDX-License-Identifier: Apache-2.0
import { RFC4279, TS102690 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_002",
    title: "The NSCL refuses a service connection made with a wrong Kmr",
    purpose: "TP_NSCL_CONN_002",
    objective: "Check that the NSCL does not complete the TLS-PSK handshake of a node that offers " +
        "its own identity but a key other than its Kmr: mutual authentication fails, no Kmc is " +
        "agreed.",
    references: [
        { document: TS102690, clause: "8.4" },
        { document: RFC4279, clause: "2" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SERVICE_CONNECTION",
    pixit: ["PX_NSCL_CONNECTION_ADDRESS", "PX_M2M_NODE_ID", "PX_KMR"],
};

export function preamble(ctx) {
    ctx.connection.forget(); // no Kmc from an earlier test case
}

export function body(ctx) {
    const c = ctx.connection.connect({ wrongKmr: true });
    ctx.expectEqual(c.ok, false, "no service connection with a wrong Kmr", c);
    ctx.expectEqual(c.outcome, "handshake-failed", `the handshake is refused (${c.detail})`, c);
    ctx.expectEqual(ctx.connection.current(), null, "no Kmc was agreed");
}
