// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, expectRegistrationRequest, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_001",
    title: "The D/GSCL registers with a schema-valid <scl> naming its SCL-ID",
    purpose: "TP_DG_REG_001",
    objective: "Check that the D/GSCL registers by CREATE of an <scl> in the NSCL's <scls>, the body valid " +
        "against scl.xsd with sclId = its SCL-ID, its pocs and an expirationTime in the future, and " +
        "that the bench NSCL accepts it.",
    references: [
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "<scl> resource (scl.xsd)" },
        { document: TS102690, clause: "5.1.2" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION",
    pixit: ["PX_DG_NSCL_BASE", "PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const r = ctx.nscl.awaitRequest(registrationFilter(ctx, { trigger: "register" }));
    expectRegistrationRequest(ctx, r);
    ctx.expectEqual(r.status, "STATUS_CREATED", "the bench NSCL accepted the registration", r);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
