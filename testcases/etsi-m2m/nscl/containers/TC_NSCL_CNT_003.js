// SPDX-License-Identifier: Apache-2.0
import { containerXml, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CNT_003",
    title: "The NSCL refuses a second <container> with an id in use",
    purpose: "TP_NSCL_CNT_003",
    objective: "Check that a CREATE of a <container> whose id names an existing container is " +
        "answered STATUS_CONFLICT with a valid <errorInfo>, and that the existing one is unchanged.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: create)" },
        { document: "ETSI TS 102 921", clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { maxNrOfInstances: 5 });
}

export function body(ctx) {
    const again = ctx.device.create(c.containers, containerXml({ id: c.id, maxNrOfInstances: 9 }));
    ctx.expectStatus(again, "STATUS_CONFLICT");
    if (ctx.expectValid(again, "errorInfo")) {
        ctx.expectEqual(ctx.select(again.body, "statusCode")[0], "STATUS_CONFLICT",
            "statusCode in <errorInfo>", again);
    }
    const kept = ctx.device.retrieve(c.container);
    ctx.expectStatus(kept, "STATUS_OK");
    ctx.expectEqual(ctx.select(kept.body, "maxNrOfInstances")[0], "5",
        "the refused CREATE left maxNrOfInstances as it was", kept);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
