// SPDX-License-Identifier: Apache-2.0
import { discovered, discoveryPath } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_DIS_006",
    title: "A discovery that matches nothing answers an empty <discovery>",
    purpose: "TP_NSCL_DIS_006",
    objective: "Check that a discovery with a searchString no resource carries is answered STATUS_OK " +
        "(not STATUS_NOT_FOUND) with a valid <discovery> of matchSize 0, truncated false and no URI.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (resource discovery)" },
        { document: "ETSI TS 102 921", clause: "<discovery> (discovery.xsd); filter criteria" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_DISCOVERY",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

export function body(ctx) {
    const rsp = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-nothing-carries-this"] }));
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "discovery")) {
        ctx.expectEqual(ctx.select(rsp.body, "matchSize")[0], "0", "matchSize", rsp);
        ctx.expectEqual(ctx.select(rsp.body, "truncated")[0], "false", "truncated", rsp);
        ctx.expectEqual(discovered(ctx, rsp).length, 0, "no URI", rsp);
    }
}
