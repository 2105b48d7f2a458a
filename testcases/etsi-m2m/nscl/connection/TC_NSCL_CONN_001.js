// SPDX-License-Identifier: Apache-2.0
import { connected, RFC4279, TS102690, TS102921 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_001",
    title: "The NSCL accepts a service connection keyed by the node's Kmr and agrees on Kmc",
    purpose: "TP_NSCL_CONN_001",
    objective: "Check that the NSCL completes a TLS 1.2 PSK handshake with PSK = Kmr and identity " +
        "hex(M2M-Node-ID):Kmr-index, answers GET <sclBase>/connectionParamSet inside it with a " +
        "<connectionParamSet> valid against the schema, and that its key confirmation matches the " +
        "Kmc the node derives from Kmr and the handshake's randoms (both hold the same Kmc).",
    references: [
        { document: TS102690, clause: "8.4" },
        { document: TS102690, clause: "8.2.2" },
        { document: RFC4279, clause: "2" },
        { document: TS102921, clause: "connectionParamSet.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SERVICE_CONNECTION",
    pixit: ["PX_NSCL_CONNECTION_ADDRESS", "PX_M2M_NODE_ID", "PX_KMR", "PX_KMR_INDEX", "PX_TLS_CIPHERS"],
};

export function body(ctx) {
    const c = connected(ctx);
    if (!c.ok) {
        return;
    }
    ctx.expectValid(c, "connectionParamSet");
    ctx.expectTrue(c.confirmed, "the NSCL's key confirmation matches the Kmc derived by the node", c);
    ctx.expectTrue(c.kmcIndex >= 0, `Kmc index ${c.kmcIndex} is an unsignedInt`, c);
    ctx.expectTrue(c.secondsLeft > 0, `Kmc lifetime ${c.lifetime} lies in the future`, c);
    ctx.expectTrue(c.sclId.length > 0, `sclId of the connection is '${c.sclId}'`, c);
    ctx.log(`service connection ${c.connectionId}: ${c.identity}, ${c.cipher}`);
}
