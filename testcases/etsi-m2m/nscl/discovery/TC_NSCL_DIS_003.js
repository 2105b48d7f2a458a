// SPDX-License-Identifier: Apache-2.0
import { discovered, discoveryPath, ensureNoContainer, taggedContainers } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_DIS_003",
    title: "Discovery keeps to maxSize and says the answer is truncated",
    purpose: "TP_NSCL_DIS_003",
    objective: "Check that a discovery with maxSize 2 over three matching containers lists two of " +
        "them, with matchSize 3 and truncated true, and that maxSize 3 lists all three with " +
        "truncated false.",
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
    c = taggedContainers(ctx, "m2mbench-dis003", [["m2mbench-dis-m"], ["m2mbench-dis-m"], ["m2mbench-dis-m"]]);
}

export function body(ctx) {
    const cut = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-m"], maxSize: 2 }));
    ctx.expectStatus(cut, "STATUS_OK");
    if (ctx.expectValid(cut, "discovery")) {
        const got = discovered(ctx, cut);
        ctx.expectEqual(got.length, 2, "two URIs for maxSize 2", cut);
        ctx.expectTrue(got.every((u) => c.some((x) => x.container === u)), "each one of the matching containers", cut);
        ctx.expectEqual(ctx.select(cut.body, "matchSize")[0], "3", "matchSize counts every match", cut);
        ctx.expectEqual(ctx.select(cut.body, "truncated")[0], "true", "truncated", cut);
    }
    const whole = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-m"], maxSize: 3 }));
    ctx.expectStatus(whole, "STATUS_OK");
    ctx.expectEqual(discovered(ctx, whole).length, 3, "three URIs for maxSize 3", whole);
    ctx.expectEqual(ctx.select(whole.body, "truncated")[0], "false", "not truncated", whole);
}

export function postamble(ctx) {
    [1, 2, 3].forEach((i) => ensureNoContainer(ctx, `m2mbench-dis003-${i}`));
}
