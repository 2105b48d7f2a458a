// SPDX-License-Identifier: Apache-2.0
import { paths, registration } from "../../../lib/mid.js";
import { ensureDeregisteredOver, RFC7252, TS102690, TS102921 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_006",
    title: "The NSCL registers a D/GSCL over CoAP over DTLS-PSK and answers a duplicate with 4.09",
    purpose: "TP_NSCL_CONN_006",
    objective: "Check that the NSCL accepts the SCL registration over CoAP over DTLS with PSK = Kmc, " +
        "the RequestingEntity in Uri-Query, answering 2.01 with Location-Path and a valid <scl>, and " +
        "that a second registration of the same SCL gets STATUS_CONFLICT (4.09).",
    references: [
        { document: TS102690, clause: "8.5" },
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "annex D (CoAP binding)" },
        { document: RFC7252, clause: "9.1" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_COAPS && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_COAPS_ADDRESS", "PX_SCL_ID", "PX_DTLS_CIPHERS"],
};

export function preamble(ctx) {
    ensureDeregisteredOver(ctx, "coaps");
}

export function body(ctx) {
    const p = paths(ctx);
    const rsp = ctx.device.create(p.scls, registration(ctx), { binding: "coaps" });
    ctx.expectStatus(rsp, "STATUS_CREATED");
    ctx.expectEqual(rsp.coapCode, "2.01", "CoAP response code", rsp);
    ctx.expectHeader(rsp, "Location");
    ctx.expectValid(rsp, "scl");
    const again = ctx.device.create(p.scls, registration(ctx), { binding: "coaps" });
    ctx.expectStatus(again, "STATUS_CONFLICT");
    ctx.expectEqual(again.coapCode, "4.09", "CoAP response code of the duplicate", again);
}

export function postamble(ctx) {
    ensureDeregisteredOver(ctx, "coaps");
}
