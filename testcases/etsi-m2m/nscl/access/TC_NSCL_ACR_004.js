// SPDX-License-Identifier: Apache-2.0
import { freshAccessRight, ensureNoAccessRight } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_004",
    title: "The NSCL deletes an <accessRight>",
    purpose: "TP_NSCL_ACR_004",
    objective: "Check that a DELETE of an <accessRight> by a holder of DELETE in its selfPermissions " +
        "is answered STATUS_OK, that the <accessRight> is then gone (STATUS_NOT_FOUND with an " +
        "<errorInfo>) and no longer named in <accessRights>.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: delete)" },
        { document: "ETSI TS 102 921", clause: "<accessRight>, DELETE" },
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
    ctx.expectStatus(ctx.device.remove(a.accessRight), "STATUS_OK");
    const gone = ctx.device.retrieve(a.accessRight);
    ctx.expectStatus(gone, "STATUS_NOT_FOUND");
    ctx.expectValid(gone, "errorInfo");
    const all = ctx.device.retrieve(a.accessRights);
    ctx.expectStatus(all, "STATUS_OK");
    const ids = ctx.select(all.body, "accessRightCollection/namedReference/@id") || [];
    ctx.expectTrue(!ids.includes(a.id), `<accessRights> no longer names ${a.id}`, all);
}

export function postamble(ctx) {
    ensureNoAccessRight(ctx);
}
