// SPDX-License-Identifier: Apache-2.0
import { ensureNoContainer, expectOnlyNotified, freshContainer, subscribe, subscriptionXml } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_013",
    title: "An UPDATE of a subscription's filterCriteria changes what is notified",
    purpose: "TP_NSCL_SUB_013",
    objective: "Check that after an UPDATE replaces the filterCriteria of a <subscription> " +
        "(contentType text/plain by application/json), answered STATUS_OK with the new criteria, " +
        "a text/plain instance is no longer notified and an application/json one is.",
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
    c = freshContainer(ctx, { id: "m2mbench-sub013" });
    sink = ctx.subscriber("app-1");
    sub = subscribe(ctx, c.instances, sink.contact,
        { id: "retyped", filterCriteria: [["contentType", "text/plain"]] });
}

export function body(ctx) {
    const updated = ctx.device.update(sub, subscriptionXml({
        id: "retyped", contact: sink.contact, filterCriteria: [["contentType", "application/json"]],
    }));
    ctx.expectStatus(updated, "STATUS_OK");
    ctx.expectEqual((ctx.select(updated.body, "filterCriteria/contentType") || [])[0], "application/json",
        "the updated subscription shows its new filterCriteria", updated);
    ctx.expectStatus(ctx.device.create(c.instances, "21.5 C", { contentType: "text/plain" }), "STATUS_CREATED");
    const json = ctx.device.create(c.instances, "{\"t\": 21.5}", { contentType: "application/json" });
    ctx.expectStatus(json, "STATUS_CREATED");
    expectOnlyNotified(ctx, sink, json, "the application/json instance");
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub013");
}
