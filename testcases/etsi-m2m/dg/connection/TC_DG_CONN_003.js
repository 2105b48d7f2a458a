// SPDX-License-Identifier: Apache-2.0
import { TS102690 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_DG_CONN_003",
    title: "The D/G node makes a new service connection when its Kmc expires",
    purpose: "TP_DG_CONN_003",
    objective: "Check that after its Kmc's lifetime the D/G node does not go on with it but makes a " +
        "new service connection, and that its next secured mId request uses the new Kmc (the PSK " +
        "identity names the new Kmc index).",
    references: [
        { document: TS102690, clause: "8.4" },
        { document: TS102690, clause: "8.2.2" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SERVICE_CONNECTION && PICS_DG_KMC_RENEWAL",
    pixit: ["PX_DG_SC_KMC_LIFETIME_S", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const lifetime = ctx.pixit("PX_DG_SC_KMC_LIFETIME_S");
    const first = ctx.nscl.awaitConnection({ kmcLifetime: lifetime });
    ctx.expectTrue(first.accepted, "a first service connection", first);
    const before = ctx.nscl.awaitRequest({ trigger: "retrieve" });
    const secured = (r) => r.binding === "https-psk" || r.binding === "coaps";
    ctx.expectTrue(secured(before), `the node's mId request is secured (${before.binding})`, before);
    ctx.expectTrue(before.pskIdentity.endsWith(`:${first.kmcIndex}`),
        `the request uses Kmc index ${first.kmcIndex} (${before.pskIdentity})`, before);
    ctx.nscl.waitSeconds(lifetime + 1);
    const after = ctx.nscl.awaitRequest({ trigger: "retrieve" });
    const all = ctx.nscl.connections();
    const last = all[all.length - 1];
    ctx.expectTrue(last.accepted && last.kmcIndex !== first.kmcIndex,
        `a new service connection after expiry (Kmc index ${first.kmcIndex} -> ${last.kmcIndex})`, last);
    ctx.expectTrue(after.pskIdentity.endsWith(`:${last.kmcIndex}`),
        `the request after expiry uses the new Kmc (${after.pskIdentity})`, after);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
