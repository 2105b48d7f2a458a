// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, endSession, RFC5216, RFC9190 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_011",
    title: "The MSBF bootstraps a D/G node with EAP-TLS 1.3",
    purpose: "TP_BOOT_011",
    objective: "Check that a D/G node offering only TLS 1.3 completes the bootstrap: the server sends the " +
        "commitment message, keys come from the TLS 1.3 exporter, the final PAR's AUTH verifies.",
    references: [
        { document: RFC9190, clause: "2.1.1" },
        { document: RFC9190, clause: "2.3" },
        { document: RFC5216, clause: "2.1.1" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS && PICS_BOOT_TLS13",
    pixit: ["PX_BOOT_TIMEOUT_MS"],
};

export function body(ctx) {
    const r = bootstrapped(ctx, { tls: "1.3" });
    ctx.expectEqual(r.tlsVersion, "TLS 1.3", "negotiated TLS version", r);
    ctx.expectEqual(r.finalAuth, "valid", "AUTH under the key from the TLS 1.3 exporter", r);
}

export function postamble(ctx) {
    endSession(ctx);
}
