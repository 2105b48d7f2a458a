// SPDX-License-Identifier: Apache-2.0
import { freshChannel, notifiedRepresentation } from "../../../lib/channels.js";
import { addInstance, ensureNoApplication, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_NCH_003",
    title: "A channel hands out its notifications oldest first, each once",
    purpose: "TP_NSCL_NCH_003",
    objective: "Check that after two changes, two RETRIEVEs of the longPollingURI each answer " +
        "STATUS_OK with one <notify>, the first one's representation holding one instance and the " +
        "second's two, and that a third finds nothing left (STATUS_REQUEST_TIMEOUT).",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management: notification channels, long polling)" },
        { document: "ETSI TS 102 921", clause: "notificationChannel.xsd; notify.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS && PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_LONG_POLLING",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_LONG_POLL_HOLD_MS", "PX_STEP_TIMEOUT_MS"],
};

let ch;
let c;

export function preamble(ctx) {
    ch = freshChannel(ctx, "lp3");
    c = freshContainer(ctx, { id: "m2mbench-nch003" }, ch.app.application);
    subscribe(ctx, c.instances, ch.contact, { id: "via-channel" });
}

export function body(ctx) {
    addInstance(ctx, c, "first");
    addInstance(ctx, c, "second");
    const counts = [];
    for (let i = 0; i < 2; ++i) {
        const rsp = ctx.device.retrieve(ch.poll);
        ctx.expectStatus(rsp, "STATUS_OK");
        counts.push((ctx.select(notifiedRepresentation(ctx, rsp.body), "currentNrOfInstances") || [])[0] || "?");
    }
    ctx.expectEqual(counts.join(" "), "1 2", "currentNrOfInstances in the two notifications, in order");
    const empty = ctx.device.retrieve(ch.poll);
    ctx.expectStatus(empty, "STATUS_REQUEST_TIMEOUT");
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
