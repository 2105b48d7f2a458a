// SPDX-License-Identifier: Apache-2.0
import { contentInstanceXml, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_010",
    title: "The NSCL refuses a <contentInstance> whose contentSize belies its content",
    purpose: "TP_NSCL_CIN_010",
    objective: "Check that a CREATE of a <contentInstance> declaring a contentSize different from " +
        "the size of its content is answered STATUS_BAD_REQUEST with an <errorInfo>, and that no " +
        "instance is stored.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: contentInstance create)" },
        { document: "ETSI TS 102 921", clause: "<contentInstance> contentSize (contentInstance.xsd)" },
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
    const rsp = ctx.device.create(c.instances, contentInstanceXml("12345", { contentSize: 9 }));
    ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
    ctx.expectValid(rsp, "errorInfo");
    const all = ctx.device.retrieve(c.instances);
    ctx.expectStatus(all, "STATUS_OK");
    ctx.expectEqual((ctx.select(all.body, "currentNrOfInstances") || [])[0], "0",
        "no instance was stored", all);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
