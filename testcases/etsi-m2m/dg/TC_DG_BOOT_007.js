// SPDX-License-Identifier: Apache-2.0
import { msbfBootstrapped, RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_DG_BOOT_007",
    title: "The D/G node takes part in a re-authentication started by the PAA",
    purpose: "TP_DG_BOOT_007",
    objective: "Check that when the PAA starts a re-authentication (a PAR with Nonce and EAP in the " +
        "access phase) the D/G node runs EAP-TLS again and answers the new final PAR with the new " +
        "Key-Id and a valid AUTH.",
    references: [
        { document: RFC5191, clause: "4.3" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_EAP_TLS_BOOTSTRAP && PICS_DG_REAUTH",
    pixit: ["PX_DG_WAIT_MS"],
};

export function preamble(ctx) {
    msbfBootstrapped(ctx);
}

export function body(ctx) {
    const before = ctx.msbf.session();
    const r = ctx.msbf.reauthenticate();
    ctx.expectEqual(r.authentications, 2, "a second EAP run completed", r);
    ctx.expectTrue(r.keyId !== before.keyId, `a new Key-Id (${before.keyId} -> ${r.keyId})`, r);
}

export function postamble(ctx) {
    ctx.msbf.terminate({ timeoutMs: 2000 });
}
