// SPDX-License-Identifier: Apache-2.0
import { ensureNoContainer, expectOnlyNotified, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_011",
    title: "A subscription's filterCriteria (sizeFrom, sizeUntil) select the instances that are notified",
    purpose: "TP_NSCL_SUB_011",
    objective: "Check that with a <subscription> to a <contentInstances> whose filterCriteria are " +
        "sizeFrom 4 and sizeUntil 16, instances of 2 and of 40 bytes are not notified and one of " +
        "10 bytes is, exactly once, with a representation that lists it alone.",
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

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub011" });
    sink = ctx.subscriber("app-1");
    subscribe(ctx, c.instances, sink.contact,
        { id: "mid-sized", filterCriteria: [["sizeFrom", "4"], ["sizeUntil", "16"]] });
}

export function body(ctx) {
    for (const text of ["ok", "x".repeat(40)]) {
        ctx.expectStatus(ctx.device.create(c.instances, text, { contentType: "text/plain" }), "STATUS_CREATED");
    }
    const fits = ctx.device.create(c.instances, "0123456789", { contentType: "text/plain" });
    ctx.expectStatus(fits, "STATUS_CREATED");
    expectOnlyNotified(ctx, sink, fits, "the 10-byte instance");
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub011");
}
