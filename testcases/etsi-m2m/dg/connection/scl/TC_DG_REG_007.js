// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgPaths, intervals, quietList, registrationFilter } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_007",
    title: "A registration refused again and again is given up after a bounded number of attempts",
    purpose: "TP_DG_REG_007",
    objective: "Check that when the NSCL answers every registration with STATUS_SERVICE_UNAVAILABLE, the " +
        "D/GSCL makes at most PX_DG_REG_MAX_ATTEMPTS attempts (more than one), waits at least its " +
        "back-off between them with waits that do not shrink, and then stops: it does not hammer the " +
        "NSCL.",
    references: [
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "<scl> resource (scl.xsd)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_REG_RETRY",
    pixit: ["PX_DG_REG_MAX_ATTEMPTS", "PX_DG_REG_BACKOFF_MS", "PX_DG_REG_QUIET_MS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const max = ctx.pixit("PX_DG_REG_MAX_ATTEMPTS");
    ctx.nscl.answerNext({ method: "CREATE", target: p.scls, status: "STATUS_SERVICE_UNAVAILABLE", times: 1000 });
    const since = ctx.nscl.mark();
    const first = ctx.nscl.awaitRequest(registrationFilter(ctx, { trigger: "register" }));
    const all = quietList(ctx, registrationFilter(ctx, { since }));
    ctx.expectTrue(all.length > 1, `the node tried again (${all.length} attempts)`, first);
    ctx.expectTrue(all.length <= max, `at most ${max} attempts (${all.length})`, all[all.length - 1]);
    const gaps = intervals(all);
    ctx.expectTrue(gaps.every((g) => g >= ctx.pixit("PX_DG_REG_BACKOFF_MS")),
        `every wait (${gaps.join(", ")} ms) is at least the back-off`, all[all.length - 1]);
    ctx.expectTrue(gaps.every((g, i) => i === 0 || g >= gaps[i - 1] - 50), `the waits do not shrink (${gaps.join(", ")} ms)`, all[all.length - 1]);
    ctx.expectEqual(ctx.nscl.registered().registered, false, "the node is not registered", all[all.length - 1]);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
