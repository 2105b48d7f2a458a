// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, expectRegistrationRequest, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_012",
    title: "The D/GSCL registers over plain HTTP with requestingEntity in Authorization",
    purpose: "TP_DG_REG_012",
    objective: "Check that the D/GSCL, using the plain HTTP binding, registers by POST of a valid <scl> to " +
        "the NSCL's <scls> with a requestingEntity naming its own SCL, and that the NSCL accepts it.",
    references: [
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "<scl> resource (scl.xsd)" },
        { document: TS102921, clause: "HTTP binding" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_HTTP",
    pixit: ["PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const r = ctx.nscl.awaitRequest(registrationFilter(ctx, { trigger: "register", binding: "http" }));
    ctx.expectEqual(r.binding, "http", "the registration came over plain HTTP", r);
    expectRegistrationRequest(ctx, r);
    ctx.expectEqual(r.status, "STATUS_CREATED", "the bench NSCL accepted it", r);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
