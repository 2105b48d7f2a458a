// SPDX-License-Identifier: Apache-2.0
import { discovered, discoveryPath, ensureNoContainer, taggedContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_DIS_002",
    title: "Discovery by several searchStrings finds the resources that have them all",
    purpose: "TP_NSCL_DIS_002",
    objective: "Check that a discovery with two searchStrings lists only the container that carries " +
        "both, not those that carry one of them.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (resource discovery)" },
        { document: "ETSI TS 102 921", clause: "<discovery> (discovery.xsd); filter criteria" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_DISCOVERY && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = taggedContainers(ctx, "m2mbench-dis002", [["m2mbench-dis-a"], ["m2mbench-dis-a", "m2mbench-dis-b"], ["m2mbench-dis-b"]]);
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-a", "m2mbench-dis-b"] }));
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "discovery")) {
        ctx.expectEqual(discovered(ctx, rsp).join(" "), c[1].container, "only the container with both searchStrings", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "matchSize")[0], "1", "matchSize", rsp);
    }
}

export function postamble(ctx) {
    [1, 2, 3].forEach((i) => ensureNoContainer(ctx, `m2mbench-dis002-${i}`));
}
