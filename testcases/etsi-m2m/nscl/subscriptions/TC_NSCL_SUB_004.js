// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_004",
    title: "A deleted subscription is no longer notified",
    purpose: "TP_NSCL_SUB_004",
    objective: "Check that a DELETE of a <subscription> is answered STATUS_OK, that the subscription " +
        "is then STATUS_NOT_FOUND, and that a later content instance sends nothing to its contact.",
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
let sub;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub004" });
    sink = ctx.subscriber("app-1");
    sub = subscribe(ctx, c.instances, sink.contact, { id: "s1" });
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.remove(sub), "STATUS_OK");
    const gone = ctx.device.retrieve(sub);
    ctx.expectStatus(gone, "STATUS_NOT_FOUND");
    ctx.expectValid(gone, "errorInfo");
    addInstance(ctx, c, "after the unsubscription");
    ctx.expectEqual(sink.wait(1, 1000).length, 0, "notifications after the DELETE (within 1 s)");
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub004");
}
