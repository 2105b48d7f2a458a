// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_005",
    title: "The NSCL keeps a container within maxByteSize",
    purpose: "TP_NSCL_CIN_005",
    objective: "Check that in a <container> with maxByteSize 10, two 6-byte instances leave only " +
        "the newer (currentByteSize 6), and that an 11-byte instance, which cannot fit at all, is " +
        "refused with an error status and an <errorInfo>.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: maxByteSize)" },
        { document: "ETSI TS 102 921", clause: "<container> maxByteSize (container.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_CONTAINER_LIMITS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { maxByteSize: 10 });
}

export function body(ctx) {
    addInstance(ctx, c, "aaaaaa");
    addInstance(ctx, c, "bbbbbb");
    const all = ctx.device.retrieve(c.instances);
    ctx.expectStatus(all, "STATUS_OK");
    ctx.expectEqual(ctx.select(all.body, "currentByteSize")[0], "6",
        "currentByteSize after the older instance was dropped", all);
    ctx.expectEqual(ctx.select(all.body, "currentNrOfInstances")[0], "1",
        "one instance is left", all);
    const big = ctx.device.create(c.instances, "ccccccccccc", { contentType: "text/plain" });
    ctx.expectStatus(big, ["STATUS_FORBIDDEN", "STATUS_BAD_REQUEST", "STATUS_NOT_ACCEPTABLE"]);
    ctx.expectValid(big, "errorInfo");
    const latest = ctx.device.retrieve(`${c.latest}/content`);
    ctx.expectEqual(latest.body, "bbbbbb", "the refused instance did not replace the latest", latest);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
