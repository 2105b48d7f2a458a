// SPDX-License-Identifier: Apache-2.0
import { containerPaths, ensureNoContainer, M2M_NS } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CNT_006",
    title: "The NSCL refuses a <container> CREATE with a malformed body",
    purpose: "TP_NSCL_CNT_006",
    objective: "Check that a CREATE in <containers> whose body is not well-formed XML is answered " +
        "STATUS_BAD_REQUEST with a valid <errorInfo>, and that no container is created.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: create)" },
        { document: "ETSI TS 102 921", clause: "<errorInfo> (errorInfo.xsd), STATUS_BAD_REQUEST" },
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
    const before = ctx.device.retrieve(c.containers);
    ctx.expectStatus(before, "STATUS_OK");
    const count = (ctx.select(before.body, "containerCollection/namedReference") || []).length;
    const broken = `<?xml version="1.0"?>\n<m2m:container xmlns:m2m="${M2M_NS}" m2m:id="${c.id}">` +
        "<m2m:maxNrOfInstances>3</m2m:maxNrOfInstances>"; // never closed
    const rsp = ctx.device.create(c.containers, broken);
    ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
    ctx.expectValid(rsp, "errorInfo");
    const after = ctx.device.retrieve(c.containers);
    ctx.expectStatus(after, "STATUS_OK");
    ctx.expectEqual((ctx.select(after.body, "containerCollection/namedReference") || []).length,
        count, "no container was created", after);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
