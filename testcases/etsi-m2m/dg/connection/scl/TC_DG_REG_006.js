// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgPaths, expectRegistrationRequest, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_006",
    title: "A registration the NSCL could not serve is repeated after a back-off",
    purpose: "TP_DG_REG_006",
    objective: "Check that when the NSCL answers the registration with STATUS_SERVICE_UNAVAILABLE, the " +
        "D/GSCL repeats it no sooner than its back-off (PX_DG_REG_BACKOFF_MS) and is registered by " +
        "the second attempt.",
    references: [
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "<scl> resource (scl.xsd)" },
        { document: TS102921, clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_REG_RETRY",
    pixit: ["PX_DG_REG_BACKOFF_MS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    ctx.nscl.answerNext({ method: "CREATE", target: p.scls, status: "STATUS_SERVICE_UNAVAILABLE" });
    const first = ctx.nscl.awaitRequest(registrationFilter(ctx, { trigger: "register" }));
    ctx.expectEqual(first.status, "STATUS_SERVICE_UNAVAILABLE", "the first attempt was refused", first);
    const second = ctx.nscl.awaitRequest(registrationFilter(ctx, { since: first.n, trigger: "none" }));
    const gap = second.atMs - first.atMs;
    ctx.expectTrue(gap >= ctx.pixit("PX_DG_REG_BACKOFF_MS"),
        `the second attempt came ${gap} ms later, not before the back-off of ${ctx.pixit("PX_DG_REG_BACKOFF_MS")} ms`, second);
    expectRegistrationRequest(ctx, second);
    ctx.expectEqual(second.status, "STATUS_CREATED", "the second attempt registered the node", second);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
