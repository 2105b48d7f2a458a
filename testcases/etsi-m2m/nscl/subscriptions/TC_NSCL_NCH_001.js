// SPDX-License-Identifier: Apache-2.0
import { channelXml, pathOf } from "../../../lib/channels.js";
import { ensureNoApplication, freshApplication } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_NCH_001",
    title: "The NSCL creates a long polling notification channel for an application",
    purpose: "TP_NSCL_NCH_001",
    objective: "Check that a CREATE of a LONG_POLLING <notificationChannel> in an application's " +
        "notificationChannels is answered STATUS_CREATED with its Location and a valid representation " +
        "whose contactURI and channelData/longPollingURI are absolute URIs of this channel, and that " +
        "the <application> references its notificationChannels.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management: notification channels)" },
        { document: "ETSI TS 102 921", clause: "<notificationChannel> (notificationChannel.xsd: LongPollingChannelData)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS && PICS_NSCL_LONG_POLLING",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = freshApplication(ctx);
}

export function body(ctx) {
    const channels = `${a.application}/notificationChannels`;
    const rsp = ctx.device.create(channels, channelXml({ id: "lp1" }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectHeader(rsp, "location")) {
        ctx.expectTrue(rsp.location.endsWith(`${channels}/lp1`), `Location names the channel; got ${rsp.location}`, rsp);
    }
    if (ctx.expectValid(rsp, "notificationChannel")) {
        ctx.expectEqual(ctx.select(rsp.body, "channelType")[0], "LONG_POLLING", "channelType", rsp);
        const contact = ctx.select(rsp.body, "contactURI")[0] || "";
        const poll = ctx.select(rsp.body, "channelData/longPollingURI")[0] || "";
        ctx.expectTrue(/^https?:\/\/[^/]+\//.test(contact) && pathOf(contact).startsWith(`${channels}/lp1`),
            `contactURI is an absolute URI of the channel; got '${contact}'`, rsp);
        ctx.expectTrue(/^https?:\/\/[^/]+\//.test(poll) && pathOf(poll).startsWith(`${channels}/lp1`),
            `longPollingURI is an absolute URI of the channel; got '${poll}'`, rsp);
    }
    const app = ctx.device.retrieve(a.application);
    const ref = ctx.select(app.body, "notificationChannelsReference")[0] || "";
    ctx.expectTrue(ref.endsWith(channels), `the <application> references its notificationChannels; got '${ref}'`, app);
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
