// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_002",
    title: "A new content instance is notified to the subscriber",
    purpose: "TP_NSCL_SUB_002",
    objective: "Check that after a CREATE of a content instance in a subscribed <contentInstances>, " +
        "the NSCL sends exactly one NOTIFY to the subscription's contact, whose body is a valid " +
        "<notify> with statusCode STATUS_OK, the subscription's URI as subscriptionReference and " +
        "the new state of <contentInstances> (one instance) as representation.",
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
    c = freshContainer(ctx, { id: "m2mbench-sub002" });
    sink = ctx.subscriber("app-1");
    sub = subscribe(ctx, c.instances, sink.contact, { id: "s1" });
}

export function body(ctx) {
    addInstance(ctx, c, "21.5 C");
    const got = sink.wait(1);
    ctx.expectEqual(got.length, 1, "notifications at the contact");
    if (got.length > 0) {
        const n = got[0];
        ctx.expectValid({ body: n.body, seq: n.seq }, "notify");
        ctx.expectEqual(n.statusCode, "STATUS_OK", "statusCode of the <notify>", n);
        ctx.expectTrue(String(n.subscriptionReference).endsWith(sub),
            `subscriptionReference names the subscription (${sub}); got '${n.subscriptionReference}'`, n);
        ctx.expectEqual(ctx.select(n.representation, "currentNrOfInstances")[0], "1",
            "the representation is <contentInstances> after the CREATE", n);
    }
    ctx.sleep(300);
    ctx.expectEqual(sink.received(), 1, "no second notification for one change");
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub002");
}
