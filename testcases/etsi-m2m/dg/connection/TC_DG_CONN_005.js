// SPDX-License-Identifier: Apache-2.0
import { RFC7252, TS102690, TS102921 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_DG_CONN_005",
    title: "The D/GSCL registers over CoAP over DTLS-PSK with RequestingEntity in Uri-Query",
    purpose: "TP_DG_CONN_005",
    objective: "Check that the D/GSCL sends its SCL registration over CoAP over DTLS keyed by Kmc, " +
        "the RequestingEntity in Uri-Query naming its own SCL, with a valid <scl> body.",
    references: [
        { document: TS102690, clause: "8.5" },
        { document: TS102921, clause: "annex D (CoAP binding)" },
        { document: RFC7252, clause: "5.10.1" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_COAPS",
    pixit: ["PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const r = ctx.nscl.awaitRegistration({ binding: "coaps" });
    ctx.expectEqual(r.binding, "coaps", "the registration came over CoAP over DTLS", r);
    ctx.expectTrue(r.requestingEntity.indexOf(ctx.pixit("PX_DG_SC_SCL_ID")) >= 0,
        `RequestingEntity '${r.requestingEntity}' names the node's SCL`, r);
    ctx.expectValid(r, "scl");
    ctx.expectEqual(r.status, "STATUS_CREATED", "the bench NSCL accepted it", r);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
