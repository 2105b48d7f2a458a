// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, awaitRegistered, dgApps, dgPaths } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_DAT_004",
    title: "A container already there (STATUS_CONFLICT) does not stop the D/GSCL's data",
    purpose: "TP_DG_DAT_004",
    objective: "Check that when the NSCL already holds the D/GSCL's container (from the node's earlier life) " +
        "and answers its CREATE with STATUS_CONFLICT, the node goes on to post its contentInstance " +
        "into that container, and the NSCL accepts it.",
    references: [
        { document: TS102690, clause: "9.3.2 (container management: contentInstance create)" },
        { document: TS102921, clause: "<contentInstance> (contentInstance.xsd)" },
        { document: TS102921, clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_DATA && PICS_DG_REG_CONFLICT",
    pixit: ["PX_DG_APPS", "PX_DG_DATA_CONTENT", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
    const p = dgPaths(ctx);
    awaitRegistered(ctx);
    const c = ctx.nscl.awaitRequest({ method: "CREATE", target: p.containers, root: "container", trigger: "containers" });
    ctx.expectEqual(c.status, "STATUS_CREATED", "the node's container exists (its earlier life)", c);
    ctx.nscl.reset({ keepRegistrations: true });
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const app = dgApps(ctx)[0];
    const since = ctx.nscl.mark();
    const i = ctx.nscl.awaitRequest({ method: "CREATE", target: `${p.containers}/${app}/contentInstances`, trigger: "data", app,
        content: ctx.pixit("PX_DG_DATA_CONTENT") });
    const made = ctx.nscl.requests({ since, method: "CREATE", target: p.containers, root: "container" });
    ctx.expectTrue(made.length > 0 && made[0].status === "STATUS_CONFLICT",
        `the container's CREATE was answered STATUS_CONFLICT (${made.length ? made[0].status : "none seen"})`, made[0] || i);
    ctx.expectTrue(made.length === 0 || made[0].n < i.n, "the contentInstance came after the conflict", i);
    ctx.expectValid(i, "contentInstance");
    ctx.expectEqual(i.status, "STATUS_CREATED", "the contentInstance went into the existing container", i);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
