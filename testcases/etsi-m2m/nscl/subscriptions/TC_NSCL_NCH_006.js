// SPDX-License-Identifier: Apache-2.0
import { freshChannel } from "../../../lib/channels.js";
import { addInstance, ensureNoApplication, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_NCH_006",
    title: "A deleted notification channel is gone, and notifications for it go nowhere",
    purpose: "TP_NSCL_NCH_006",
    objective: "Check that a DELETE of a <notificationChannel> is answered STATUS_OK, that a later " +
        "RETRIEVE of it and of its longPollingURI are answered STATUS_NOT_FOUND, that the " +
        "notificationChannels collection no longer names it, and that a change of a resource still " +
        "subscribed with its contactURI is answered normally.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management: notification channels)" },
        { document: "ETSI TS 102 921", clause: "notificationChannels.xsd (notificationChannelCollection)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS && PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_LONG_POLLING",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let ch;
let c;

export function preamble(ctx) {
    ch = freshChannel(ctx, "lp6");
    c = freshContainer(ctx, { id: "m2mbench-nch006" }, ch.app.application);
    subscribe(ctx, c.instances, ch.contact, { id: "via-channel" });
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.remove(ch.channel), "STATUS_OK");
    ctx.expectStatus(ctx.device.retrieve(ch.channel), "STATUS_NOT_FOUND");
    ctx.expectStatus(ctx.device.retrieve(ch.poll), "STATUS_NOT_FOUND");
    const all = ctx.device.retrieve(ch.channels);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "notificationChannels")) {
        const ids = ctx.select(all.body, "notificationChannelCollection/namedReference/@id") || [];
        ctx.expectTrue(!ids.includes("lp6"), `the deleted channel is not listed; listed [${ids}]`, all);
    }
    addInstance(ctx, c, "after the channel went");
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
