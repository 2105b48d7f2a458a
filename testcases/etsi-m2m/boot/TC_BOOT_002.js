// SPDX-License-Identifier: Apache-2.0
import { RFC5191, RFC5216, TS102690 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_002",
    title: "The MSBF rejects a device certificate from an untrusted CA",
    purpose: "TP_BOOT_002",
    objective: "Check that a D/G node presenting a certificate issued by a CA the MSBF does not trust " +
        "is refused: EAP-TLS fails, the final PAR carries PANA_AUTHENTICATION_REJECTED and EAP-Failure, " +
        "and no Kmr results.",
    references: [
        { document: TS102690, clause: "8.3.3" },
        { document: RFC5216, clause: "2.1.3" },
        { document: RFC5216, clause: "5.3" },
        { document: RFC5191, clause: "4.1" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS",
    pixit: ["PX_BOOT_WRONG_CERT_FILE", "PX_BOOT_TIMEOUT_MS"],
};

export function body(ctx) {
    const r = ctx.device.bootstrap({ certificate: "wrong" });
    ctx.expectEqual(r.outcome, "rejected", `bootstrap with an untrusted certificate (${r.reason})`, r);
    ctx.expectEqual(r.resultName, "PANA_AUTHENTICATION_REJECTED", "Result-Code of the final PAR", r);
    ctx.expectTrue(!r.kmrDerived, "no Kmr results from a refused bootstrap", r);
}
