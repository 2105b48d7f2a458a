// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, endSession, TS102690 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_006",
    title: "The MAS holds the Kmr the D/G node derived",
    purpose: "TP_BOOT_006",
    objective: "Check that after a bootstrap the MAS answers an NSCL's key retrieval for the node's " +
        "M2M-Node-ID and Kmr index with DIAMETER_SUCCESS and the same Kmr the D/G node derived, and " +
        "refuses an M2M-Node-ID it does not know.",
    references: [
        { document: TS102690, clause: "8.3" },
        { document: TS102690, clause: "8.4" },
        { document: "IETF RFC 6733", clause: "7.1" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS && PICS_BOOT_MAS",
    pixit: ["PX_MAS_ADDRESS", "PX_NSCL_DIAMETER_HOST"],
};

export function body(ctx) {
    const r = bootstrapped(ctx);
    const k = ctx.nscl.retrieveKmr();
    ctx.expectEqual(k.resultName, "DIAMETER_SUCCESS", `Key-Retrieval for the node (${k.errorMessage})`, k);
    ctx.expectTrue(k.sameAsDevice, "the MAS's Kmr equals the D/G node's", k);
    ctx.expectEqual(k.kmrIndex, r.kmrIndex, "key index at the MAS", k);
    const unknown = ctx.nscl.retrieveKmr({ nodeId: "ffffffffffffffffffffffffffffffff", index: 0 });
    ctx.expectTrue(unknown.resultName !== "DIAMETER_SUCCESS" && !unknown.found,
        `no key for an unknown M2M-Node-ID (${unknown.resultName})`, unknown);
}

export function postamble(ctx) {
    endSession(ctx);
}
