// SPDX-License-Identifier: Apache-2.0
import { discovered, discoveryPath, ensureNoContainer, taggedContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_DIS_001",
    title: "Discovery by one searchString finds exactly the tagged resources",
    purpose: "TP_NSCL_DIS_001",
    objective: "Check that the <sclBase> references its discovery, and that a RETRIEVE of discovery " +
        "with one searchString is answered STATUS_OK with a valid <discovery> whose discoveryURI " +
        "lists the two containers carrying that searchString and not the one without it, with " +
        "matchSize 2 and truncated false.",
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
    c = taggedContainers(ctx, "m2mbench-dis001", [["m2mbench-dis-a"], ["m2mbench-dis-a", "m2mbench-dis-b"], ["m2mbench-dis-b"]]);
}

export function body(ctx) {
    const base = ctx.device.retrieve(ctx.pixit("PX_NSCL_BASE"));
    ctx.expectStatus(base, "STATUS_OK");
    const ref = ctx.select(base.body, "discoveryReference")[0] || "";
    ctx.expectTrue(ref.endsWith(discoveryPath(ctx)), `<sclBase> references its discovery; got '${ref}'`, base);
    const rsp = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-a"] }));
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "discovery")) {
        ctx.expectEqual(discovered(ctx, rsp).sort().join(" "), [c[0].container, c[1].container].sort().join(" "),
            "the containers tagged m2mbench-dis-a, and only they", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "matchSize")[0], "2", "matchSize", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "truncated")[0], "false", "truncated", rsp);
    }
}

export function postamble(ctx) {
    [1, 2, 3].forEach((i) => ensureNoContainer(ctx, `m2mbench-dis001-${i}`));
}
