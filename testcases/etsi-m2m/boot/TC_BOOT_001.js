// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, endSession, RFC5191, RFC5216, TS102690 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_001",
    title: "The MSBF bootstraps a D/G node with EAP-TLS over PANA",
    purpose: "TP_BOOT_001",
    objective: "Check that a D/G node holding a certificate of a trusted CA completes the M2M Service " +
        "Bootstrap: PANA ends with PANA_SUCCESS, the final PAR carries EAP-Success, Key-Id, " +
        "Session-Lifetime and an AUTH that verifies under the key of this EAP run, and the node " +
        "receives its M2M-Node-ID, Kmr index and lifetime.",
    references: [
        { document: TS102690, clause: "8.3" },
        { document: TS102690, clause: "8.3.3" },
        { document: RFC5191, clause: "4.1" },
        { document: RFC5191, clause: "5.3" },
        { document: RFC5216, clause: "2.1.1" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS",
    pixit: ["PX_MSBF_ADDRESS", "PX_BOOT_NODE_ID", "PX_BOOT_TIMEOUT_MS"],
};

export function body(ctx) {
    const r = bootstrapped(ctx);
    ctx.expectEqual(r.resultName, "PANA_SUCCESS", "Result-Code of the final PAR", r);
    ctx.expectEqual(r.finalAuth, "valid", "AUTH of the final PAR under PANA_AUTH_KEY of this EAP run", r);
    ctx.expectTrue(r.keyId > 0, "the final PAR carries a Key-Id", r);
    ctx.expectTrue(r.sessionLifetime > 0, "the final PAR grants a Session-Lifetime", r);
    ctx.expectEqual(r.nodeId, ctx.pixit("PX_BOOT_NODE_ID").toLowerCase(), "M2M-Node-ID assigned", r);
    ctx.expectTrue(r.kmrIndex > 0, "a Kmr index is assigned", r);
    ctx.expectTrue(r.kmrDerived, "the D/G node derived a 32-octet Kmr", r);
    ctx.expectTrue(r.kmrExpiry !== null && r.kmrExpiry > ctx.dateTime(0), "the Kmr lifetime lies in the future", r);
}

export function postamble(ctx) {
    endSession(ctx);
}
