// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_FLT_002",
    title: "A RETRIEVE of <contentInstances> filtered by content size",
    purpose: "TP_NSCL_FLT_002",
    objective: "Check that with sizeFrom=4 and sizeUntil=8, of instances of 2, 6 and 12 octets the " +
        "NSCL lists only the one of 6 octets, and that each listed contentSize is within the bounds.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: retrieve with filter criteria)" },
        { document: "ETSI TS 102 921", clause: "contentInstances.xsd (sizeFrom, sizeUntil)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_FILTER_CRITERIA",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-flt002" });
    for (const text of ["ab", "abcdef", "abcdefghijkl"]) {
        addInstance(ctx, c, text);
    }
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(`${c.instances}?sizeFrom=4&sizeUntil=8`);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "contentInstances")) {
        const sizes = ctx.select(rsp.body, "contentInstanceCollection/contentInstance/contentSize");
        ctx.expectEqual(sizes.join(" "), "6", "contentSize of the instances listed", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "currentNrOfInstances")[0], "3",
            "currentNrOfInstances still counts every instance of the container", rsp);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-flt002");
}
