// SPDX-License-Identifier: Apache-2.0
import { containerPaths, containerXml, ensureNoContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CNT_007",
    title: "The NSCL refuses a <container> in a foreign namespace",
    purpose: "TP_NSCL_CNT_007",
    objective: "Check that a CREATE of a <container> element that is not in the m2m namespace " +
        "is answered STATUS_BAD_REQUEST with a valid <errorInfo>, and that nothing is created.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: create)" },
        { document: "ETSI TS 102 921", clause: "namespace http://uri.etsi.org/m2m" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureNoContainer(ctx);
}

export function body(ctx) {
    const c = containerPaths(ctx);
    const rsp = ctx.device.create(c.containers,
        containerXml({ id: c.id, namespace: "http://example.invalid/not-m2m" }));
    ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
    ctx.expectValid(rsp, "errorInfo");
    ctx.expectStatus(ctx.device.retrieve(c.container), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
