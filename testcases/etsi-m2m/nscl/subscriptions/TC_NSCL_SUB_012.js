// SPDX-License-Identifier: Apache-2.0
import { ensureNoContainer, freshContainer, subscriptionXml } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_012",
    title: "The NSCL refuses a subscription whose filterCriteria are malformed",
    purpose: "TP_NSCL_SUB_012",
    objective: "Check that a CREATE of a <subscription> to a <contentInstances> whose filterCriteria " +
        "hold a sizeFrom that is not an xs:int, a createdSince that is not an xs:dateTime, or an " +
        "element that is no filter criterion is answered STATUS_BAD_REQUEST with a valid " +
        "<errorInfo>, and that none of them leaves a <subscription> behind.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management: filter criteria)" },
        { document: "ETSI TS 102 921", clause: "subscription.xsd (filterCriteria); contentInstances.xsd (ContentInstanceFilterCriteriaType)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_CONTAINERS && PICS_NSCL_SUBSCRIPTION_FILTER",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub012" });
}

export function body(ctx) {
    const contact = "http://127.0.0.1:9/m2mbench-sub012";
    const bad = {
        "sizeFrom=many": [["sizeFrom", "many"]],
        "createdSince=yesterday": [["createdSince", "yesterday"]],
        "<colour>": [["colour", "red"]],
    };
    for (const [what, criteria] of Object.entries(bad)) {
        ctx.log(`CREATE with the filter criterion ${what}`);
        const rsp = ctx.device.create(`${c.instances}/subscriptions`,
            subscriptionXml({ id: "bad-filter", contact, filterCriteria: criteria }));
        ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
        ctx.expectValid(rsp, "errorInfo");
    }
    const all = ctx.device.retrieve(`${c.instances}/subscriptions`);
    ctx.expectStatus(all, "STATUS_OK");
    const ids = ctx.select(all.body, "subscriptionCollection/namedReference/@id") || [];
    ctx.expectTrue(ids.length === 0, `no subscription was created; listed [${ids}]`, all);
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub012");
}
