// SPDX-License-Identifier: Apache-2.0
import { RFC4279, TS102690 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_003",
    title: "The NSCL refuses a service connection from an unknown PSK identity",
    purpose: "TP_NSCL_CONN_003",
    objective: "Check that the NSCL refuses the TLS-PSK handshake of a node whose M2M-Node-ID has " +
        "no Kmr (its MAS knows none): the handshake fails, with unknown_psk_identity or an " +
        "equivalent refusal (RFC 4279 section 2 lets the server choose).",
    references: [
        { document: TS102690, clause: "8.4" },
        { document: RFC4279, clause: "2" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SERVICE_CONNECTION",
    pixit: ["PX_NSCL_CONNECTION_ADDRESS", "PX_UNKNOWN_NODE_ID"],
};

export function body(ctx) {
    const c = ctx.connection.connect({ nodeId: ctx.pixit("PX_UNKNOWN_NODE_ID"), kmrIndex: 1 });
    ctx.expectEqual(c.ok, false, "no service connection for an unknown identity", c);
    ctx.expectEqual(c.outcome, "handshake-failed", `the handshake is refused (${c.detail})`, c);
    if (c.detail.indexOf("unknown_psk_identity") < 0) {
        ctx.log(`the NSCL refused without unknown_psk_identity: ${c.detail}`);
    }
}
