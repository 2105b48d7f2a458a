// SPDX-License-Identifier: Apache-2.0
import { RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_DG_BOOT_003",
    title: "The D/G node ignores a final PAR whose AUTH does not verify",
    purpose: "TP_DG_BOOT_003",
    objective: "Check that the D/G node discards a PAR[C] whose AUTH does not verify under the key of " +
        "the EAP run it just completed: it sends no PAN[C] and takes no bootstrap parameters from it.",
    references: [
        { document: RFC5191, clause: "5.4" },
        { document: RFC5191, clause: "8.1" },
        { document: RFC5191, clause: "5.3" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_EAP_TLS_BOOTSTRAP",
    pixit: ["PX_DG_DEVICE_ADDRESS"],
};

export function body(ctx) {
    const r = ctx.msbf.awaitBootstrap({ corruptFinalAuth: true, timeoutMs: 3000 });
    ctx.expectTrue(r.outcome !== "bootstrapped", `no bootstrap under a wrong AUTH (${r.outcome})`, r);
    ctx.expectEqual(r.received["PAN[C]"] || 0, 0, "no PAN[C] answered the forged final PAR", r);
}

export function postamble(ctx) {
    ctx.msbf.terminate({ timeoutMs: 1000 });
}
