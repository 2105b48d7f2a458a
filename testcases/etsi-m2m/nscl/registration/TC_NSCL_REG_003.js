// SPDX-License-Identifier: Apache-2.0
import { ensureDeregistered, ensureRegistered, paths, registration } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REG_003",
    title: "The NSCL refuses a second registration with the same sclId",
    purpose: "TP_NSCL_REG_003",
    objective: "Check that a CREATE of <scl> with an sclId already registered is answered " +
        "STATUS_CONFLICT with a valid <errorInfo>, and that the registered <scl> is left as it was.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.6.2" },
        { document: "ETSI TS 102 921", clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTP && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureDeregistered(ctx);
    ctx.expectStatus(ensureRegistered(ctx), "STATUS_CREATED");
}

export function body(ctx) {
    const p = paths(ctx);
    const second = ctx.device.create(p.scls,
        registration(ctx, { pocs: ["http://duplicate.invalid/m2m"] }));
    ctx.expectStatus(second, "STATUS_CONFLICT");
    if (ctx.expectValid(second, "errorInfo")) {
        ctx.expectEqual(ctx.select(second.body, "statusCode")[0], "STATUS_CONFLICT",
            "statusCode in <errorInfo>", second);
    }
    const kept = ctx.device.retrieve(p.scl);
    ctx.expectStatus(kept, "STATUS_OK");
    ctx.expectEqual(ctx.select(kept.body, "pocs/reference")[0], ctx.pixit("PX_SCL_POC"),
        "the refused registration left the point of contact unchanged", kept);
}

export function postamble(ctx) {
    ensureDeregistered(ctx);
}
