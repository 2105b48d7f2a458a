// SPDX-License-Identifier: Apache-2.0
import { freshChannel } from "../../../lib/channels.js";
import { addInstance, ensureNoApplication, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_NCH_002",
    title: "A notification for a channel's contactURI is fetched by long polling",
    purpose: "TP_NSCL_NCH_002",
    objective: "Check that when a subscription's contact is a channel's contactURI, a change of the " +
        "subscribed resource makes a RETRIEVE of the channel's longPollingURI answer STATUS_OK with a " +
        "valid <notify> whose subscriptionReference names the subscription and whose representation " +
        "is the changed resource.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management: notification channels, long polling)" },
        { document: "ETSI TS 102 921", clause: "notificationChannel.xsd (longPollingURI); notify.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS && PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_LONG_POLLING",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let ch;
let c;
let sub;

export function preamble(ctx) {
    ch = freshChannel(ctx, "lp2");
    c = freshContainer(ctx, { id: "m2mbench-nch002" }, ch.app.application);
    sub = subscribe(ctx, c.instances, ch.contact, { id: "via-channel" });
}

export function body(ctx) {
    addInstance(ctx, c, "19.5 C");
    const rsp = ctx.device.retrieve(ch.poll);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "notify")) {
        const ref = ctx.select(rsp.body, "subscriptionReference")[0] || "";
        ctx.expectTrue(ref.endsWith(sub), `subscriptionReference names the subscription (${sub}); got '${ref}'`, rsp);
        ctx.expectEqual(ctx.select(rsp.body, "statusCode")[0], "STATUS_OK", "statusCode of the <notify>", rsp);
    }
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
