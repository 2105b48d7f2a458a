// SPDX-License-Identifier: Apache-2.0
import { ensureNoContainer, freshContainer, subscriptionXml } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_001",
    title: "The NSCL creates a <subscription> to a container's content instances",
    purpose: "TP_NSCL_SUB_001",
    objective: "Check that a CREATE of a <subscription> in a <contentInstances>' subscriptions is " +
        "answered STATUS_CREATED with its Location and a valid representation that keeps the " +
        "contact and subscriptionType, and that a RETRIEVE of <subscriptions> names it.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management)" },
        { document: "ETSI TS 102 921", clause: "<subscription> (subscription.xsd), <notify> (notify.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub001" });
}

export function body(ctx) {
    const sink = ctx.subscriber("app-1");
    const rsp = ctx.device.create(c.instances + "/subscriptions",
        subscriptionXml({ id: "s1", subscriptionType: "ASYNCHRONOUS", contact: sink.contact }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectHeader(rsp, "location")) {
        ctx.expectTrue(rsp.location.endsWith(c.instances + "/subscriptions/s1"),
            `Location names the subscription; got ${rsp.location}`, rsp);
    }
    if (ctx.expectValid(rsp, "subscription")) {
        ctx.expectEqual(ctx.select(rsp.body, "contact")[0], sink.contact, "the contact as given", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "subscriptionType")[0], "ASYNCHRONOUS", "subscriptionType", rsp);
        ctx.expectTrue(ctx.select(rsp.body, "creationTime").length === 1, "creationTime set by the NSCL", rsp);
    }
    const all = ctx.device.retrieve(c.instances + "/subscriptions");
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "subscriptions")) {
        const ids = ctx.select(all.body, "subscriptionCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes("s1"), `<subscriptions> names s1; names [${ids}]`, all);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub001");
}
