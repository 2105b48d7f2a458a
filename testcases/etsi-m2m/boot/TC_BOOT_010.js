// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, endSession, RFC5191, TS102690 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_010",
    title: "Re-authentication gives a new PANA key and a new Kmr",
    purpose: "TP_BOOT_010",
    objective: "Check that a re-authentication requested by the D/G node (PNR with the A flag) runs a " +
        "new EAP-TLS exchange ending with a final PAR under a new Key-Id and new bootstrap parameters " +
        "with a new Kmr index.",
    references: [
        { document: RFC5191, clause: "4.3" },
        { document: TS102690, clause: "8.3" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS && PICS_BOOT_REAUTH",
    pixit: ["PX_BOOT_TIMEOUT_MS"],
};

export function preamble(ctx) {
    bootstrapped(ctx);
}

export function body(ctx) {
    const before = ctx.device.result();
    const r = ctx.device.reauthenticate({ timeoutMs: ctx.pixit("PX_BOOT_TIMEOUT_MS") });
    ctx.expectEqual(r.outcome, "bootstrapped", `outcome after re-authentication (${r.reason})`, r);
    ctx.expectEqual(r.authentications, 2, "two EAP runs in the session", r);
    ctx.expectTrue(r.keyId !== before.keyId, `a new Key-Id (${before.keyId} -> ${r.keyId})`, r);
    ctx.expectEqual(r.finalAuth, "valid", "AUTH of the new final PAR under the new key", r);
    ctx.expectTrue(r.kmrIndex > before.kmrIndex, `a new Kmr index (${before.kmrIndex} -> ${r.kmrIndex})`, r);
}

export function postamble(ctx) {
    endSession(ctx);
}
