// SPDX-License-Identifier: Apache-2.0
import { deviceInfoXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered, subscribe } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REM_015",
    title: "A management application subscribed to an SCL's mgmtObjs is notified of a new object",
    purpose: "TP_NSCL_REM_015",
    objective: "Check that when a node adds a <mgmtObj> to the mgmtObjs a network application " +
        "subscribed to, the NSCL sends one valid <notify> to the subscriber's contact whose " +
        "representation names the new object.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (subscription management); annex B (xREM)" },
        { document: "ETSI TS 102 921", clause: "notify.xsd; mgmtObjs.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SUBSCRIPTIONS && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_OBJ_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;
let sub;

export function preamble(ctx) {
    s = sclPaths(ctx);
    ensureRegistered(ctx);
    ensureGone(ctx, `${s.mgmtObjs}/${ctx.pixit("PX_MGMT_OBJ_ID")}`);
}

export function body(ctx) {
    const sink = ctx.subscriber("rem-app");
    sub = subscribe(ctx, s.mgmtObjs, sink.contact, { id: "m2mbench-rem015" });
    ctx.expectStatus(ctx.device.create(s.mgmtObjs, deviceInfoXml(ctx, "MB-15")), "STATUS_CREATED");
    const got = sink.wait(1);
    ctx.expectEqual(got.length, 1, "notifications at the contact");
    if (got.length > 0) {
        const n = got[0];
        ctx.expectValid({ body: n.body, seq: n.seq }, "notify");
        ctx.expectTrue(String(n.subscriptionReference).endsWith(sub),
            `subscriptionReference names the subscription (${sub}); got '${n.subscriptionReference}'`, n);
        const ids = ctx.select(n.representation, "mgmtObjCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes(ctx.pixit("PX_MGMT_OBJ_ID")),
            `the notified <mgmtObjs> names the new object; names [${ids}]`, n);
    }
}

export function postamble(ctx) {
    if (sub) {
        ctx.device.remove(sub);
    }
    ensureGone(ctx, `${s.mgmtObjs}/${ctx.pixit("PX_MGMT_OBJ_ID")}`);
}
