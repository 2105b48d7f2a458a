// SPDX-License-Identifier: Apache-2.0
import { channelXml } from "../../../lib/channels.js";
import { ensureNoApplication, freshApplication } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_NCH_005",
    title: "A notification channel of another type, or with the NSCL's own attributes, is refused",
    purpose: "TP_NSCL_NCH_005",
    objective: "Check that a CREATE of a <notificationChannel> whose channelType is not LONG_POLLING, " +
        "and one that gives its own contactURI, are each answered STATUS_BAD_REQUEST with a valid " +
        "<errorInfo>, and that neither channel exists afterwards.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management: notification channels)" },
        { document: "ETSI TS 102 921", clause: "notificationChannel.xsd (ChannelType)" },
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
    const typed = ctx.device.create(channels, channelXml({ id: "ws", channelType: "WEB_SOCKET" }));
    ctx.expectStatus(typed, "STATUS_BAD_REQUEST");
    ctx.expectValid(typed, "errorInfo");
    const own = ctx.device.create(channels, channelXml({ id: "mine", contactURI: "http://app.invalid/notify" }));
    ctx.expectStatus(own, "STATUS_BAD_REQUEST");
    ctx.expectValid(own, "errorInfo");
    ctx.expectStatus(ctx.device.retrieve(`${channels}/ws`), "STATUS_NOT_FOUND");
    ctx.expectStatus(ctx.device.retrieve(`${channels}/mine`), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
