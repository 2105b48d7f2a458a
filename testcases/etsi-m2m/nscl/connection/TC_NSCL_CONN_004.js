// SPDX-License-Identifier: Apache-2.0
import { connected, RFC4279, TS102690 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_004",
    title: "An expired Kmc is refused and a new service connection re-establishes the session",
    purpose: "TP_NSCL_CONN_004",
    objective: "Check that once Kmc has expired the NSCL refuses a TLS-PSK session keyed by it, and " +
        "that a new service connection with Kmr gives a new Kmc (another Kmc index) with which the " +
        "secured mId works again.",
    references: [
        { document: TS102690, clause: "8.4" },
        { document: TS102690, clause: "8.2.2" },
        { document: RFC4279, clause: "2" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SERVICE_CONNECTION && PICS_NSCL_HTTPS_PSK && PICS_NSCL_KMC_LIFETIME_REQUEST",
    pixit: ["PX_KMC_SHORT_LIFETIME_S", "PX_NSCL_HTTPS_PSK_ADDRESS", "PX_NSCL_BASE"],
};

export function preamble(ctx) {
    const c = connected(ctx, { lifetime: ctx.pixit("PX_KMC_SHORT_LIFETIME_S") });
    ctx.expectTrue(c.secondsLeft <= ctx.pixit("PX_KMC_SHORT_LIFETIME_S") + 1,
        `the NSCL granted the short lifetime asked for (${c.lifetime})`, c);
    const rsp = ctx.device.retrieve(ctx.pixit("PX_NSCL_BASE"), { binding: "https-psk" });
    ctx.expectStatus(rsp, "STATUS_OK");
}

export function body(ctx) {
    const first = ctx.connection.current();
    ctx.connection.waitSeconds(Math.max(first.secondsLeft, 0) + 1);
    const stale = ctx.device.retrieve(ctx.pixit("PX_NSCL_BASE"),
        { binding: "https-psk", reconnect: false, allowFailure: true });
    ctx.expectEqual(stale.ok, false, "the NSCL refuses a session keyed by the expired Kmc", stale);
    const again = ctx.connection.connect();
    ctx.expectTrue(again.ok, `a new service connection (${again.detail})`, again);
    if (!again.ok) {
        return;
    }
    ctx.expectTrue(again.kmcIndex !== first.kmcIndex,
        `the new Kmc has another index (${first.kmcIndex} -> ${again.kmcIndex})`, again);
    const rsp = ctx.device.retrieve(ctx.pixit("PX_NSCL_BASE"), { binding: "https-psk" });
    ctx.expectStatus(rsp, "STATUS_OK");
}
