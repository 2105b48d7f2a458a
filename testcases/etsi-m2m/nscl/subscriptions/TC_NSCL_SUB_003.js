// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_003",
    title: "Every subscriber of a resource is notified",
    purpose: "TP_NSCL_SUB_003",
    objective: "Check that with two subscriptions to the same <contentInstances>, each with its own " +
        "contact, one new content instance makes the NSCL notify each contact once, each naming " +
        "its own subscription.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management)" },
        { document: "ETSI TS 102 921", clause: "<subscription> (subscription.xsd), <notify> (notify.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;
let sinks;
let subs;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub003" });
    sinks = [ctx.subscriber("app-1"), ctx.subscriber("app-2")];
    subs = sinks.map((s, i) => subscribe(ctx, c.instances, s.contact, { id: `s${i + 1}` }));
}

export function body(ctx) {
    addInstance(ctx, c, "one change");
    sinks.forEach((s, i) => {
        const got = s.wait(1);
        ctx.expectEqual(got.length, 1, `notifications at subscriber ${i + 1}`);
        if (got.length > 0) {
            ctx.expectTrue(String(got[0].subscriptionReference).endsWith(subs[i]),
                `subscriber ${i + 1}'s notification names its subscription`, got[0]);
        }
    });
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub003");
}
