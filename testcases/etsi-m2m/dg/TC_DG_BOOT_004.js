// SPDX-License-Identifier: Apache-2.0
import { msbfBootstrapped, RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_DG_BOOT_004",
    title: "The D/G node answers the PAA's ping",
    purpose: "TP_DG_BOOT_004",
    objective: "Check that in the access phase the D/G node answers a PNR with the P flag and a valid " +
        "AUTH with a PNA carrying a valid AUTH.",
    references: [
        { document: RFC5191, clause: "4.2" },
        { document: RFC5191, clause: "7.6" },
        { document: RFC5191, clause: "7.7" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_EAP_TLS_BOOTSTRAP && PICS_DG_PING",
    pixit: ["PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    msbfBootstrapped(ctx);
}

export function body(ctx) {
    const p = ctx.msbf.ping();
    ctx.expectTrue(p.answered, "the PNR is answered by a PNA with a valid AUTH", p);
}

export function postamble(ctx) {
    ctx.msbf.terminate({ timeoutMs: 2000 });
}
