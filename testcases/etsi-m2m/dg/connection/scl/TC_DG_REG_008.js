// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgPaths, quietList, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_008",
    title: "A registration the NSCL refuses outright is not repeated",
    purpose: "TP_DG_REG_008",
    objective: "Check that when the NSCL answers the registration with STATUS_FORBIDDEN (a refusal the same " +
        "request cannot overcome), the D/GSCL does not send the same registration again within the " +
        "quiet period.",
    references: [
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "<scl> resource (scl.xsd)" },
        { document: TS102921, clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_REG_RETRY",
    pixit: ["PX_DG_REG_QUIET_MS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    ctx.nscl.answerNext({ method: "CREATE", target: p.scls, status: "STATUS_FORBIDDEN", times: 1000 });
    const since = ctx.nscl.mark();
    const first = ctx.nscl.awaitRequest(registrationFilter(ctx, { trigger: "register" }));
    ctx.expectEqual(first.status, "STATUS_FORBIDDEN", "the bench refused the registration", first);
    const all = quietList(ctx, registrationFilter(ctx, { since }));
    ctx.expectEqual(all.length, 1, "the refused registration was not repeated", all[all.length - 1]);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
