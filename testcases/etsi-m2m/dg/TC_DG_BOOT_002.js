// SPDX-License-Identifier: Apache-2.0
import { RFC5216, TS102690 } from "../../lib/boot.js";

export const meta = {
    id: "TC_DG_BOOT_002",
    title: "The D/G node refuses an MSBF certificate from an untrusted CA",
    purpose: "TP_DG_BOOT_002",
    objective: "Check that when the MSBF presents a certificate issued by a CA the D/G node does not " +
        "trust, the node aborts the TLS handshake and no bootstrap completes.",
    references: [
        { document: TS102690, clause: "8.3.3" },
        { document: RFC5216, clause: "5.3" },
        { document: RFC5216, clause: "2.1.3" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_EAP_TLS_BOOTSTRAP",
    pixit: ["PX_DG_DEVICE_ADDRESS", "PX_DG_WAIT_MS"],
};

export function body(ctx) {
    const r = ctx.msbf.awaitBootstrap({ serverCertificate: "rogue" });
    ctx.expectTrue(r.outcome !== "bootstrapped", `no bootstrap with an untrusted MSBF (${r.outcome}: ${r.reason})`, r);
    ctx.expectTrue(r.reason.includes("alert") || r.timedOut,
        "the node ended the TLS handshake with an alert (or stopped answering)", r);
}
