// SPDX-License-Identifier: Apache-2.0
import { RFC3748, RFC5191, TS102690 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_003",
    title: "The MSBF rejects an unknown identity",
    purpose: "TP_BOOT_003",
    objective: "Check that an EAP identity the MSBF has no subscription for ends the bootstrap with " +
        "PANA_AUTHENTICATION_REJECTED and EAP-Failure, without key material.",
    references: [
        { document: TS102690, clause: "8.3" },
        { document: RFC3748, clause: "5.1" },
        { document: RFC5191, clause: "4.1" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS",
    pixit: ["PX_BOOT_UNKNOWN_IDENTITY", "PX_BOOT_TIMEOUT_MS"],
};

export function body(ctx) {
    const r = ctx.device.bootstrap({ identity: ctx.pixit("PX_BOOT_UNKNOWN_IDENTITY") });
    ctx.expectEqual(r.outcome, "rejected", `bootstrap with an unknown identity (${r.reason})`, r);
    ctx.expectEqual(r.resultName, "PANA_AUTHENTICATION_REJECTED", "Result-Code of the final PAR", r);
    ctx.expectTrue(!r.kmrDerived, "no Kmr for an unknown identity", r);
}
