// SPDX-License-Identifier: Apache-2.0
import { RFC4279, TS102690 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_DG_CONN_001",
    title: "The D/G node makes a service connection with its Kmr and the profile's PSK identity",
    purpose: "TP_DG_CONN_001",
    objective: "Check that the D/G node opens a TLS 1.2 PSK handshake on the NSCL's connection port " +
        "with PSK = Kmr and identity hex(M2M-Node-ID):Kmr-index, completes it (both proved Kmr), and " +
        "reads its connection parameters.",
    references: [
        { document: TS102690, clause: "8.4" },
        { document: RFC4279, clause: "2" },
        { document: RFC4279, clause: "5.1" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SERVICE_CONNECTION",
    pixit: ["PX_DG_SC_NODE_ID", "PX_DG_SC_KMR_INDEX", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const c = ctx.nscl.awaitConnection();
    ctx.expectTrue(c.accepted, `the service connection was accepted${c.reason ? " (" + c.reason + ")" : ""}`, c);
    ctx.expectTrue(c.identityWellFormed, `PSK identity '${c.identity}' has the form hex(M2M-Node-ID):index`, c);
    ctx.expectEqual(c.identity, `${ctx.pixit("PX_DG_SC_NODE_ID").toLowerCase()}:${ctx.pixit("PX_DG_SC_KMR_INDEX")}`,
        "PSK identity of the node's Kmr", c);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
