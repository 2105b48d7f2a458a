// SPDX-License-Identifier: Apache-2.0
import { RFC5191 } from "../../lib/boot.js";

export const meta = {
    id: "TC_DG_BOOT_008",
    title: "The D/G node acknowledges a rejection and ends the session",
    purpose: "TP_DG_BOOT_008",
    objective: "Check that the D/G node answers a final PAR with PANA_AUTHENTICATION_REJECTED and " +
        "EAP-Failure with a PAN[C], and that no session remains open.",
    references: [
        { document: RFC5191, clause: "4.1" },
        { document: RFC5191, clause: "8.7" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_EAP_TLS_BOOTSTRAP",
    pixit: ["PX_DG_WAIT_MS"],
};

export function body(ctx) {
    const r = ctx.msbf.awaitBootstrap({ rejectDevice: true });
    ctx.expectEqual(r.outcome, "rejected", `the MSBF's verdict on the session (${r.reason})`, r);
    ctx.expectEqual(r.received["PAN[C]"], 1, "the node acknowledged the rejection with a PAN[C]", r);
}
