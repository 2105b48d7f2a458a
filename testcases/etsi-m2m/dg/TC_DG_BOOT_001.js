// SPDX-License-Identifier: Apache-2.0
import { msbfBootstrapped, RFC5191, RFC5216, TS102690 } from "../../lib/boot.js";

export const meta = {
    id: "TC_DG_BOOT_001",
    title: "The D/G node completes the M2M Service Bootstrap with the MSBF",
    purpose: "TP_DG_BOOT_001",
    objective: "Check that the D/G node, as PANA Client, authenticates with EAP-TLS using a certificate " +
        "of its subscription and answers the final PAR with a PAN whose Key-Id echoes the PAR's and " +
        "whose AUTH verifies: it derived the same MSK as the MSBF.",
    references: [
        { document: TS102690, clause: "8.3.3" },
        { document: RFC5191, clause: "4.1" },
        { document: RFC5191, clause: "5.3" },
        { document: RFC5216, clause: "2.1.1" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_EAP_TLS_BOOTSTRAP",
    pixit: ["PX_DG_DEVICE_ADDRESS", "PX_BOOT_IDENTITY", "PX_DG_WAIT_MS"],
};

export function body(ctx) {
    const r = msbfBootstrapped(ctx);
    ctx.expectTrue(r.keyId > 0, "the PAN[C] echoed the Key-Id and carried a valid AUTH", r);
    ctx.expectTrue(r.tlsVersion.startsWith("TLS 1."), `EAP-TLS with ${r.tlsVersion}`, r);
    ctx.expectEqual(r.received["PAN[C]"], 1, "one PAN[C] answered the final PAR", r);
}

export function postamble(ctx) {
    ctx.msbf.terminate({ timeoutMs: 2000 });
}
