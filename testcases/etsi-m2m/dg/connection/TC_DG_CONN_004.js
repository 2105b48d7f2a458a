// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_DG_CONN_004",
    title: "The D/GSCL registers over HTTP over TLS-PSK with its requestingEntity",
    purpose: "TP_DG_CONN_004",
    objective: "Check that the D/GSCL sends its SCL registration over HTTP over TLS-PSK keyed by Kmc, " +
        "with a requestingEntity (Authorization) naming its own SCL and a valid <scl> body.",
    references: [
        { document: TS102690, clause: "8.5" },
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "HTTP binding" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_HTTPS_PSK",
    pixit: ["PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const r = ctx.nscl.awaitRegistration({ binding: "https-psk" });
    ctx.expectEqual(r.binding, "https-psk", "the registration came over HTTP over TLS-PSK", r);
    ctx.expectEqual(r.method, "CREATE", "a CREATE", r);
    ctx.expectTrue(r.requestingEntity.indexOf(ctx.pixit("PX_DG_SC_SCL_ID")) >= 0,
        `requestingEntity '${r.requestingEntity}' names the node's SCL`, r);
    ctx.expectValid(r, "scl");
    ctx.expectEqual(r.status, "STATUS_CREATED", "the bench NSCL accepted it", r);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
