// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_006",
    title: "The NSCL refuses an UPDATE of a content instance",
    purpose: "TP_NSCL_CIN_006",
    objective: "Check that an UPDATE of a <contentInstance> (instances cannot be changed once " +
        "created) is answered STATUS_METHOD_NOT_ALLOWED with an <errorInfo>, and that the " +
        "instance's content is unchanged.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: contentInstance)" },
        { document: "ETSI TS 102 921", clause: "<contentInstance>: allowed methods" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx);
}

export function body(ctx) {
    const made = addInstance(ctx, c, "original");
    const id = (ctx.select(made.body, "@id") || [])[0];
    const href = `${c.instances}/${id}`;
    const upd = ctx.device.update(href, "changed", { contentType: "text/plain" });
    ctx.expectStatus(upd, "STATUS_METHOD_NOT_ALLOWED");
    ctx.expectValid(upd, "errorInfo");
    const raw = ctx.device.retrieve(`${href}/content`);
    ctx.expectEqual(raw.body, "original", "the instance's content is unchanged", raw);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
