// SPDX-License-Identifier: Apache-2.0
import { msbfBootstrapped, RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_DG_BOOT_006",
    title: "The D/G node accepts the termination of its PANA session by the PAA",
    purpose: "TP_DG_BOOT_006",
    objective: "Check that the D/G node answers a PTR protected by AUTH with a PTA.",
    references: [
        { document: RFC5191, clause: "4.4" },
        { document: RFC5191, clause: "7.4" },
        { document: RFC5191, clause: "7.5" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_EAP_TLS_BOOTSTRAP",
    pixit: ["PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    msbfBootstrapped(ctx);
}

export function body(ctx) {
    const t = ctx.msbf.terminate();
    ctx.expectTrue(t.answered, "the PTR is answered with a PTA", t);
}
