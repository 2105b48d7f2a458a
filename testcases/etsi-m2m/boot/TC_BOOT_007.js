// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_007",
    title: "The MSBF ends the PANA session on the device's termination request",
    purpose: "TP_BOOT_007",
    objective: "Check that a PTR of the D/G node, protected by AUTH, is answered with a PTA and the " +
        "session ends.",
    references: [
        { document: RFC5191, clause: "4.4" },
        { document: RFC5191, clause: "7.4" },
        { document: RFC5191, clause: "7.5" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS",
    pixit: ["PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    bootstrapped(ctx);
}

export function body(ctx) {
    const t = ctx.device.terminate();
    ctx.expectTrue(t.answered, "the PTR is answered with a PTA", t);
    ctx.expectTrue(t.closed, "the PANA session is closed", t);
}
