// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, expectRegistrationRequest, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_013",
    title: "The D/GSCL registers over plain CoAP with RequestingEntity in Uri-Query",
    purpose: "TP_DG_REG_013",
    objective: "Check that the D/GSCL, using the plain CoAP binding, registers by a CoAP POST of a valid " +
        "<scl> to the NSCL's <scls> with the RequestingEntity query naming its own SCL, and that the " +
        "NSCL accepts it.",
    references: [
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "<scl> resource (scl.xsd)" },
        { document: TS102921, clause: "annex D (CoAP binding)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_COAP",
    pixit: ["PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const r = ctx.nscl.awaitRequest(registrationFilter(ctx, { trigger: "register", binding: "coap" }));
    ctx.expectEqual(r.binding, "coap", "the registration came over plain CoAP", r);
    expectRegistrationRequest(ctx, r);
    ctx.expectEqual(r.status, "STATUS_CREATED", "the bench NSCL accepted it", r);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
