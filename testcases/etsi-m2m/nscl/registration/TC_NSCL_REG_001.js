// SPDX-License-Identifier: Apache-2.0
import { ensureDeregistered, paths, registration } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REG_001",
    title: "The NSCL registers a D/GSCL",
    purpose: "TP_NSCL_REG_001",
    objective: "Check that the NSCL, on a valid CREATE of <scl> in its <scls> collection, creates " +
        "the resource, answers STATUS_CREATED with the new resource's URI in Location and returns " +
        "a valid <scl> representation carrying the registrant's sclId.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.6.2" },
        { document: "ETSI TS 102 690", clause: "5.1.2" },
        { document: "ETSI TS 102 921", clause: "<scl> resource (scl.xsd), HTTP binding" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTP && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_SCL_LIFETIME_S", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureDeregistered(ctx);
}

export function body(ctx) {
    const p = paths(ctx);
    const rsp = ctx.device.create(p.scls, registration(ctx));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectHeader(rsp, "Location")) {
        ctx.expectTrue(rsp.location.endsWith(`/scls/${p.sclId}`),
            `Location '${rsp.location}' names the new <scl> ${p.sclId}`, rsp);
    }
    if (ctx.expectValid(rsp, "scl")) {
        ctx.expectEqual(ctx.select(rsp.body, "@sclId")[0], p.sclId, "sclId of the created <scl>", rsp);
    }
}

export function postamble(ctx) {
    ensureDeregistered(ctx);
}
