// SPDX-License-Identifier: Apache-2.0
import { containerXml, ensureNoContainer, freshContainer, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_SUB_006",
    title: "An UPDATE of a subscribed container is notified with its new state",
    purpose: "TP_NSCL_SUB_006",
    objective: "Check that after an UPDATE of a subscribed <container> that changes maxNrOfInstances, " +
        "the subscriber gets one <notify> whose representation is the <container> with the new " +
        "maxNrOfInstances.",
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

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-sub006", maxNrOfInstances: 5 });
    sink = ctx.subscriber("app-1");
    subscribe(ctx, c.container, sink.contact, { id: "s1" });
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.update(c.container, containerXml({ maxNrOfInstances: 7 })), "STATUS_OK");
    const got = sink.wait(1);
    ctx.expectEqual(got.length, 1, "notifications at the contact");
    if (got.length > 0) {
        ctx.expectValid({ body: got[0].body, seq: got[0].seq }, "notify");
        ctx.expectEqual(ctx.select(got[0].representation, "maxNrOfInstances")[0], "7",
            "the representation shows the updated maxNrOfInstances", got[0]);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-sub006");
}
