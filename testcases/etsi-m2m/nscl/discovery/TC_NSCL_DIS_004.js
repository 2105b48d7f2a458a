// SPDX-License-Identifier: Apache-2.0
import {
    containerPaths, discovered, discoveryPath, ensureDeregistered, ensureNoContainer, ensureRegistered,
    freshContainer, paths,
} from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_DIS_004",
    title: "Discovery keeps to its searchPrefix",
    purpose: "TP_NSCL_DIS_004",
    objective: "Check that a discovery with the bench's <scl> as searchPrefix lists the tagged " +
        "container of that <scl> and not the equally tagged container of the <sclBase>, and that " +
        "without searchPrefix both are listed.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (resource discovery)" },
        { document: "ETSI TS 102 921", clause: "<discovery> (discovery.xsd); filter criteria" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_DISCOVERY && PICS_NSCL_CONTAINERS && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_SCL_LIFETIME_S", "PX_STEP_TIMEOUT_MS"],
};

let inScl;
let inBase;

export function preamble(ctx) {
    ensureRegistered(ctx);
    inScl = freshContainer(ctx, { id: "m2mbench-dis004", searchStrings: ["m2mbench-dis-p"] }, paths(ctx).scl);
    inBase = freshContainer(ctx, { id: "m2mbench-dis004", searchStrings: ["m2mbench-dis-p"] });
}

export function body(ctx) {
    const scoped = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-p"], searchPrefix: paths(ctx).scl }));
    ctx.expectStatus(scoped, "STATUS_OK");
    if (ctx.expectValid(scoped, "discovery")) {
        ctx.expectEqual(discovered(ctx, scoped).join(" "), inScl.container, "only the <scl>'s container", scoped);
    }
    const everywhere = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-p"] }));
    ctx.expectStatus(everywhere, "STATUS_OK");
    ctx.expectEqual(discovered(ctx, everywhere).sort().join(" "), [inBase.container, inScl.container].sort().join(" "),
        "both containers without searchPrefix", everywhere);
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-dis004");
    ensureDeregistered(ctx);
}
