// SPDX-License-Identifier: Apache-2.0
import { freshChannel } from "../../../lib/channels.js";
import { ensureNoApplication } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_NCH_004",
    title: "A long poll on an empty channel is held, then answered STATUS_REQUEST_TIMEOUT",
    purpose: "TP_NSCL_NCH_004",
    objective: "Check that a RETRIEVE of the longPollingURI of a channel with no notification waiting " +
        "is answered STATUS_REQUEST_TIMEOUT with a valid <errorInfo>, and, over HTTP, not before the " +
        "NSCL held it for most of PX_LONG_POLL_HOLD_MS (a poll answered at once is plain polling, " +
        "which is what long polling exists to avoid).",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management: notification channels, long polling)" },
        { document: "ETSI TS 102 921", clause: "notificationChannel.xsd (LONG_POLLING); errorInfo.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS && PICS_NSCL_LONG_POLLING",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_LONG_POLL_HOLD_MS", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let ch;

export function preamble(ctx) {
    ch = freshChannel(ctx, "lp4");
}

export function body(ctx) {
    const hold = ctx.pixit("PX_LONG_POLL_HOLD_MS");
    const rsp = ctx.device.retrieve(ch.poll);
    ctx.expectStatus(rsp, "STATUS_REQUEST_TIMEOUT");
    ctx.expectValid(rsp, "errorInfo");
    if (rsp.binding === "http") {
        ctx.expectTrue(rsp.elapsedMs >= 0.8 * hold,
            `the NSCL held the poll ${Math.round(rsp.elapsedMs)} ms (at least 80 % of ${hold} ms)`, rsp);
    } else {
        ctx.log(`over ${rsp.binding} the poll is not held (the reference NSCL holds long polls over HTTP only)`);
    }
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
