// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_007",
    title: "An expired subscription is gone and no longer notified",
    purpose: "TP_NSCL_SUB_007",
    objective: "Check that a <subscription> whose expirationTime is two seconds ahead is, three " +
        "seconds later, STATUS_NOT_FOUND, and that a new content instance then sends nothing to " +
        "its contact.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management)" },
        { document: "ETSI TS 102 921", clause: "<subscription> (subscription.xsd), <notify> (notify.xsd)" },
        { document: "ETSI TS 102 921", clause: "expirationTime (common.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;
let sink;
let sub;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub007" });
    sink = ctx.subscriber("app-1");
    sub = subscribe(ctx, c.instances, sink.contact, { id: "s1", expirationTime: ctx.dateTime(2) });
}

export function body(ctx) {
    ctx.sleep(3000);
    ctx.expectStatus(ctx.device.retrieve(sub), "STATUS_NOT_FOUND");
    addInstance(ctx, c, "after the expiry");
    ctx.expectEqual(sink.wait(1, 1000).length, 0, "notifications after the expiry (within 1 s)");
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub007");
}
