// SPDX-License-Identifier: Apache-2.0
import { freshAccessRight, ensureNoAccessRight } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_002",
    title: "The NSCL lists an <accessRight> in <accessRights> and references the collection",
    purpose: "TP_NSCL_ACR_002",
    objective: "Check that the <sclBase> references its <accessRights>, that a RETRIEVE of " +
        "<accessRights> gives a valid collection naming the created <accessRight>, and that a " +
        "RETRIEVE of the <accessRight> gives it back.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: retrieve)" },
        { document: "ETSI TS 102 921", clause: "<accessRights> (accessRights.xsd), <sclBase> (sclBase.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = freshAccessRight(ctx);
}

export function body(ctx) {
    const base = ctx.device.retrieve(ctx.pixit("PX_NSCL_BASE"));
    ctx.expectStatus(base, "STATUS_OK");
    if (ctx.expectValid(base, "sclBase")) {
        const ref = ctx.select(base.body, "accessRightsReference")[0] || "";
        ctx.expectTrue(ref.endsWith(a.accessRights),
            `<sclBase> references its <accessRights> (${a.accessRights}); got '${ref}'`, base);
    }
    const all = ctx.device.retrieve(a.accessRights);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "accessRights")) {
        const ids = ctx.select(all.body, "accessRightCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes(a.id), `<accessRights> names ${a.id}; names [${ids}]`, all);
    }
    const one = ctx.device.retrieve(a.accessRight);
    ctx.expectStatus(one, "STATUS_OK");
    if (ctx.expectValid(one, "accessRight")) {
        ctx.expectEqual(ctx.select(one.body, "@id")[0], a.id, "id of the retrieved <accessRight>", one);
    }
}

export function postamble(ctx) {
    ensureNoAccessRight(ctx);
}
