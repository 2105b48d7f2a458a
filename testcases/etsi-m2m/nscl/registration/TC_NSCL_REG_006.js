// SPDX-License-Identifier: Apache-2.0
import { ensureDeregistered, paths, registration } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REG_006",
    title: "The NSCL refuses a registration without sclId",
    purpose: "TP_NSCL_REG_006",
    objective: "Check that a CREATE of <scl> that names no sclId (mandatory on registration) is " +
        "answered STATUS_BAD_REQUEST with a valid <errorInfo>, and that <scls> gains no entry.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.6.2" },
        { document: "ETSI TS 102 921", clause: "<scl> sclId (scl.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTP && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_POC", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureDeregistered(ctx);
}

export function body(ctx) {
    const p = paths(ctx);
    const before = ctx.device.retrieve(p.scls);
    ctx.expectStatus(before, "STATUS_OK");
    const count = (ctx.select(before.body, "sclCollection/namedReference") || []).length;
    const rsp = ctx.device.create(p.scls, registration(ctx, { sclId: undefined }));
    ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
    ctx.expectValid(rsp, "errorInfo");
    const after = ctx.device.retrieve(p.scls);
    ctx.expectEqual((ctx.select(after.body, "sclCollection/namedReference") || []).length, count,
        "<scls> gained no entry", after);
}

export function postamble(ctx) {
    ensureDeregistered(ctx);
}
