// SPDX-License-Identifier: Apache-2.0
import { bootstrapped, endSession, RFC5191, TS102690 } from "../../lib/boot.js";

export const meta = {
    id: "TC_BOOT_005",
    title: "The bootstrap parameters are a valid bootstrapParamSet protected by AUTH",
    purpose: "TP_BOOT_005",
    objective: "Check that the final PAR carries the bootstrap parameters as a bootstrapParamSet valid " +
        "against the TS 102 921 schema, naming the node's M2M-Node-ID, a Kmr index, a lifetime, an " +
        "SCL-ID and the NSCL list, never the key itself, in a message whose AUTH verifies.",
    references: [
        { document: TS102690, clause: "8.3" },
        { document: "ETSI TS 102 921", clause: "bootstrapParamSet.xsd" },
        { document: RFC5191, clause: "5.3" },
        { document: RFC5191, clause: "8.1" },
    ],
    configuration: "CFG_BOOT",
    pics: "PICS_BOOT_EAP_TLS && PICS_BOOT_PARAMS",
    pixit: ["PX_BOOT_NODE_ID", "PX_BOOT_TIMEOUT_MS"],
};

export function body(ctx) {
    const r = bootstrapped(ctx);
    ctx.expectEqual(r.finalAuth, "valid", "AUTH covering the bootstrap parameters", r);
    if (ctx.expectValid(r, "bootstrapParamSet")) {
        ctx.expectEqual(ctx.select(r.body, "securityM2MNodeId")[0].toLowerCase(),
            ctx.pixit("PX_BOOT_NODE_ID").toLowerCase(), "securityM2MNodeId", r);
        ctx.expectEqual(ctx.select(r.body, "securityM2MKey").length, 0, "the key itself is never sent", r);
        ctx.expectTrue(ctx.select(r.body, "sclId").length === 1, "an SCL-ID is assigned", r);
        ctx.expectTrue(ctx.select(r.body, "sclIdList/reference").length >= 1, "the NSCL list names at least one NSCL", r);
    }
}

export function postamble(ctx) {
    endSession(ctx);
}
