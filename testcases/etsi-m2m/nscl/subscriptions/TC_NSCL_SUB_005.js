// SPDX-License-Identifier: Apache-2.0
import { M2M_NS, ensureNoContainer, freshContainer, subscriptionXml } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_005",
    title: "The NSCL refuses invalid <subscription> representations",
    purpose: "TP_NSCL_SUB_005",
    objective: "Check that a CREATE of a <subscription> without contact, with a contact that is not " +
        "an absolute http/https/coap/coaps URI, with a subscriptionType outside SubscriptionType, " +
        "with both minimalTimeBetweenNotifications and delayTolerance, in the wrong namespace or " +
        "with an unknown element is answered STATUS_BAD_REQUEST with a valid <errorInfo>, and that " +
        "a subscription to a resource that does not exist is STATUS_NOT_FOUND.",
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
    c = freshContainer(ctx, { id: "m2mbench-sub005" });
}

export function body(ctx) {
    const contact = "http://127.0.0.1:9/m2mbench";
    const good = subscriptionXml({ contact });
    const cases = [
        ["no contact", subscriptionXml({})],
        ["a relative contact", subscriptionXml({ contact: "notify/here" })],
        ["an ftp contact", subscriptionXml({ contact: "ftp://127.0.0.1/x" })],
        ["subscriptionType SOMETIMES", subscriptionXml({ contact, subscriptionType: "SOMETIMES" })],
        ["minimalTimeBetweenNotifications and delayTolerance",
            subscriptionXml({ contact, minimalTimeBetweenNotifications: 10, delayTolerance: ctx.dateTime(60) })],
        ["the wrong namespace", good.replace(`xmlns:m2m="${M2M_NS}"`, 'xmlns:m2m="http://uri.etsi.org/m2m/1.0"')],
        ["an unknown element", good.replace("</m2m:subscription>", "<m2m:priority>1</m2m:priority></m2m:subscription>")],
    ];
    for (const [what, xml] of cases) {
        ctx.log(`CREATE with ${what}`);
        const rsp = ctx.device.create(c.instances + "/subscriptions", xml);
        ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
        ctx.expectValid(rsp, "errorInfo");
    }
    const none = ctx.device.create(c.container + "-missing/subscriptions", good);
    ctx.expectStatus(none, "STATUS_NOT_FOUND");
    const all = ctx.device.retrieve(c.instances + "/subscriptions");
    ctx.expectEqual((ctx.select(all.body, "subscriptionCollection/namedReference") || []).length, 0,
        "no subscription was created", all);
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub005");
}
