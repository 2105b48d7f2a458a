// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, awaitRegistered, dgPaths } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_015",
    title: "A refresh the NSCL could not serve is repeated before the registration runs out",
    purpose: "TP_DG_REG_015",
    objective: "Check that when the NSCL answers the D/GSCL's refresh (UPDATE of its <scl>) with " +
        "STATUS_INTERNAL_SERVER_ERROR, the node repeats the refresh no sooner than its back-off and " +
        "before the granted expirationTime, with a valid <scl>, and stays registered.",
    references: [
        { document: TS102690, clause: "9.3.2.6.4" },
        { document: TS102921, clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_REG_REFRESH && PICS_DG_REG_RETRY",
    pixit: ["PX_DG_REG_SHORT_GRANT_S", "PX_DG_REG_BACKOFF_MS", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const grant = ctx.pixit("PX_DG_REG_SHORT_GRANT_S");
    ctx.nscl.grantLifetime(grant);
    ctx.nscl.answerNext({ method: "UPDATE", target: p.scl, status: "STATUS_INTERNAL_SERVER_ERROR" });
    const r = awaitRegistered(ctx);
    const first = ctx.nscl.awaitRequest({ since: r.n, method: "UPDATE", target: p.scl, trigger: "none", timeoutMs: (grant + 2) * 1000 });
    ctx.expectEqual(first.status, "STATUS_INTERNAL_SERVER_ERROR", "the bench failed the first refresh", first);
    const second = ctx.nscl.awaitRequest({ since: first.n, method: "UPDATE", target: p.scl, trigger: "none", timeoutMs: (grant + 2) * 1000 });
    const gap = second.atMs - first.atMs;
    ctx.expectTrue(gap >= ctx.pixit("PX_DG_REG_BACKOFF_MS"), `the refresh was repeated ${gap} ms later, not before the back-off`, second);
    ctx.expectTrue(second.atMs < r.atMs + grant * 1000,
        `the repeated refresh came ${second.atMs - r.atMs} ms after the registration, within the grant of ${grant} s`, second);
    ctx.expectValid(second, "scl");
    ctx.expectEqual(second.status, "STATUS_OK", "the repeated refresh was accepted", second);
    ctx.expectTrue(ctx.nscl.registered().registered, "the node is still registered", second);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
