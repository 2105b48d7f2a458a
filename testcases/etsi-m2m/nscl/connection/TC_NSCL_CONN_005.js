// SPDX-License-Identifier: Apache-2.0
import { paths, registration } from "../../../lib/mid.js";
import { ensureDeregisteredOver, TS102690, TS102921 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_005",
    title: "The NSCL registers a D/GSCL over HTTP over TLS-PSK keyed by Kmc",
    purpose: "TP_NSCL_CONN_005",
    objective: "Check that after a service connection the NSCL accepts the D/GSCL's SCL registration " +
        "over HTTP over TLS-PSK with PSK = Kmc and identity hex(M2M-Node-ID):Kmc-index, the " +
        "requestingEntity in Authorization, and answers STATUS_CREATED with a valid <scl>.",
    references: [
        { document: TS102690, clause: "8.5" },
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "HTTP binding" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTPS_PSK && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_HTTPS_PSK_ADDRESS", "PX_SCL_ID", "PX_REQUESTING_ENTITY", "PX_TLS_CIPHERS"],
};

export function preamble(ctx) {
    ensureDeregisteredOver(ctx, "https-psk");
}

export function body(ctx) {
    const p = paths(ctx);
    const rsp = ctx.device.create(p.scls, registration(ctx), { binding: "https-psk" });
    ctx.expectStatus(rsp, "STATUS_CREATED");
    ctx.expectHeader(rsp, "Location");
    if (ctx.expectValid(rsp, "scl")) {
        ctx.expectEqual(ctx.select(rsp.body, "@sclId")[0], p.sclId, "sclId of the created <scl>", rsp);
    }
}

export function postamble(ctx) {
    ensureDeregisteredOver(ctx, "https-psk");
}
