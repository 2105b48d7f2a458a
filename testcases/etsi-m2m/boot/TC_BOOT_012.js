// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, endSession, RFC5191, RFC5216 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_012",
    title: "The MSBF reassembles small EAP-TLS fragments and EAP Responses sent in PaC PARs",
    purpose: "TP_BOOT_012",
    objective: "Check that the bootstrap completes when the D/G node fragments its TLS messages into " +
        "200-octet EAP-TLS fragments (L and M flags, fragment ACKs) and carries its EAP Responses in " +
        "PARs of its own rather than in PANs.",
    references: [
        { document: RFC5216, clause: "2.1.5" },
        { document: RFC5216, clause: "3.1" },
        { document: RFC5191, clause: "4.1" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS",
    pixit: ["PX_BOOT_TIMEOUT_MS"],
};

export function body(ctx) {
    bootstrapped(ctx, { fragmentSize: 200 });
    ctx.device.terminate({ timeoutMs: 2000 });
    bootstrapped(ctx, { piggyback: false });
}

export function postamble(ctx) {
    endSession(ctx);
}
