// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_009",
    title: "minimalTimeBetweenNotifications holds back notifications",
    purpose: "TP_NSCL_SUB_009",
    objective: "Check that with minimalTimeBetweenNotifications of 60000 ms, two content instances " +
        "created one after the other give the subscriber one notification, not two.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management)" },
        { document: "ETSI TS 102 921", clause: "<subscription> (subscription.xsd), <notify> (notify.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;
let sink;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub009" });
    sink = ctx.subscriber("app-1");
    subscribe(ctx, c.instances, sink.contact, { id: "s1", minimalTimeBetweenNotifications: 60000 });
}

export function body(ctx) {
    addInstance(ctx, c, "first");
    ctx.expectEqual(sink.wait(1).length, 1, "a notification of the first instance");
    addInstance(ctx, c, "second, within the minimal time");
    ctx.expectEqual(sink.wait(2, 1000).length, 1, "notifications after the second instance (within 1 s)");
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub009");
}
