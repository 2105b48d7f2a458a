// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_007",
    title: "The NSCL requires the requestingEntity on the secured binding and checks it",
    purpose: "TP_NSCL_CONN_007",
    objective: "Check that over HTTP over TLS-PSK the NSCL answers a request without requestingEntity " +
        "with STATUS_PERMISSION_DENIED, one whose requestingEntity is another SCL than the node's " +
        "authenticated by the PSK with STATUS_FORBIDDEN, and one naming the node's own SCL with " +
        "STATUS_OK.",
    references: [
        { document: TS102690, clause: "8.5" },
        { document: TS102921, clause: "HTTP binding (Authorization)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTPS_PSK && PICS_NSCL_REQUESTING_ENTITY_CHECK",
    pixit: ["PX_NSCL_BASE", "PX_REQUESTING_ENTITY", "PX_OTHER_SCL_ID"],
};

export function body(ctx) {
    const base = ctx.pixit("PX_NSCL_BASE");
    const none = ctx.device.retrieve(base, { binding: "https-psk", requestingEntity: "" });
    ctx.expectStatus(none, "STATUS_PERMISSION_DENIED");
    const other = ctx.device.retrieve(base,
        { binding: "https-psk", requestingEntity: ctx.pixit("PX_OTHER_SCL_ID") });
    ctx.expectStatus(other, "STATUS_FORBIDDEN");
    const own = ctx.device.retrieve(base, { binding: "https-psk" });
    ctx.expectStatus(own, "STATUS_OK");
}
