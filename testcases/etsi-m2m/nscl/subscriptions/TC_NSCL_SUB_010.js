// SPDX-License-Identifier: Apache-2.0
import { ensureNoContainer, expectOnlyNotified, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_010",
    title: "A subscription's filterCriteria (contentType) select the instances that are notified",
    purpose: "TP_NSCL_SUB_010",
    objective: "Check that with a <subscription> to a <contentInstances> whose filterCriteria " +
        "(ContentInstanceFilterCriteriaType) name contentType text/plain, the CREATE of an " +
        "application/json instance is not notified, the CREATE of a text/plain one is notified " +
        "once, and the notified representation lists only the text/plain instance; and that a " +
        "RETRIEVE of the subscription shows its filterCriteria.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management: filter criteria)" },
        { document: "ETSI TS 102 921", clause: "subscription.xsd (filterCriteria); contentInstances.xsd (ContentInstanceFilterCriteriaType)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_CONTAINERS && PICS_NSCL_SUBSCRIPTION_FILTER",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;
let sink;
let sub;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub010" });
    sink = ctx.subscriber("app-1");
    sub = subscribe(ctx, c.instances, sink.contact,
        { id: "text-only", filterCriteria: [["contentType", "text/plain"]] });
}

export function body(ctx) {
    const shown = ctx.device.retrieve(sub);
    ctx.expectStatus(shown, "STATUS_OK");
    if (ctx.expectValid(shown, "subscription")) {
        ctx.expectEqual((ctx.select(shown.body, "filterCriteria/contentType") || [])[0], "text/plain",
            "the subscription shows its filterCriteria", shown);
    }
    ctx.expectStatus(ctx.device.create(c.instances, "{\"t\": 21.5}", { contentType: "application/json" }),
        "STATUS_CREATED");
    const text = ctx.device.create(c.instances, "21.5 C", { contentType: "text/plain" });
    ctx.expectStatus(text, "STATUS_CREATED");
    const n = expectOnlyNotified(ctx, sink, text, "the text/plain instance");
    if (n) {
        ctx.expectValid({ body: n.body, seq: n.seq }, "notify");
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub010");
}
