// SPDX-License-Identifier: Apache-2.0
import { ensureNoContainer, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_008",
    title: "Deleting a resource ends its subscriptions and notifies its collection's subscribers",
    purpose: "TP_NSCL_SUB_008",
    objective: "Check that a DELETE of a subscribed <container> leaves its subscription " +
        "STATUS_NOT_FOUND, and that a subscriber of the <containers> collection gets a <notify> " +
        "whose representation no longer names the container.",
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
let onContainer;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub008" });
    sink = ctx.subscriber("app-1");
    onContainer = subscribe(ctx, c.container, sink.contact, { id: "s-container" });
}

export function body(ctx) {
    const other = ctx.subscriber("app-3");
    const watch = subscribe(ctx, c.containers, other.contact, { id: "m2mbench-sub008-w" });
    ctx.expectStatus(ctx.device.remove(c.container), "STATUS_OK");
    ctx.expectStatus(ctx.device.retrieve(onContainer), "STATUS_NOT_FOUND");
    const got = other.wait(1);
    ctx.expectEqual(got.length, 1, "notifications to the <containers> subscriber");
    if (got.length > 0) {
        const ids = ctx.select(got[0].representation, "containerCollection/namedReference/@id") || [];
        ctx.expectTrue(!ids.includes(c.id), `the <containers> representation no longer names ${c.id}`, got[0]);
    }
    ctx.device.remove(watch);
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub008");
}
